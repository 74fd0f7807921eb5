using System;

namespace ModelGen
{
    /// <summary>
    /// Batch normalization of the Dense layer declared just before it (Keras <c>layers.BatchNormalization</c>):
    /// while training, <c>y = gamma · (x - mean) / sqrt(var + epsilon) + beta</c> with the batch's mean and biased
    /// variance per feature, and the moving statistics updated as <c>moving = moving · Momentum + batch · (1 - Momentum)</c>;
    /// at inference (Predict, Evaluate, validation) the moving statistics replace the batch's, and the layer is folded
    /// into a Dense kernel where the algebra allows (docs/reference/batch-normalization.md). <see cref="Activation"/> is
    /// applied after the normalization, so both of Keras' placements are expressible:
    /// <c>[Dense(300, Activation.Relu)] [BatchNormalization]</c> (after the activation) and
    /// <c>[Dense(300, UseBias = false)] [BatchNormalization(Activation = Activation.Relu)]</c> (before it). In a functional
    /// model it is a node reading a Dense node: <c>[BatchNormalization(From = nameof(Hidden))] public static Node Normalized { get; }</c>
    /// (at inference it runs as its own pass with the moving statistics; folding is planned for sequential models).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
    public sealed class BatchNormalizationAttribute : Attribute
    {
        /// <summary>Momentum of the moving statistics. Default 0.99, as Keras (PyTorch's momentum is 1 - this); 0 &lt;= Momentum &lt;= 1.</summary>
        public float Momentum { get; set; } = 0.99f;

        /// <summary>Added to the variance before the square root. Default 1e-3, as Keras (PyTorch: 1e-5); greater than 0.</summary>
        public float Epsilon { get; set; } = 1e-3f;

        /// <summary>Whether to add the learned offset beta. Default true.</summary>
        public bool Center { get; set; } = true;

        /// <summary>Whether to multiply by the learned scale gamma. Default true.</summary>
        public bool Scale { get; set; } = true;

        /// <summary>
        /// An activation applied after the normalization (Keras: a separate <c>Activation</c> layer after the
        /// BatchNormalization). Default identity. Supported: Identity, Relu, Sigmoid, Tanh, Elu, Selu.
        /// </summary>
        public Activation Activation { get; set; } = Activation.Identity;

        /// <summary>
        /// Whether gamma and beta train. Default true. As Keras 3, a BatchNormalization with Trainable = false runs in
        /// inference mode even while training: it normalizes with the moving statistics and does not update them.
        /// </summary>
        public bool Trainable { get; set; } = true;

        /// <summary>The layer name. Default "batch_normalization", "batch_normalization_1", ... as Keras names them.</summary>
        public string? Name { get; set; }

        /// <summary>In a functional model: the Dense node whose output this layer normalizes (<c>From = nameof(Hidden)</c>); that node must have no other consumer. Not allowed on a class-level layer.</summary>
        public string? From { get; set; }
    }
}
