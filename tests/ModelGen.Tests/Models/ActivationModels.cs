using System;
using ModelGen;

namespace ModelGen.Tests.Models
{
    // The networks of Fixtures/activations.json (written by Fixtures/make_activations.py): one per activation and
    // parameter setting, each 4 -> 6 act -> 20 act -> 3 linear, MSE, SGD (lr 0.05). UnrollThreshold = 64 makes the
    // first layer (24 weights) and the last (60) unrolled and the middle one (120) a looped micro-kernel layer, so
    // every activation runs in both forms, as a first layer (no input gradient) and an inner one.

    /// <summary>Fixture case "identity": Activation.Identity.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Identity)]
    [Dense(20, Activation.Identity)]
    [Dense(3)]
    public partial class ActIdentityNet;

    /// <summary>Fixture case "step": Activation.Step.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Step)]
    [Dense(20, Activation.Step)]
    [Dense(3)]
    public partial class ActStepNet;

    /// <summary>Fixture case "sign": Activation.Sign.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Sign)]
    [Dense(20, Activation.Sign)]
    [Dense(3)]
    public partial class ActSignNet;

    /// <summary>Fixture case "sigmoid": Activation.Sigmoid.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Sigmoid)]
    [Dense(20, Activation.Sigmoid)]
    [Dense(3)]
    public partial class ActSigmoidNet;

    /// <summary>Fixture case "hard_sigmoid": Activation.HardSigmoid.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.HardSigmoid)]
    [Dense(20, Activation.HardSigmoid)]
    [Dense(3)]
    public partial class ActHardSigmoidNet;

    /// <summary>Fixture case "tanh": Activation.Tanh.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Tanh)]
    [Dense(20, Activation.Tanh)]
    [Dense(3)]
    public partial class ActTanhNet;

    /// <summary>Fixture case "arctan": Activation.ArcTan.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.ArcTan)]
    [Dense(20, Activation.ArcTan)]
    [Dense(3)]
    public partial class ActArcTanNet;

    /// <summary>Fixture case "relu": Activation.Relu.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Relu)]
    [Dense(20, Activation.Relu)]
    [Dense(3)]
    public partial class ActReluNet;

    /// <summary>Fixture case "leaky_relu": Activation.LeakyRelu.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.LeakyRelu)]
    [Dense(20, Activation.LeakyRelu)]
    [Dense(3)]
    public partial class ActLeakyReluNet;

    /// <summary>Fixture case "leaky_relu_005": Activation.LeakyRelu, NegativeSlope = 0.05f.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.LeakyRelu, NegativeSlope = 0.05f)]
    [Dense(20, Activation.LeakyRelu, NegativeSlope = 0.05f)]
    [Dense(3)]
    public partial class ActLeakyRelu005Net;

    /// <summary>Fixture case "prelu": Activation.PRelu.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.PRelu)]
    [Dense(20, Activation.PRelu)]
    [Dense(3)]
    public partial class ActPReluNet;

    /// <summary>Fixture case "rrelu_fixed": Activation.RRelu, RReluLower = 0.2f, RReluUpper = 0.2f.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.RRelu, RReluLower = 0.2f, RReluUpper = 0.2f)]
    [Dense(20, Activation.RRelu, RReluLower = 0.2f, RReluUpper = 0.2f)]
    [Dense(3)]
    public partial class ActRReluFixedNet;

    /// <summary>Fixture case "rrelu": Activation.RRelu.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.RRelu)]
    [Dense(20, Activation.RRelu)]
    [Dense(3)]
    public partial class ActRReluNet;

    /// <summary>Fixture case "elu": Activation.Elu.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Elu)]
    [Dense(20, Activation.Elu)]
    [Dense(3)]
    public partial class ActEluNet;

    /// <summary>Fixture case "elu_05": Activation.Elu, Alpha = 0.5f.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Elu, Alpha = 0.5f)]
    [Dense(20, Activation.Elu, Alpha = 0.5f)]
    [Dense(3)]
    public partial class ActElu05Net;

