namespace ModelGen.Generators.Model
{
    /// <summary>
    /// A Dense layer's regularizers, kernel constraint and trainability as declared: a factor is null when not given
    /// (its Keras default depends on the regularizer kind, resolved by validation).
    /// </summary>
    public sealed record LayerTrainingDeclaration(
        Regularizer KernelRegularizer, float? KernelL1, float? KernelL2,
        Regularizer BiasRegularizer, float? BiasL1, float? BiasL2,
        Constraint KernelConstraint, float? MaxValue, bool Trainable)
    {
        /// <summary>Nothing declared: no penalty, no constraint, trainable.</summary>
        public static readonly LayerTrainingDeclaration Default = new(Regularizer.None, null, null, Regularizer.None, null, null, Constraint.None, null, true);
    }

    /// <summary>[Model]'s gradient clipping as declared (0 = off), Keras' clipvalue, clipnorm and global_clipnorm.</summary>
    public sealed record ClippingDeclaration(float ClipValue, float ClipNorm, float GlobalClipNorm)
    {
        /// <summary>No clipping.</summary>
        public static readonly ClippingDeclaration None = new(0, 0, 0);
    }

    /// <summary>A Dense layer's regularizers, constraint and trainability, with Keras' defaults filled in.</summary>
    public sealed record LayerTraining(float KernelL1, float KernelL2, float BiasL1, float BiasL2, Constraint KernelConstraint, float MaxValue, bool Trainable)
    {
        /// <summary>No penalty, no constraint, trainable.</summary>
        public static readonly LayerTraining Default = new(0, 0, 0, 0, Constraint.None, 2f, true);
    }

    public sealed partial record LayerDeclaration
    {
        /// <summary>Regularizers, kernel constraint and trainability (Dense only).</summary>
        public LayerTrainingDeclaration Training { get; init; } = LayerTrainingDeclaration.Default;
    }

    public sealed partial record CheckedLayer
    {
        /// <summary>Regularizers, kernel constraint and trainability, resolved (Dense only).</summary>
        public LayerTraining Training { get; init; } = LayerTraining.Default;
    }
}
