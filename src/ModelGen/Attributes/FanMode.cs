namespace ModelGen
{
    /// <summary>Which fan <see cref="Init.VarianceScaling"/> divides its scale by (Keras' <c>mode</c>).</summary>
    public enum FanMode
    {
        /// <summary>fan_in: the inputs feeding each unit (Keras' default).</summary>
        FanIn = 0,
        /// <summary>fan_out: the units each input feeds.</summary>
        FanOut = 1,
        /// <summary>(fan_in + fan_out) / 2.</summary>
        FanAvg = 2,
    }
}
