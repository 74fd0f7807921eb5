namespace ModelGen.Generators.Plan
{
    // The initializer's arguments, passed through to the tensor's TensorSpec.
    public sealed partial record TensorPlan
    {
        /// <summary>The initializer's arguments, every default filled in (Keras' defaults when the user wrote none).</summary>
        public InitArguments Arguments { get; init; } = InitArguments.Default;
    }
}
