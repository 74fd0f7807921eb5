namespace ModelGen.Generators.Model
{
    /// <summary>
    /// The optimizer hyperparameters of [Model] beyond the learning rate and SGD's momentum, with Keras' names. In a
    /// <see cref="ModelOptions"/> they are as declared (0 or false: not given); in a <see cref="CheckedModel"/> every
    /// value the optimizer uses is filled in with Keras' default and every other is 0.
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal: a record of primitives.</remarks>
    public sealed record OptimizerHyperparameters(
        float Beta1,
        float Beta2,
        float Epsilon,
        bool AmsGrad,
        float Rho,
        bool Centered,
        float InitialAccumulatorValue,
        float WeightDecay)
    {
        /// <summary>Nothing declared.</summary>
        public static OptimizerHyperparameters None { get; } = new(0, 0, 0, false, 0, false, 0, 0);
    }
}
