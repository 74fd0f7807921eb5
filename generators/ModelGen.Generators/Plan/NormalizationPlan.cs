using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Plan
{
    // The Normalization layers of a plan (Keras' layers.Normalization), beside its Dense steps.
    public sealed partial record ModelPlan
    {
        /// <summary>The Normalization steps in forward order (empty for most models, whose code is then unchanged).</summary>
        public EquatableArray<NormalizationPlan> Normalizations { get; init; } = EquatableArray<NormalizationPlan>.Empty;
    }

    /// <summary>
    /// One Normalization step: <c>y = (x - mean) / max(sqrt(variance), 1e-7)</c> per feature forward, <c>dx = dy /
    /// max(sqrt(variance), 1e-7)</c> backward (only when its input is not a model input). Mean and variance are
    /// non-trainable tensors of <see cref="Features"/> floats in the parameter arena (the optimizer skips them, no
    /// gradient is written for them); Adapt writes them. Buffers are per-sample offsets as in <see cref="DensePlan"/>;
    /// <see cref="InputBuffer"/> is <see cref="DensePlan.ModelInput"/> when the layer reads the caller's input.
    /// </summary>
    public sealed record NormalizationPlan(
        string Name,
        string MethodStem,
        int Features,
        int MeanOffset,
        int VarianceOffset,
        int InputBuffer,
        int InputStride,
        int InputColumn,
        int OutputBuffer,
        int Width)
    {
        /// <summary>Keras' backend epsilon, the floor of the standard deviation (<c>keras.config.epsilon()</c>).</summary>
        public const float Epsilon = 1e-7f;

        /// <summary>Whether the layer reads the model input (no input gradient then).</summary>
        public bool ReadsModelInput => InputBuffer == DensePlan.ModelInput;
    }
}
