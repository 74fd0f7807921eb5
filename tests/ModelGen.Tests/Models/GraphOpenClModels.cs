using ModelGen;

namespace ModelGen.Tests.Models
{
    // Functional models for OpenCl/GraphOpenClTests.cs, beside the Graph*.cs models those tests also run.

    /// <summary>
    /// Activations with device state on graph nodes: PReLU (a learned alpha, its own gradient kernel) reading an input,
    /// GELU (keeps z for its backward) on a fan-out node, a learned Swish beta, a softmax output with categorical
    /// cross-entropy and accuracy, and a sigmoid output with binary cross-entropy on a second input's concatenation.
    /// </summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-2f)]
    public partial class LearnedActivationGraph
    {
        [Input(6)] public static Node X { get; }
        [Input(3)] public static Node Side { get; }
        [Dense(20, Activation.PRelu, From = nameof(X))] public static Node A { get; }
        [Dense(20, Activation.Gelu, From = nameof(A))] public static Node B { get; }
        [Add(nameof(A), nameof(B))] public static Node Mixed { get; }
        [Dense(8, Activation.Swish, LearnBeta = true, From = nameof(Mixed))] public static Node C { get; }
        [Concatenate(nameof(Side), nameof(C))] public static Node Both { get; }
        [Dense(3, Activation.Softmax, From = nameof(Both))][Output(Loss = Loss.CategoricalCrossEntropy, LossWeight = 0.6f, Metrics = new[] { Metric.Accuracy })] public static Node Cls { get; }
        [Dense(2, Activation.Sigmoid, From = nameof(Mixed))][Output(Loss = Loss.BinaryCrossEntropy, LossWeight = 0.4f, Metrics = new[] { Metric.BinaryAccuracy })] public static Node Flag { get; }
    }

    /// <summary>
    /// Two nodes whose names differ only by case: their OpenCL kernel names (lower-cased node names plus suffixes)
    /// collide, so UseOpenCl refuses with the name to change; the CPU runs it.
    /// </summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    public partial class CaseClashGraph
    {
        [Input(4)] public static Node X { get; }
        [Dense(4, Activation.Tanh, From = nameof(X))] public static Node Hidden { get; }
        [Dense(4, Activation.Tanh, From = nameof(X))] public static Node HIDDEN { get; }
        [Add(nameof(Hidden), nameof(HIDDEN))][Output] public static Node Y { get; }
    }
}
