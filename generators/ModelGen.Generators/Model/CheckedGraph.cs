using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Model
{
    /// <summary>
    /// A functional model that passed validation: its nodes in a topological schedule (ties broken by declaration
    /// order, so the schedule is deterministic), every shape inferred, every default filled in. Holds no locations.
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal, as every record of the model.</remarks>
    public sealed record CheckedGraph(
        string? Namespace,
        string ClassName,
        Optimizer Optimizer,
        float LearningRate,
        EquatableArray<CheckedNode> Schedule);

    /// <summary>One node: what it reads (node names), its output shape, its layer (Input and Dense) and its output settings.</summary>
    public sealed record CheckedNode(
        NodeKind Kind,
        string Name,
        EquatableArray<string> Inputs,
        EquatableArray<int> OutputShape,
        CheckedLayer? Layer,
        CheckedOutput? Output);

    /// <summary>An output's loss, its weight in the total loss, and its metrics (<see cref="Metric"/> values).</summary>
    public sealed record CheckedOutput(Loss Loss, float LossWeight, bool FromLogits, EquatableArray<int> Metrics)
    {
        /// <summary>Huber's delta for this output (Keras' default 1; read only with Loss.Huber).</summary>
        public float HuberDelta { get; init; } = 1f;
    }
}
