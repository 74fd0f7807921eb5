using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Plan
{
    /// <summary>
    /// The backend-neutral intermediate representation: a list of fused steps with every shape and every buffer
    /// offset a constant. Emitters (C# today, OpenCL next) are pure functions of it.
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal, so an edit that leaves the plan equal stops the pipeline.</remarks>
    public sealed partial record ModelPlan(
        string? Namespace,
        string ClassName,
        EquatableArray<int> InputShape,
        int InputSize,
        int OutputSize,
        int OutputStride,
        LossPlan Loss,
        OptimizerPlan Optimizer,
        EquatableArray<LayerPlan> Layers,
        MemoryPlan Memory)
    {
        /// <summary>Regularizer penalties, gradient clipping and kernel constraints (none by default).</summary>
        public TrainingMathPlan Training { get; init; } = TrainingMathPlan.None;

        /// <summary>The Dense steps in forward order (Flatten lowers to no step: it only renames a contiguous buffer).</summary>
        public System.Collections.Generic.IEnumerable<DensePlan> DenseSteps
        {
            get
            {
                foreach (LayerPlan layer in Layers)
                {
                    if (layer.Dense is { } dense) yield return dense;
                }
            }
        }
    }

    /// <summary>A declared layer as the summary shows it; <see cref="Dense"/> is set for layers that compute.</summary>
    public sealed record LayerPlan(
        string Name,
        string Kind,
        EquatableArray<int> OutputShape,
        int ParameterCount,
        DensePlan? Dense);

    /// <summary>
    /// One fused Dense step: <c>y = activation(x W + b)</c> forward; activation derivative, weight, bias and input
    /// gradients backward. Offsets are in floats: parameters from the parameter arena's start, activations per sample
    /// (the buffer starts at offset * batch capacity and holds [capacity, width] rows).
    /// </summary>
    public sealed record DensePlan(
        string Name,
        string MethodStem,
        int Inputs,
        int Units,
        Activation Activation,
        bool UseBias,
        Init KernelInit,
        Init BiasInit,
        int KernelOffset,
        int BiasOffset,
        int InputBuffer,
        int OutputBuffer,
        int DeltaBuffer,
        int InputDeltaBuffer,
        int InputStride,
        bool Unrolled,
        ActivationPlan? ActivationDetail = null)
    {
        /// <summary>The activation with its constants, learned tensor and z buffer.</summary>
        public ActivationPlan Act => ActivationDetail ?? ActivationPlan.Plain(Activation);

        /// <summary>Declared <c>Trainable = false</c>: no kernel or bias gradient, no update (TrainingMathPlanner).</summary>
        public bool Frozen { get; init; }

        /// <summary>Whether the backward pass must run for this step: it trains, or a layer before it does (which needs its input gradient).</summary>
        public bool NeedsBackward { get; init; } = true;

        /// <summary>The rate of the dropout applied to this layer's output while training; 0 when none (Ops/Dropout.CSharp.cs).</summary>
        public float DropoutRate { get; init; }

        /// <summary>Whether that dropout is [AlphaDropout] (Keras AlphaDropout) rather than [Dropout].</summary>
        public bool AlphaDropout { get; init; }

        /// <summary>The batch normalization of this step's output; null when none (Ops/BatchNorm.CSharp.cs).</summary>
        public BatchNormPlan? BatchNorm { get; init; }

        /// <summary>Batch normalizations folded into this step for inference; null when none (Planning/BatchNormPlanner.cs).</summary>
        public FoldPlan? Fold { get; init; }

        /// <summary>Marks the model input as a step's input buffer (the input comes from the caller's pointer).</summary>
        public const int ModelInput = -1;

        /// <summary>Columns of a full kernel panel (see <c>ModelGen.Kernels.PanelLayout</c>).</summary>
        public const int PanelWidth = 32;

        /// <summary>Whether no input gradient is needed: the step reads the model input (or a Normalization of it).</summary>
        public bool IsFirst => InputDeltaBuffer == ModelInput;

        /// <summary>Units padded to a multiple of 16: the packed kernel's width and the row stride of y and dy.</summary>
        public int PaddedUnits => (Units + 15) / 16 * 16;

        /// <summary>Full 32-column panels of the packed kernel.</summary>
        public int FullPanels => PaddedUnits / PanelWidth;

        /// <summary>Whether a last 16-column panel follows the full ones.</summary>
        public bool HasHalfPanel => PaddedUnits % PanelWidth != 0;

        /// <summary>Offset of element (row, column) of the kernel in the packed layout, relative to the kernel's start.</summary>
        public int PackedOffset(int row, int column)
        {
            int panel = column / PanelWidth;
            int width = System.Math.Min(PanelWidth, PaddedUnits - panel * PanelWidth);
            return panel * PanelWidth * Inputs + row * width + column % PanelWidth;
        }
    }

    /// <summary>The loss, and how its gradient enters the last layer.</summary>
    /// <param name="Kind">The loss.</param>
    /// <param name="FromLogits">The output holds logits and the loss applies sigmoid (binary) or softmax (categorical) itself.</param>
    /// <param name="FusedWithOutput">
    /// The loss gradient is taken directly with respect to the last layer's pre-activation (softmax with a categorical
    /// cross-entropy, sigmoid with binary cross-entropy: <c>p - y</c>), so the last layer skips its activation derivative.
    /// </param>
    public sealed record LossPlan(Loss Kind, bool FromLogits, bool FusedWithOutput)
    {
        /// <summary>Huber's delta (Keras default 1.0; read only by <see cref="Loss.Huber"/>).</summary>
        public float HuberDelta { get; init; } = 1f;

        /// <summary>The declared metrics, resolved (Keras' "accuracy" becomes the accuracy that fits the targets).</summary>
        public EquatableArray<MetricPlan> Metrics { get; init; } = EquatableArray<MetricPlan>.Empty;

        /// <summary>Whether the loss takes integer class labels (else float target rows [count, outputs]).</summary>
        public bool TakesLabels => Kind == Loss.SparseCategoricalCrossEntropy;
    }

    /// <summary>A metric as History reports it: its Keras name and what it computes.</summary>
    public sealed record MetricPlan(string Name, Metric Kind);

    /// <summary>
    /// The optimizer, the values its run-time properties start from (Keras defaults where not declared; 0 where the
    /// optimizer does not read them) and its structure: the flags that add state slots (<see cref="Ops.OptimizerRules.Slots"/>).
    /// </summary>
    public sealed record OptimizerPlan(Optimizer Kind, float LearningRate, float Beta1, float Beta2, float Epsilon, float Momentum, bool Nesterov, int StateSlots,
        float Rho = 0, bool AmsGrad = false, bool Centered = false, float InitialAccumulatorValue = 0, float WeightDecay = 0);

    /// <summary>
    /// Sizes of the arenas, in floats. Every tensor and activation buffer starts on a 64-byte boundary (16 floats).
    /// Gradients mirror <see cref="ParameterFloats"/>; the optimizer state holds <see cref="OptimizerPlan.StateSlots"/>
    /// copies of the parameter layout (Adam: m then v).
    /// </summary>
    public sealed record MemoryPlan(
        int ParameterFloats,
        int OptimizerStateFloats,
        int ActivationFloatsPerSample,
        EquatableArray<TensorPlan> Tensors);

    /// <summary>A parameter tensor: name, logical shape, offset in the parameter arena, storage and initializer.</summary>
    public sealed partial record TensorPlan(string Name, EquatableArray<int> Shape, int Offset, int Length, bool Packed, Init Init, int FanIn, int FanOut);
}
