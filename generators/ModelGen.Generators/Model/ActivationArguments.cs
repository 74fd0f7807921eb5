namespace ModelGen.Generators.Model
{
    /// <summary>
    /// The activation parameters of a [Dense] as written: null where the declaration does not set the property, so
    /// validation can tell "left at its default" from "given to an activation that has no such parameter".
    /// </summary>
    public sealed record ActivationArguments(
        float? NegativeSlope,
        float? Alpha,
        float? Beta,
        bool? LearnBeta,
        float? RReluLower,
        float? RReluUpper)
    {
        /// <summary>No parameter given.</summary>
        public static readonly ActivationArguments None = new(null, null, null, null, null, null);
    }

    /// <summary>
    /// A layer's activation parameters after validation, every default filled in (Keras' where Keras has the
    /// activation, PyTorch's RReLU range). Values that do not apply to the activation keep their defaults.
    /// </summary>
    public sealed record ActivationSettings(
        float NegativeSlope,
        float Alpha,
        float Beta,
        bool LearnBeta,
        float RReluLower,
        float RReluUpper)
    {
        /// <summary>Keras' "leaky_relu" slope.</summary>
        public const float DefaultNegativeSlope = 0.2f;

        /// <summary>Keras' ELU alpha.</summary>
        public const float DefaultAlpha = 1f;

        /// <summary>Swish's beta (SiLU).</summary>
        public const float DefaultBeta = 1f;

        /// <summary>PyTorch's RReLU range.</summary>
        public const float DefaultRReluLower = 0.125f, DefaultRReluUpper = 1f / 3f;

        /// <summary>Every parameter at its default.</summary>
        public static readonly ActivationSettings Default = new(DefaultNegativeSlope, DefaultAlpha, DefaultBeta, false, DefaultRReluLower, DefaultRReluUpper);
    }
}
