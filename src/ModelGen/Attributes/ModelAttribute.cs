using System;

namespace ModelGen
{
    /// <summary>
    /// Marks a <c>partial</c> class as a network for ModelGen's generator to compile. The layers follow as attributes
    /// on the same class, in order: one <see cref="InputAttribute"/>, then <see cref="FlattenAttribute"/> and
    /// <see cref="DenseAttribute"/> layers.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ModelAttribute : Attribute
    {
        /// <summary>The training loss. Default: mean squared error.</summary>
        public Loss Loss { get; set; } = Loss.MeanSquaredError;

        /// <summary>The optimizer. Default: Adam.</summary>
        public Optimizer Optimizer { get; set; } = Optimizer.Adam;

        /// <summary>The learning rate; 0 (the default) means the optimizer's Keras default (SGD 0.01, every other 0.001).</summary>
        public float LearningRate { get; set; }

        /// <summary>
        /// Momentum of SGD or RMSprop, in [0, 1] (Keras default 0: no momentum and no velocity slot). SGD, Keras' form:
        /// m = momentum·m - lr·g; w += m. RMSprop: mom = momentum·mom + lr·g / √(v + ε); w -= mom.
        /// </summary>
        public float Momentum { get; set; }

        /// <summary>SGD with Nesterov momentum: w += momentum·m - lr·g, with m already updated (Keras default false).</summary>
        public bool Nesterov { get; set; }

        /// <summary>Adam, AdamW, Adamax and Nadam's first-moment decay, in (0, 1); 0 (the default) means Keras' 0.9.</summary>
        public float Beta1 { get; set; }

        /// <summary>Adam, AdamW, Adamax and Nadam's second-moment decay, in (0, 1); 0 (the default) means Keras' 0.999.</summary>
        public float Beta2 { get; set; }

        /// <summary>The epsilon of every optimizer but SGD, positive; 0 (the default) means Keras' 1e-7.</summary>
        public float Epsilon { get; set; }

        /// <summary>Adam and AdamW with AMSGrad: the running maximum of v replaces v (Keras default false).</summary>
        public bool AmsGrad { get; set; }

        /// <summary>RMSprop and Adadelta's decay, in (0, 1); 0 (the default) means Keras' 0.9 (RMSprop) or 0.95 (Adadelta).</summary>
        public float Rho { get; set; }

        /// <summary>Centered RMSprop: divides by the estimated variance v - E[g]² instead of v (Keras default false).</summary>
        public bool Centered { get; set; }

        /// <summary>Adagrad's starting accumulator, positive; 0 (the default) means Keras' 0.1.</summary>
        public float InitialAccumulatorValue { get; set; }

        /// <summary>
        /// Decoupled weight decay, w -= w·wd·lr before each step (Keras' <c>weight_decay</c>, on every optimizer), positive.
        /// 0 (the default) means none, except for AdamW, where it means Keras' 0.004.
        /// </summary>
        public float WeightDecay { get; set; }

        /// <summary>
        /// True when the last layer outputs logits (no softmax or sigmoid) and the cross-entropy should apply softmax
        /// (categorical) or sigmoid (binary) itself, in its numerically stable form, as Keras' <c>from_logits=True</c>.
        /// Default false: the last layer ends in softmax (or sigmoid) and outputs probabilities.
        /// </summary>
        public bool FromLogits { get; set; }

        /// <summary>Huber's delta: the error size where the loss turns from quadratic to linear (Keras default 1.0). Only for <see cref="Loss.Huber"/>.</summary>
        public float HuberDelta { get; set; } = 1f;

        /// <summary>
        /// Metrics reported by Fit and Evaluate besides the loss, as Keras' <c>metrics=[...]</c>, e.g.
        /// <c>Metrics = new[] { Metric.Accuracy, Metric.MeanAbsoluteError }</c>. Default none.
        /// </summary>
        public Metric[]? Metrics { get; set; }

        /// <summary>Keras' <c>clipvalue</c>: each gradient element clipped to [-ClipValue, ClipValue] before the update. 0 (the default) means off.</summary>
        public float ClipValue { get; set; }

        /// <summary>Keras' <c>clipnorm</c>: each tensor's gradient g scaled by c / max(‖g‖, c) before the update. 0 (the default) means off.</summary>
        public float ClipNorm { get; set; }

        /// <summary>Keras' <c>global_clipnorm</c>: all gradients scaled by c / max(N, c), N their joint L2 norm, before the update. 0 (the default) means off.</summary>
        public float GlobalClipNorm { get; set; }

        /// <summary>
        /// Dense layers with at most this many weights are emitted as straight-line code instead of loops. Default 256.
        /// </summary>
        public int UnrollThreshold { get; set; } = 256;
    }
}
