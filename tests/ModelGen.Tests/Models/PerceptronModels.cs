using ModelGen;

namespace ModelGen.Tests.Models
{
    // Networks for Runtime/PerceptronTests: the perceptron rule on threshold units, and XOR by backpropagation.

    /// <summary>One Heaviside threshold unit over two inputs, trained by the perceptron rule with η = 1, from zeros.</summary>
    [Model(Loss = Loss.Perceptron, Optimizer = Optimizer.Sgd, LearningRate = 1f)]
    [Input(2)]
    [Dense(1, Activation.Step, KernelInit = Init.Zeros)]
    public partial class ThresholdUnit;

    /// <summary>Three sign units over four inputs, perceptron rule with η = 0.1, Glorot-initialized.</summary>
    [Model(Loss = Loss.Perceptron, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
    [Input(4)]
    [Dense(3, Activation.Sign)]
    public partial class SignUnits;

    /// <summary>XOR by backpropagation: 2 → 4 tanh → 1 sigmoid, binary cross-entropy, Adam.</summary>
    [Model(Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.05f, Metrics = new[] { Metric.Accuracy })]
    [Input(2)]
    [Dense(4, Activation.Tanh)]
    [Dense(1, Activation.Sigmoid)]
    public partial class XorMlp;
}
