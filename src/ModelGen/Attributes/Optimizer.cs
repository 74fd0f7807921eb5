namespace ModelGen
{
    /// <summary>Parameter update rule, with Keras' update equations and defaults.</summary>
    public enum Optimizer
    {
        /// <summary>w -= lr * g (Keras default learning rate 0.01).</summary>
        Sgd = 0,
        /// <summary>Adam with Keras' epsilon placement (default learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).</summary>
        Adam = 1,
    }
}
