using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Plan
{
    // The graph view of every plan: a sequential model is a chain, a functional model any DAG.
    public sealed partial record ModelPlan
    {
        /// <summary>The model as a scheduled graph of nodes (the sequential layers as a chain).</summary>
        public GraphPlan? Graph { get; init; }
    }

    /// <summary>
    /// The graph IR: nodes in forward schedule order (a topological order fixed at compile time; backward walks it in
    /// reverse) with the static memory plan of their per-sample buffers. Offsets are in floats per sample, as
    /// <see cref="DensePlan"/>'s buffers; -1 means no buffer (an input node's value is the caller's span; an input has
    /// no gradient; Flatten aliases its predecessor).
    /// </summary>
    /// <param name="Schedule">The nodes in forward order.</param>
    /// <param name="ParameterCount">Trainable parameters of all nodes.</param>
    /// <param name="ValueFloats">Training: every value kept for the backward pass (per sample).</param>
    /// <param name="GradientFloats">Training: gradient buffers, reused by lifetime along the backward pass (per sample).</param>
    /// <param name="GradientFloatsWithoutReuse">What the gradients would take with one buffer each (the debugging layout).</param>
    /// <param name="InferenceFloats">Inference: values reused by lifetime along the forward pass (per sample).</param>
    /// <remarks>Must stay immutable and structurally equal, as the whole plan.</remarks>
    public sealed record GraphPlan(
        EquatableArray<NodePlan> Schedule,
        int ParameterCount,
        int ValueFloats,
        int GradientFloats,
        int GradientFloatsWithoutReuse,
        int InferenceFloats)
    {
        /// <summary>Whether the model was declared as a graph (Node properties), so the graph emitter writes it.</summary>
        public bool IsFunctional { get; init; }

        /// <summary>Functional models: per-sample offset of the gradient buffers in the activation arena (after the values).</summary>
        public int GradientBase { get; init; }

        /// <summary>Functional models: per-sample offset of the scratch row a second gradient contribution is written to before it is added.</summary>
        public int ScratchBuffer { get; init; }

        /// <summary>The input nodes' column offsets in the packed input row, by schedule index (-1 for other nodes).</summary>
        public EquatableArray<int> InputColumns { get; init; } = EquatableArray<int>.Empty;

        /// <summary>The output nodes' column offsets in the packed output and target rows, by schedule index (-1 for other nodes).</summary>
        public EquatableArray<int> OutputColumns { get; init; } = EquatableArray<int>.Empty;

        /// <summary>Per-sample offset of the packed output rows (every output side by side; a single output's own rows when it is read in place, as a sequential model's last layer).</summary>
        public int PackedOutputBuffer { get; init; }

        /// <summary>
        /// Functional models: the output nodes' column offsets in the packed target rows, by schedule index (-1 for
        /// other nodes). An output's targets take as many columns as its units, except a sparse categorical
        /// cross-entropy output's, which take one: the class index, as a float.
        /// </summary>
        public EquatableArray<int> TargetColumns { get; init; } = EquatableArray<int>.Empty;

        /// <summary>Functional models: floats per packed target row (the output size, less k - 1 per k-class sparse output).</summary>
        public int TargetSize { get; init; }
    }

    /// <summary>
    /// One scheduled node: its kind, what it reads, its output shape and row width (padded to 16 floats), and its
    /// buffers in the three layouts of <see cref="GraphPlan"/>.
    /// </summary>
    public sealed record NodePlan(
        string Name,
        string Kind,
        EquatableArray<string> Inputs,
        EquatableArray<int> OutputShape,
        int ParameterCount,
        int Width,
        int ValueBuffer,
        int GradientBuffer,
        int InferenceBuffer,
        GraphOutputPlan? Output)
    {
        /// <summary>
        /// Whether the node takes no gradient: a model input, or a node that only standardizes or renames one (a
        /// Normalization, a sequential Flatten). Nothing writes gradient rows for it, and a step reading it writes no input gradient.
        /// </summary>
        public bool NoGradient { get; init; }
    }

    /// <summary>An output: its loss, its weight in the total loss and History's names for it (Keras': "{name}_loss").</summary>
    public sealed record GraphOutputPlan(Loss Loss, float LossWeight, string HistoryLossName, EquatableArray<string> HistoryMetricNames)
    {
        /// <summary>The output holds logits and its cross-entropy applies sigmoid or softmax itself.</summary>
        public bool FromLogits { get; init; }

        /// <summary>Huber's delta (Keras' default 1), read only when <see cref="Loss"/> is Huber.</summary>
        public float HuberDelta { get; init; } = 1f;

        /// <summary>Whether the output trains on one integer class index per sample (sparse categorical cross-entropy).</summary>
        public bool TakesLabels => Loss == Loss.SparseCategoricalCrossEntropy;

        /// <summary>The declared metrics, resolved ("accuracy" to the accuracy that fits the output), in the order of <see cref="HistoryMetricNames"/>.</summary>
        public EquatableArray<MetricPlan> Metrics { get; init; } = EquatableArray<MetricPlan>.Empty;
    }
}