    /// <summary>Fixture case "selu": Activation.Selu.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Selu)]
    [Dense(20, Activation.Selu)]
    [Dense(3)]
    public partial class ActSeluNet;

    /// <summary>Fixture case "gelu": Activation.Gelu.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Gelu)]
    [Dense(20, Activation.Gelu)]
    [Dense(3)]
    public partial class ActGeluNet;

    /// <summary>Fixture case "gelu_tanh": Activation.GeluTanh.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.GeluTanh)]
    [Dense(20, Activation.GeluTanh)]
    [Dense(3)]
    public partial class ActGeluTanhNet;

    /// <summary>Fixture case "gelu_sigmoid": Activation.GeluSigmoid.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.GeluSigmoid)]
    [Dense(20, Activation.GeluSigmoid)]
    [Dense(3)]
    public partial class ActGeluSigmoidNet;

    /// <summary>Fixture case "swish": Activation.Swish.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Swish)]
    [Dense(20, Activation.Swish)]
    [Dense(3)]
    public partial class ActSwishNet;

    /// <summary>Fixture case "swish_15": Activation.Swish, Beta = 1.5f.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Swish, Beta = 1.5f)]
    [Dense(20, Activation.Swish, Beta = 1.5f)]
    [Dense(3)]
    public partial class ActSwish15Net;

    /// <summary>Fixture case "swish_learned": Activation.Swish, LearnBeta = true, Beta = 0.8f.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Swish, LearnBeta = true, Beta = 0.8f)]
    [Dense(20, Activation.Swish, LearnBeta = true, Beta = 0.8f)]
    [Dense(3)]
    public partial class ActSwishLearnedNet;

    /// <summary>Fixture case "mish": Activation.Mish.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Mish)]
    [Dense(20, Activation.Mish)]
    [Dense(3)]
    public partial class ActMishNet;

    /// <summary>Fixture case "softplus": Activation.Softplus.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Softplus)]
    [Dense(20, Activation.Softplus)]
    [Dense(3)]
    public partial class ActSoftplusNet;

    /// <summary>Fixture case "softsign": Activation.Softsign.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Softsign)]
    [Dense(20, Activation.Softsign)]
    [Dense(3)]
    public partial class ActSoftsignNet;

    /// <summary>Fixture case "exponential": Activation.Exponential.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Exponential)]
    [Dense(20, Activation.Exponential)]
    [Dense(3)]
    public partial class ActExponentialNet;

    /// <summary>Fixture case "softmax": Activation.Softmax.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 64)]
    [Input(4)]
    [Dense(6, Activation.Softmax)]
    [Dense(20, Activation.Softmax)]
    [Dense(3)]
    public partial class ActSoftmaxNet;

    /// <summary>Creates the network of each fixture case.</summary>
    public static class ActivationModels
    {
        /// <summary>Every case of the fixture.</summary>
        public static readonly string[] Cases =
        {
            "identity", "step", "sign", "sigmoid", "hard_sigmoid", "tanh", "arctan", "relu", "leaky_relu", "leaky_relu_005", "prelu", "rrelu_fixed", "rrelu", "elu", "elu_05", "selu", "gelu", "gelu_tanh", "gelu_sigmoid", "swish", "swish_15", "swish_learned", "mish", "softplus", "softsign", "exponential", "softmax",
        };

