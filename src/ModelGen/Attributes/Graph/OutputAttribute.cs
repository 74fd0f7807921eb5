using System;

namespace ModelGen
{
    /// <summary>
    /// Marks a node of a functional model as one of its outputs, with its own loss, loss weight and metrics (Keras'
    /// <c>compile(loss={...}, loss_weights={...}, metrics={...})</c>). The model's loss is Σ weightᵢ · lossᵢ; History
    /// reports each output's loss as <c>{name}_loss</c> and its metrics as <c>{name}_{metric}</c>, as Keras.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class OutputAttribute : Attribute
    {
        /// <summary>
        /// This output's loss. Default: mean squared error. <see cref="Loss.SparseCategoricalCrossEntropy"/> takes one
        /// integer class index per sample (the generated <c>PackTargets</c> and typed <c>Fit</c> take <c>int[]</c> for
        /// such an output and store it as one float column of the packed target rows).
        /// </summary>
        public Loss Loss { get; set; } = Loss.MeanSquaredError;

        /// <summary>This output's weight in the total loss, at least 0. Default 1, as Keras.</summary>
        public float LossWeight { get; set; } = 1f;

        /// <summary>As <see cref="ModelAttribute.FromLogits"/>, for this output's cross-entropy.</summary>
        public bool FromLogits { get; set; }

        /// <summary>
        /// This output's Huber delta (Keras' <c>Huber(delta=...)</c>, PyTorch's <c>HuberLoss(delta=...)</c>): the error
        /// at which the loss turns from quadratic to linear. Only with <c>Loss = Loss.Huber</c>; positive and finite.
        /// Default 1, as Keras.
        /// </summary>
        public float HuberDelta { get; set; } = 1f;

        /// <summary>This output's metrics, as <see cref="ModelAttribute.Metrics"/>. Default none.</summary>
        public Metric[]? Metrics { get; set; }
    }
}
