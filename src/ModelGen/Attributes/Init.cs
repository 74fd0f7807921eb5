namespace ModelGen
{
    /// <summary>Weight initializer, with Keras' definitions.</summary>
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
    }
}