        /// <summary>The network of <paramref name="name"/>.</summary>
        public static CompiledModel Create(string name, int seed = 1) => name switch
        {
            "identity" => new ActIdentityNet(seed),
            "step" => new ActStepNet(seed),
            "sign" => new ActSignNet(seed),
            "sigmoid" => new ActSigmoidNet(seed),
            "hard_sigmoid" => new ActHardSigmoidNet(seed),
            "tanh" => new ActTanhNet(seed),
            "arctan" => new ActArcTanNet(seed),
            "relu" => new ActReluNet(seed),
            "leaky_relu" => new ActLeakyReluNet(seed),
            "leaky_relu_005" => new ActLeakyRelu005Net(seed),
            "prelu" => new ActPReluNet(seed),
            "rrelu_fixed" => new ActRReluFixedNet(seed),
            "rrelu" => new ActRReluNet(seed),
            "elu" => new ActEluNet(seed),
            "elu_05" => new ActElu05Net(seed),
            "selu" => new ActSeluNet(seed),
            "gelu" => new ActGeluNet(seed),
            "gelu_tanh" => new ActGeluTanhNet(seed),
            "gelu_sigmoid" => new ActGeluSigmoidNet(seed),
            "swish" => new ActSwishNet(seed),
            "swish_15" => new ActSwish15Net(seed),
            "swish_learned" => new ActSwishLearnedNet(seed),
            "mish" => new ActMishNet(seed),
            "softplus" => new ActSoftplusNet(seed),
            "softsign" => new ActSoftsignNet(seed),
            "exponential" => new ActExponentialNet(seed),
            "softmax" => new ActSoftmaxNet(seed),
            _ => throw new ArgumentException(name),
        };
    }
}

namespace ModelGen.Tests.Models
{
    /// <summary>
    /// The activations the fully fused OpenCL kernels take, 70 wide so the per-layer kernels run instead: 4 -> 70 sign
    /// -> 70 step -> 70 hard sigmoid -> 70 leaky ReLU -> 70 ELU -> 70 SELU -> 70 softplus -> 70 softsign -> 70
    /// exponential -> 3, MSE, SGD (lr 0.01).
    /// </summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    [Input(4)]
    [Dense(70, Activation.Sign)]
    [Dense(70, Activation.Step)]
    [Dense(70, Activation.HardSigmoid)]
    [Dense(70, Activation.LeakyRelu, NegativeSlope = 0.1f)]
    [Dense(70, Activation.Elu, Alpha = 0.7f)]
    [Dense(70, Activation.Selu)]
    [Dense(70, Activation.Softplus)]
    [Dense(70, Activation.Softsign)]
    [Dense(70, Activation.Exponential)]
    [Dense(3)]
    public partial class ActWideChainNet;

    /// <summary>
    /// Every activation at once, Adam: 8 -> 24 GELU -> 24 PReLU -> 24 RReLU -> 24 Swish (learned beta) -> 24 Mish ->
    /// 24 arctan -> 24 GELU (tanh) -> 24 leaky ReLU -> 24 ELU -> 10 softmax, sparse cross-entropy. For the allocation
    /// tests and training with the new activations end to end.
    /// </summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(8)]
    [Dense(24, Activation.Gelu)]
    [Dense(24, Activation.PRelu)]
    [Dense(24, Activation.RRelu)]
    [Dense(24, Activation.Swish, LearnBeta = true)]
    [Dense(24, Activation.Mish)]
    [Dense(24, Activation.ArcTan)]
    [Dense(24, Activation.GeluTanh)]
    [Dense(24, Activation.LeakyRelu)]
    [Dense(24, Activation.Elu)]
    [Dense(10, Activation.Softmax)]
    public partial class ActEverythingNet;
}

namespace ModelGen.Tests.Models
{
    /// <summary>
    /// RReLU's slopes made visible: 1 → 32 RReLU (no bias) → 1 (no bias), MSE. With the first kernel at -1 and the
    /// input 1, every pre-activation is -1 and y_j = -slope_j; with the second kernel at 0 and the target 1, the
    /// gradient of dense_1.kernel[j] is 2 · slope_j.
    /// </summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(1)]
    [Dense(32, Activation.RRelu, UseBias = false)]
    [Dense(1, UseBias = false)]
    public partial class RReluProbeNet;
}
