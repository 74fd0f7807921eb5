using ModelGen;

namespace ModelGen.Tests.Models
{
    // Functional (graph) models for Numerics/GraphModelTests.cs. Their nodes are get-only Node properties.

    /// <summary>
    /// The wide &amp; deep model of Fixtures/make_graphs.py: wide [5] and deep [6] inputs, two ReLU layers of 30 on the
    /// deep path, the main output on [wide, hidden2], an auxiliary output on hidden2 (fan-out), weighted 0.9 / 0.1.
    /// </summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    public partial class WideAndDeepNet
    {
        [Input(5)] public static Node Wide { get; }
        [Input(6)] public static Node Deep { get; }
        [Dense(30, Activation.Relu, From = nameof(Deep))] public static Node Hidden1 { get; }
        [Dense(30, Activation.Relu, From = nameof(Hidden1))] public static Node Hidden2 { get; }
        [Concatenate(nameof(Wide), nameof(Hidden2))] public static Node Concat { get; }
        [Dense(1, From = nameof(Concat), Name = "main_output")][Output(LossWeight = 0.9f)] public static Node MainOutput { get; }
        [Dense(1, From = nameof(Hidden2), Name = "aux_output")][Output(LossWeight = 0.1f)] public static Node AuxOutput { get; }
    }

    /// <summary>
    /// Every merge kind and fan-out, smooth activations only (finite differences need no kink handling): X feeds A,
    /// Residual, Mean and Both; A feeds Residual and Gated; a second output reads Residual, so its gradient sums three paths.
    /// </summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    public partial class EveryMergeNet
    {
        [Input(7)] public static Node X { get; }
        [Dense(7, Activation.Tanh, From = nameof(X))] public static Node A { get; }
        [Add(nameof(X), nameof(A))] public static Node Residual { get; }
        [Dense(7, Activation.Sigmoid, From = nameof(Residual))] public static Node Gate { get; }
        [Multiply(nameof(Gate), nameof(A))] public static Node Gated { get; }
        [Average(nameof(Gated), nameof(X), nameof(Residual))] public static Node Mean { get; }
        [Concatenate(nameof(Mean), nameof(X), nameof(A))] public static Node Both { get; }
        [Dense(3, Activation.Tanh, From = nameof(Both))] public static Node Head { get; }
        [Dense(2, From = nameof(Head))][Output(LossWeight = 0.7f)] public static Node Y { get; }
        [Dense(1, From = nameof(Residual))][Output(LossWeight = 0.3f)] public static Node Side { get; }
    }

    /// <summary>A residual MLP: two blocks x + Dense(Dense(x)), with 40 units so the Dense steps loop instead of unrolling.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    public partial class ResidualMlp
    {
        [Input(40)] public static Node X { get; }
        [Dense(40, Activation.Tanh, From = nameof(X))] public static Node Block1A { get; }
        [Dense(40, From = nameof(Block1A))] public static Node Block1B { get; }
        [Add(nameof(X), nameof(Block1B))] public static Node Skip1 { get; }
        [Dense(40, Activation.Tanh, From = nameof(Skip1))] public static Node Block2A { get; }
        [Dense(40, From = nameof(Block2A))] public static Node Block2B { get; }
        [Add(nameof(Skip1), nameof(Block2B))] public static Node Skip2 { get; }
        [Dense(1, From = nameof(Skip2))][Output] public static Node Y { get; }
    }
}
