namespace ModelGen.Generators.Plan
{
    /// <summary>
    /// A batch normalization of a Dense step's output (Keras BatchNormalization): <c>out = activation(gamma · (h - mean)
    /// / sqrt(var + epsilon) + beta)</c> per feature. The Dense step writes h into its own output buffer; this step reads
    /// it and writes <see cref="OutputBuffer"/>, which the next step reads. Offsets are in floats, as in <see cref="DensePlan"/>.
    /// </summary>
    /// <param name="Name">The layer's name (Keras: "batch_normalization", ...).</param>
    /// <param name="MethodStem">The C# method-name stem of its generated methods.</param>
    /// <param name="Units">Features normalized (the Dense step's units).</param>
    /// <param name="PaddedUnits">The row stride of h, out and their deltas.</param>
    /// <param name="Momentum">Keras' momentum of the moving statistics.</param>
    /// <param name="Epsilon">Added to the variance.</param>
    /// <param name="Activation">Applied after the normalization (Identity, Relu, Sigmoid, Tanh, Elu, Selu).</param>
    /// <param name="Trainable">False: gamma and beta do not train, and the layer runs in inference mode while training (Keras 3).</param>
    /// <param name="GammaOffset">gamma [units] in the parameter arena; -1 without Scale (gamma = 1).</param>
    /// <param name="BetaOffset">beta [units]; -1 without Center (beta = 0).</param>
    /// <param name="MeanOffset">moving_mean [units] (non-trainable: the optimizer skips it).</param>
    /// <param name="VarianceOffset">moving_variance [units] (non-trainable).</param>
    /// <param name="StatsOffset">Per-feature scratch [5, PaddedUnits]: the center (batch or moving mean), the scale gamma/sqrt(var + epsilon), 1/sqrt(var + epsilon), and the backward pass's two sums (not saved, not trained).</param>
    /// <param name="OutputBuffer">The normalized (and activated) output, [capacity, PaddedUnits].</param>
    /// <param name="DeltaBuffer">dL/d(output), [capacity, PaddedUnits].</param>
    public sealed record BatchNormPlan(
        string Name,
        string MethodStem,
        int Units,
        int PaddedUnits,
        float Momentum,
        float Epsilon,
        Activation Activation,
        bool Trainable,
        int GammaOffset,
        int BetaOffset,
        int MeanOffset,
        int VarianceOffset,
        int StatsOffset,
        int OutputBuffer,
        int DeltaBuffer);

    /// <summary>
    /// Inference with batch normalizations folded into a Dense step (docs/reference/batch-normalization.md, "Folding"):
    /// Predict runs the Dense forward pass on a folded kernel and bias, recomputed from the parameters when they changed.
    /// </summary>
    /// <param name="KernelOffset">The folded kernel, packed as the step's own kernel, in a non-trained slice of the parameter arena.</param>
    /// <param name="BiasOffset">The folded bias [units] (always present: folding creates one).</param>
    /// <param name="FoldsInput">The previous step's batch normalization (after a nonlinear activation, with none of its own) is folded into this kernel's rows: this step reads the previous step's h.</param>
    /// <param name="FoldsOutput">This step's own batch normalization (its activation is Identity) is folded into the kernel's columns: the folded step applies the normalization's activation and writes its output buffer.</param>
    public sealed record FoldPlan(int KernelOffset, int BiasOffset, bool FoldsInput, bool FoldsOutput);
}
