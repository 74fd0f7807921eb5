namespace ModelGen
{
    /// <summary>
    /// Weight initializer, with Keras 3's definitions. Arguments (a stddev, a gain, ...) are set next to it on the
    /// layer, e.g. <c>KernelInit = Init.RandomNormal, KernelStddev = 0.02</c>; docs/reference/initializers.md lists them.
    /// </summary>
    /// <remarks>
    /// fan_in and fan_out are Keras': for a Dense kernel [inputs, units] they are inputs and units, for a bias [units]
    /// both are units. "Truncated" always means redrawn beyond two standard deviations of the underlying normal.
    /// </remarks>
    public enum Init
    {
        /// <summary>The layer's default: Glorot uniform for kernels, zeros for biases.</summary>
        Default = 0,
        /// <summary>All zeros.</summary>
        Zeros = 1,
        /// <summary>U(-L, L) with L = sqrt(6 / (fan_in + fan_out)).</summary>
        GlorotUniform = 2,
        /// <summary>Normal truncated at 2 standard deviations, realised stddev sqrt(2 / fan_in).</summary>
        HeNormal = 3,
        /// <summary>All ones.</summary>
        Ones = 4,
        /// <summary>Every element is <c>value</c> (default 0).</summary>
        Constant = 5,
        /// <summary>N(mean, stddev²), untruncated; defaults mean 0, stddev 0.05.</summary>
        RandomNormal = 6,
        /// <summary>U(minval, maxval); defaults -0.05, 0.05.</summary>
        RandomUniform = 7,
        /// <summary>mean + stddev · z with z standard normal truncated to [-2, 2]; defaults mean 0, stddev 0.05.</summary>
        TruncatedNormal = 8,
        /// <summary>Normal truncated at 2 standard deviations, realised stddev sqrt(2 / (fan_in + fan_out)).</summary>
        GlorotNormal = 9,
        /// <summary>U(-L, L) with L = sqrt(6 / fan_in).</summary>
        HeUniform = 10,
        /// <summary>Normal truncated at 2 standard deviations, realised stddev sqrt(1 / fan_in) (SELU's pair).</summary>
        LeCunNormal = 11,
        /// <summary>U(-L, L) with L = sqrt(3 / fan_in).</summary>
        LeCunUniform = 12,
        /// <summary>
        /// Keras' VarianceScaling(scale, mode, distribution), of which the Glorot, He and LeCun initializers are
        /// instances: s = scale / max(1, n), n = fan_in, fan_out or their mean; then a normal truncated at 2
        /// standard deviations with realised stddev sqrt(s), an untruncated N(0, s), or U(-sqrt(3 s), sqrt(3 s)).
        /// Defaults scale 1, <see cref="FanMode.FanIn"/>, <see cref="InitDistribution.TruncatedNormal"/>.
        /// </summary>
        VarianceScaling = 13,
        /// <summary>gain · Q with Q a random orthogonal matrix (QR of a normal draw); kernels only; default gain 1.</summary>
        Orthogonal = 14,
        /// <summary>gain · I (ones on the main diagonal of the [inputs, units] kernel); kernels only; default gain 1.</summary>
        Identity = 15,
    }
}
