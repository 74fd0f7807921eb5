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

        /// <summary>The learning rate; 0 (the default) means the optimizer's Keras default (SGD 0.01, Adam 0.001).</summary>
        public float LearningRate { get; set; }

        /// <summary>SGD's momentum, in [0, 1] (Keras default 0: plain SGD). Keras' form: m = momentum·m - lr·g; w += m.</summary>
        public float Momentum { get; set; }

        /// <summary>SGD with Nesterov momentum: w += momentum·m - lr·g, with m already updated (Keras default false).</summary>
        public bool Nesterov { get; set; }

        /// <summary>
        /// True when the last layer outputs logits (no softmax) and the loss should apply softmax itself, as Keras'
        /// <c>from_logits=True</c>. Default false: the last layer ends in softmax and outputs probabilities.
        /// </summary>
        public bool FromLogits { get; set; }

        /// <summary>
        /// Dense layers with at most this many weights are emitted as straight-line code instead of loops. Default 256.
        /// </summary>
        public int UnrollThreshold { get; set; } = 256;
    }

    /// <summary>The shape of one input sample, without the batch dimension, e.g. <c>[Input(28, 28)]</c>.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class InputAttribute : Attribute
    {
        /// <summary>Declares the input shape.</summary>
        public InputAttribute(params int[] shape) => Shape = shape;

        /// <summary>The sample shape.</summary>
        public int[] Shape { get; }

        /// <summary>The layer name used in the generated code. Default "input".</summary>
        public string? Name { get; set; }
    }

    /// <summary>Reshapes the sample to one dimension. Free at run time: the data is already contiguous.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class FlattenAttribute : Attribute
    {
        /// <summary>The layer name. Default "flatten", "flatten_1", ... as Keras names them.</summary>
        public string? Name { get; set; }
    }

    /// <summary>A fully connected layer: <c>y = activation(x W + b)</c>, with the kernel W of shape [inputs, units].</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DenseAttribute : Attribute
    {
        /// <summary>Declares a dense layer.</summary>
        /// <param name="units">Number of output units.</param>
        /// <param name="activation">The activation; identity by default, as Keras.</param>
        public DenseAttribute(int units, Activation activation = Activation.Identity)
        {
            Units = units;
            Activation = activation;
        }

        /// <summary>Number of output units.</summary>
        public int Units { get; }

        /// <summary>The activation.</summary>
        public Activation Activation { get; }

        /// <summary>Whether the layer adds a bias. Default true.</summary>
        public bool UseBias { get; set; } = true;

        /// <summary>The kernel initializer. Default Glorot uniform, as Keras.</summary>
        public Init KernelInit { get; set; } = Init.Default;

        /// <summary>The bias initializer. Default zeros, as Keras.</summary>
        public Init BiasInit { get; set; } = Init.Default;

        /// <summary>The layer name. Default "dense", "dense_1", ... as Keras names them.</summary>
        public string? Name { get; set; }
    }
}
