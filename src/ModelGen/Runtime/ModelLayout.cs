using System;

namespace ModelGen
{
    /// <summary>One named parameter tensor inside a model's parameter arena, and how to initialize it.</summary>
    /// <param name="Name">The tensor name, <c>{layer}.kernel</c> or <c>{layer}.bias</c> (the names used in saved files).</param>
    /// <param name="Shape">The logical shape, row-major; a Dense kernel is [inputs, units] as in Keras.</param>
    /// <param name="Offset">Offset of the first element, in floats, from the start of the arena.</param>
    /// <param name="Packed">Whether the tensor is stored in <see cref="Kernels.PanelLayout"/> (Dense kernels) rather than row-major.</param>
    /// <param name="Init">The initializer.</param>
    /// <param name="FanIn">The initializer's fan-in.</param>
    /// <param name="FanOut">The initializer's fan-out.</param>
    /// <param name="Arguments">The initializer's arguments; null for Keras' defaults.</param>
    public sealed record TensorSpec(string Name, int[] Shape, int Offset, bool Packed, Init Init, int FanIn, int FanOut, InitArguments? Arguments = null)
    {
        /// <summary>The number of logical elements.</summary>
        public int Length
        {
            get
            {
                int n = 1;
                foreach (int d in Shape) n *= d;
                return n;
            }
        }

        /// <summary>Floats the tensor occupies in the arena (padding included).</summary>
        public int StoredLength => Packed ? Kernels.PanelLayout.PackedLength(Shape[0], Shape[1]) : Length;

        /// <summary>The shape as text, e.g. <c>[784, 300]</c>.</summary>
        public string ShapeText => FormatShape(Shape);

        internal static string FormatShape(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
    }

    /// <summary>A metric as the model reports it: its Keras name ("accuracy", "mae", ...) and what it computes.</summary>
    /// <param name="Name">The name in <see cref="History"/> and the progress line; validation values add "val_".</param>
    /// <param name="Kind">The metric, with Keras' "accuracy" already resolved to the accuracy that fits the targets.</param>
    public sealed record MetricSpec(string Name, Metric Kind);

    /// <summary>
    /// Everything the runtime needs to know about a generated model: sizes of its memory arenas and where its tensors
    /// live. The generator computes it at compile time; each model class holds one static instance.
    /// </summary>
    public sealed class ModelLayout
    {
        /// <summary>Creates a layout (called by generated code).</summary>
        public ModelLayout(
            string modelName, int[] inputShape, int outputSize, int outputStride, int outputOffset, Loss loss, Optimizer optimizer, float learningRate,
            int parameterFloats, int optimizerStateFloats, int activationFloatsPerSample, TensorSpec[] tensors, MetricSpec[]? metrics = null,
            HistoryEntrySpec[]? outputEntries = null, int targetSize = -1, bool labelsAsTargets = false)
        {
            TargetSize = targetSize < 0 ? outputSize : targetSize;
            LabelsAsTargets = labelsAsTargets;
            Metrics = metrics ?? Array.Empty<MetricSpec>();
            OutputEntries = outputEntries ?? Array.Empty<HistoryEntrySpec>();
            OutputStride = outputStride;
            OutputOffset = outputOffset;
            ModelName = modelName;
            InputShape = inputShape;
            OutputSize = outputSize;
            Loss = loss;
            Optimizer = optimizer;
            LearningRate = learningRate;
            ParameterFloats = parameterFloats;
            OptimizerStateFloats = optimizerStateFloats;
            ActivationFloatsPerSample = activationFloatsPerSample;
            Tensors = tensors;
            int size = 1;
            foreach (int d in inputShape) size *= d;
            InputSize = size;
        }

        /// <summary>The model class name.</summary>
        public string ModelName { get; }
        /// <summary>Shape of one input sample.</summary>
        public int[] InputShape { get; }
        /// <summary>Floats in one input sample.</summary>
        public int InputSize { get; }
        /// <summary>Floats in one output sample.</summary>
        public int OutputSize { get; }
        /// <summary>
        /// Floats in one sample's float targets: <see cref="OutputSize"/>, except for a functional model with sparse
        /// categorical cross-entropy outputs, whose class index takes one column instead of one per class.
        /// </summary>
        public int TargetSize { get; }
        /// <summary>
        /// A functional model whose only output is sparse (sparse categorical cross-entropy): the <c>int[]</c> label
        /// overloads (Fit, Evaluate, TrainBatch, ...) store each label as a float in its one target column, and the
        /// float overloads take those packed rows, [n, 1].
        /// </summary>
        public bool LabelsAsTargets { get; }
        /// <summary>Row length of the output buffer: <see cref="OutputSize"/> padded to whole vectors.</summary>
        public int OutputStride { get; }
        /// <summary>Per-sample offset of the output rows in the activation arena (they start at capacity × this).</summary>
        public int OutputOffset { get; }
        /// <summary>The loss the model trains with.</summary>
        public Loss Loss { get; }
        /// <summary>The optimizer.</summary>
        public Optimizer Optimizer { get; }
        /// <summary>The initial learning rate.</summary>
        public float LearningRate { get; }
        /// <summary>Size of the parameter arena (and of the gradient arena, which mirrors it), in floats.</summary>
        public int ParameterFloats { get; }
        /// <summary>Size of the optimizer-state arena, in floats.</summary>
        public int OptimizerStateFloats { get; }
        /// <summary>Floats of activation buffers per sample; the activation arena holds this times the batch capacity.</summary>
        public int ActivationFloatsPerSample { get; }
        /// <summary>The parameter tensors in arena order.</summary>
        public TensorSpec[] Tensors { get; }
        /// <summary>The declared metrics, resolved, in declaration order (empty when none were declared).</summary>
        public MetricSpec[] Metrics { get; }
        /// <summary>A functional model's per-output History entries ("main_output_loss", "main_output_mae", ...); empty otherwise.</summary>
        public HistoryEntrySpec[] OutputEntries { get; }
    }
}
