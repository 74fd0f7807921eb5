namespace ModelGen
{
    /// <summary>
    /// The arguments of an initializer, with Keras 3's defaults; each initializer reads only its own (see
    /// <see cref="Init"/>): <see cref="Init.Constant"/> <see cref="Value"/>; <see cref="Init.RandomNormal"/> and
    /// <see cref="Init.TruncatedNormal"/> <see cref="Mean"/> and <see cref="Stddev"/>; <see cref="Init.RandomUniform"/>
    /// <see cref="Minval"/> and <see cref="Maxval"/>; <see cref="Init.VarianceScaling"/> <see cref="Scale"/>,
    /// <see cref="Mode"/> and <see cref="Distribution"/>; <see cref="Init.Orthogonal"/> and <see cref="Init.Identity"/>
    /// <see cref="Gain"/>.
    /// </summary>
    /// <remarks>
    /// Defined once and compiled into the generator too, so the defaults the generator resolves and the defaults the
    /// runtime falls back to are the same numbers. The generator writes only the arguments that differ from these.
    /// </remarks>
    /// <param name="Value">Constant: the fill value. Keras default 0.</param>
    /// <param name="Mean">RandomNormal, TruncatedNormal: the mean. Keras default 0.</param>
    /// <param name="Stddev">RandomNormal, TruncatedNormal: the standard deviation, positive. Keras default 0.05.</param>
    /// <param name="Minval">RandomUniform: the lower bound (inclusive). Keras default -0.05.</param>
    /// <param name="Maxval">RandomUniform: the upper bound (exclusive), at least <paramref name="Minval"/>. Keras default 0.05.</param>
    /// <param name="Scale">VarianceScaling: the variance scale, positive. Keras default 1.</param>
    /// <param name="Mode">VarianceScaling: the fan to divide by. Keras default fan_in.</param>
    /// <param name="Distribution">VarianceScaling: the distribution. Keras default truncated normal.</param>
    /// <param name="Gain">Orthogonal, Identity: the multiplier. Keras default 1.</param>
    public sealed record InitArguments(
        double Value = 0.0,
        double Mean = 0.0,
        double Stddev = 0.05,
        double Minval = -0.05,
        double Maxval = 0.05,
        double Scale = 1.0,
        FanMode Mode = FanMode.FanIn,
        InitDistribution Distribution = InitDistribution.TruncatedNormal,
        double Gain = 1.0)
    {
        /// <summary>Keras' defaults for every argument.</summary>
        public static InitArguments Default { get; } = new();
    }
}
