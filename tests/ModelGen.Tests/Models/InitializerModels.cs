using System;
using ModelGen;

namespace ModelGen.Tests.Models
{
    // Networks declaring every initializer and its arguments (Runtime/ModelInitializationTests, OpenCl/OpenClInitializerTests).

    /// <summary>
    /// 20 → 40 tanh (Orthogonal, wide, gain 1.5; bias Constant 0.25) → 24 relu (Identity gain 2; bias U(-0.1, 0.3)) →
    /// 7 (VarianceScaling 2, fan_avg, uniform; bias TruncatedNormal(1, 0.5)), MSE, Adam. 40 units pack into a 32-wide
    /// and a 16-wide panel with 8 padding columns; the first two layers loop, the last is unrolled.
    /// </summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    [Input(20)]
    [Dense(40, Activation.Tanh, KernelInit = Init.Orthogonal, KernelGain = 1.5, BiasInit = Init.Constant, BiasValue = 0.25)]
    [Dense(24, Activation.Relu, KernelInit = Init.Identity, KernelGain = 2, BiasInit = Init.RandomUniform, BiasMinval = -0.1, BiasMaxval = 0.3)]
    [Dense(7, KernelInit = Init.VarianceScaling, KernelScale = 2.0, KernelMode = FanMode.FanAvg, KernelDistribution = InitDistribution.Uniform,
        BiasInit = Init.TruncatedNormal, BiasMean = 1, BiasStddev = 0.5)]
    public partial class InitializerShowcase
    {
        /// <summary>A copy of the whole parameter arena, padding included.</summary>
        public unsafe float[] ParameterArena() => new ReadOnlySpan<float>(Parameters, Layout.ParameterFloats).ToArray();
    }

    /// <summary>
    /// 6 → 33 relu (HeUniform; bias Ones) → 17 tanh (LeCunNormal; bias RandomNormal stddev 0.1) → 9 sigmoid
    /// (GlorotNormal; bias VarianceScaling 0.1, fan_out, uniform) → 4 softmax (RandomUniform ±0.2; LeCunUniform bias),
    /// sparse categorical cross-entropy, SGD.
    /// </summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.05f)]
    [Input(6)]
    [Dense(33, Activation.Relu, KernelInit = Init.HeUniform, BiasInit = Init.Ones)]
    [Dense(17, Activation.Tanh, KernelInit = Init.LeCunNormal, BiasInit = Init.RandomNormal, BiasStddev = 0.1)]
    [Dense(9, Activation.Sigmoid, KernelInit = Init.GlorotNormal, BiasInit = Init.VarianceScaling, BiasScale = 0.1, BiasMode = FanMode.FanOut, BiasDistribution = InitDistribution.Uniform)]
    [Dense(4, Activation.Softmax, KernelInit = Init.RandomUniform, KernelMinval = -0.2, KernelMaxval = 0.2, BiasInit = Init.LeCunUniform)]
    public partial class InitializerFamilies
    {
        /// <summary>A copy of the whole parameter arena, padding included.</summary>
        public unsafe float[] ParameterArena() => new ReadOnlySpan<float>(Parameters, Layout.ParameterFloats).ToArray();
    }

    /// <summary>3 → 5 tanh (Orthogonal, tall-from-wide [3, 5]; bias TruncatedNormal) → 2 (Identity gain 0.5; bias Zeros), MSE, SGD: all unrolled.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
    [Input(3)]
    [Dense(5, Activation.Tanh, KernelInit = Init.Orthogonal, BiasInit = Init.TruncatedNormal)]
    [Dense(2, KernelInit = Init.Identity, KernelGain = 0.5, BiasInit = Init.Zeros)]
    public partial class TinyOrthogonalNet
    {
        /// <summary>A copy of the whole parameter arena, padding included.</summary>
        public unsafe float[] ParameterArena() => new ReadOnlySpan<float>(Parameters, Layout.ParameterFloats).ToArray();
    }
}
