namespace ModelGen
{
    /// <summary>Element-wise activation applied to a layer's output.</summary>
    public enum Activation
    {
        /// <summary>f(x) = x (Keras "linear").</summary>
        Identity = 0,
        /// <summary>f(x) = 1 / (1 + e^-x).</summary>
        Sigmoid = 1,
        /// <summary>f(x) = tanh(x).</summary>
        Tanh = 2,
        /// <summary>f(x) = max(0, x).</summary>
        Relu = 3,
        /// <summary>f(x)_i = e^x_i / sum_j e^x_j over the layer's units.</summary>
        Softmax = 4,
    }
}
