namespace ModelGen
{
    /// <summary>
    /// Parameter update rule, with Keras 3's update equations and defaults (docs/reference/optimizers.md gives every
    /// equation and where PyTorch differs). Hyperparameters are set on <see cref="ModelAttribute"/> and can be changed
    /// between steps through the model's properties (<see cref="CompiledModel.LearningRate"/>, <see cref="CompiledModel.Beta1"/>, ...).
    /// </summary>
    public enum Optimizer
    {
        /// <summary>SGD, optionally with (Nesterov) momentum: w -= lr·g (Keras default learning rate 0.01).</summary>
        Sgd = 0,
        /// <summary>Adam with Keras' epsilon placement, optionally AMSGrad (learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).</summary>
        Adam = 1,
        /// <summary>Adagrad: a += g²; w -= lr·g / √(a + ε) (learning rate 0.001, initial accumulator 0.1, epsilon 1e-7).</summary>
        Adagrad = 2,
        /// <summary>RMSprop, optionally centered and with momentum (learning rate 0.001, rho 0.9, epsilon 1e-7).</summary>
        RmsProp = 3,
        /// <summary>Adadelta (Keras: learning rate 0.001, rho 0.95, epsilon 1e-7; PyTorch's learning rate is 1.0).</summary>
        Adadelta = 4,
        /// <summary>Adamax, Adam with the infinity norm (learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).</summary>
        Adamax = 5,
        /// <summary>Nadam with Keras' momentum schedule μ_t = β1 (1 - 0.5·0.96^t) (learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).</summary>
        Nadam = 6,
        /// <summary>Adam with decoupled weight decay w -= w·wd·lr before the step (Keras default weight decay 0.004).</summary>
        AdamW = 7,
    }
}
