using System;

namespace ModelGen
{
    /// <summary>A fully connected layer: <c>y = activation(x W + b)</c>, with the kernel W of shape [inputs, units].</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
    public sealed partial class DenseAttribute : Attribute
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

        /// <summary><see cref="Activation.LeakyRelu"/>'s slope for x &lt; 0. Default 0.2 (Keras' "leaky_relu"); at least 0.</summary>
        public float NegativeSlope { get; set; } = 0.2f;

        /// <summary><see cref="Activation.Elu"/>'s alpha. Default 1, as Keras; at least 0.</summary>
        public float Alpha { get; set; } = 1f;

        /// <summary><see cref="Activation.Swish"/>'s beta in x σ(beta x), or its initial value when learned. Default 1 (SiLU).</summary>
        public float Beta { get; set; } = 1f;

        /// <summary>Whether <see cref="Activation.Swish"/> learns beta (one scalar per layer, tensor <c>{layer}.beta</c>). Default false.</summary>
        public bool LearnBeta { get; set; }

        /// <summary><see cref="Activation.RRelu"/>'s lowest slope. Default 1/8, as PyTorch; 0 &lt;= lower &lt;= upper.</summary>
        public float RReluLower { get; set; } = 0.125f;

        /// <summary><see cref="Activation.RRelu"/>'s highest slope. Default 1/3, as PyTorch.</summary>
        public float RReluUpper { get; set; } = 1f / 3f;
    }
}
