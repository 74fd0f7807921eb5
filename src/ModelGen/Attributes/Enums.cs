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

    /// <summary>Training loss, averaged over the batch as Keras' "sum_over_batch_size" reduction does.</summary>
    public enum Loss
    {
        /// <summary>Mean over outputs of (y - p)^2; targets are floats, one per output unit.</summary>
        MeanSquaredError = 0,
        /// <summary>-log p[label]; targets are integer class labels. Fused with a softmax output.</summary>
        SparseCategoricalCrossEntropy = 1,
    }

    /// <summary>Parameter update rule, with Keras' update equations and defaults.</summary>
    public enum Optimizer
    {
        /// <summary>w -= lr * g (Keras default learning rate 0.01).</summary>
        Sgd = 0,
        /// <summary>Adam with Keras' epsilon placement (default learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).</summary>
        Adam = 1,
    }

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
