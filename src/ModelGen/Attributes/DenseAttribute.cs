using System;

namespace ModelGen
{
    /// <summary>A fully connected layer: <c>y = activation(x W + b)</c>, with the kernel W of shape [inputs, units].</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
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
    }
}
