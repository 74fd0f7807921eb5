using ModelGen;

namespace ModelGen.Tests.Models
{
    // The networks of Fixtures/reference.json (written by Fixtures/make_reference.py), declared as a user would.

    /// <summary>6 → 5 ReLU → 4 tanh → 3 softmax, sparse cross-entropy, Adam (lr 0.01).</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(6)]
    [Dense(5, Activation.Relu)]
    [Dense(4, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class ClassifierNet;

    /// <summary>5 → 7 sigmoid → 2 linear, MSE, SGD (lr 0.1).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(7, Activation.Sigmoid)]
    [Dense(2)]
    public partial class RegressorNet;

    /// <summary>4 → 6 ReLU → 3 logits, sparse cross-entropy from logits, SGD (lr 0.05).</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 0)]
    [Input(4)]
    [Dense(6, Activation.Relu)]
    [Dense(3)]
    public partial class LogitsNet;

    /// <summary>8 → 16 tanh → 16 tanh → 1, MSE, Adam (lr 0.001): small enough to be unrolled.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f)]
    [Input(8)]
    [Dense(16, Activation.Tanh)]
    [Dense(16, Activation.Tanh)]
    [Dense(1)]
    public partial class TinyNet;
}

namespace ModelGen.Tests.Models
{
    /// <summary>20 → 45 ReLU → 16 sigmoid → 10 softmax, Adam (lr 0.005): widths that cover every register tile.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.005f, UnrollThreshold = 0)]
    [Input(20)]
    [Dense(45, Activation.Relu)]
    [Dense(16, Activation.Sigmoid)]
    [Dense(10, Activation.Softmax)]
    public partial class WideNet;

    /// <summary>3 → 4 tanh → 5 softmax under MSE, SGD (lr 0.5): softmax's Jacobian in the backward pass.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.5f, UnrollThreshold = 0)]
    [Input(3)]
    [Dense(4, Activation.Tanh)]
    [Dense(5, Activation.Softmax)]
    public partial class SoftmaxMseNet;
}

namespace ModelGen.Tests.Models
{
    /// <summary>5 → 6 tanh → 3 softmax, SGD with momentum 0.9 (lr 0.05).</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class MomentumNet;

    /// <summary>5 → 6 ReLU → 2 linear, MSE, SGD with Nesterov momentum 0.8 (lr 0.05).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.8f, Nesterov = true)]
    [Input(5)]
    [Dense(6, Activation.Relu)]
    [Dense(2)]
    public partial class NesterovNet;
}
