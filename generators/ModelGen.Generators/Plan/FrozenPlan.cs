using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Plan
{
    /// <summary>
    /// A [FrozenWeights] model before its file is read: the model's plan (shapes, offsets, which layers unroll), the
    /// weights file it names, and where to report a problem with the file or with a tensor.
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal (it carries locations, so a moved attribute re-runs only the
    /// cheap binding step, whose output is then equal and the source stays cached).</remarks>
    /// <param name="Model">The plan the trainable model with the same declaration has.</param>
    /// <param name="WeightsPath">The path as written in [FrozenWeights("...")].</param>
    /// <param name="AttributeLocation">The [FrozenWeights] attribute: where a missing or unreadable file is reported.</param>
    /// <param name="DenseLocations">Each Dense step's attribute, in forward order: where its tensors' problems are reported.</param>
    /// <param name="AlignWeights">[FrozenWeights(AlignWeights = true)]: copy the packed weights once into a 64-byte-aligned block.</param>
    /// <param name="BatchNormLocations">Each [BatchNormalization] attribute (name and location), in forward order: where its tensors' problems are reported.</param>
    public sealed record FrozenRequest(ModelPlan Model, string WeightsPath, LocationInfo? AttributeLocation, EquatableArray<LayerSite> DenseLocations,
        EquatableArray<LayerSite> BatchNormLocations = default, bool AlignWeights = false);

    /// <summary>A layer's attribute location (equatable wrapper, for <see cref="EquatableArray{T}"/>).</summary>
    public sealed record LayerSite(string Name, LocationInfo? Location);

    /// <summary>
    /// A frozen model, ready to emit: its plan and every Dense step's weights, already in the layout the kernels read.
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal: an unchanged file leaves the generated source cached.</remarks>
    /// <param name="Model">The plan (its optimizer and loss parts are not emitted).</param>
    /// <param name="WeightsFileName">The weights file's name, for the generated comments.</param>
    /// <param name="Layers">The Dense steps in forward order, with their weights.</param>
    /// <param name="AlignWeights">Whether the packed weights are read from an aligned copy (see <see cref="FrozenRequest.AlignWeights"/>).</param>
    public sealed record FrozenPlan(ModelPlan Model, string WeightsFileName, EquatableArray<FrozenDense> Layers, bool AlignWeights = false);

    /// <summary>One Dense step with its weights.</summary>
    /// <param name="Dense">The step as the trainable model plans it.</param>
    /// <param name="Kernel">The kernel packed in panels (<see cref="DensePlan.PackedOffset"/>), [Inputs × PaddedUnits], padding 0.</param>
    /// <param name="Bias">The bias padded with zeros to <see cref="DensePlan.PaddedUnits"/>; empty without a bias.</param>
    /// <param name="ActivationParameter">The learned activation tensor as a constant (PReLU's alpha [units], a learned Swish beta [1]); empty otherwise.</param>
    /// <param name="Normalization">The batch normalization that runs as its own pass after this step (it folds nowhere); null otherwise.</param>
    /// <remarks>A step with folded normalizations carries the folded copy (<c>BatchNormCSharp.Folded</c>) with the folded weights
    /// (Ops/BatchNorm.Frozen.CSharp.cs), its buffers those the trainable model's inference branch passes.</remarks>
    public sealed record FrozenDense(DensePlan Dense, EquatableArray<float> Kernel, EquatableArray<float> Bias,
        EquatableArray<float> ActivationParameter = default, FrozenBatchNorm? Normalization = null)
    {
        /// <summary>The kernel weight (row, column) of the logical [Inputs, Units] kernel.</summary>
        public float Weight(int row, int column) => Kernel[Dense.PackedOffset(row, column)];
    }

    /// <summary>
    /// A batch normalization that folds nowhere (an activation of its own after a nonlinear Dense step): one pass
    /// <c>y = act((h - center) · scale + beta)</c> with the constants the trainable model computes from the moving statistics.
    /// </summary>
    /// <param name="BatchNorm">The normalization as planned.</param>
    /// <param name="Center">moving_mean [units].</param>
    /// <param name="Scale">gamma / sqrt(moving_variance + epsilon) [units], rounded as BatchNormMovingStatistics rounds it.</param>
    /// <param name="Beta">beta [units]; empty without Center.</param>
    public sealed record FrozenBatchNorm(BatchNormPlan BatchNorm, EquatableArray<float> Center, EquatableArray<float> Scale, EquatableArray<float> Beta);
}
