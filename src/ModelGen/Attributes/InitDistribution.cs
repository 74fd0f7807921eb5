namespace ModelGen
{
    /// <summary>The distribution <see cref="Init.VarianceScaling"/> draws from (Keras' <c>distribution</c>).</summary>
    public enum InitDistribution
    {
        /// <summary>A normal truncated at 2 standard deviations, widened by 1 / 0.8796 so its stddev is sqrt(s) (Keras' default).</summary>
        TruncatedNormal = 0,
        /// <summary>N(0, s).</summary>
        UntruncatedNormal = 1,
        /// <summary>U(-sqrt(3 s), sqrt(3 s)).</summary>
        Uniform = 2,
    }
}
