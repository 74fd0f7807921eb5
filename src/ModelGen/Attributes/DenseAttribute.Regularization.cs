namespace ModelGen
{
    public sealed partial class DenseAttribute
    {
        /// <summary>The kernel's regularizer (Keras' <c>kernel_regularizer</c>). Default none.</summary>
        public Regularizer KernelRegularizer { get; set; }

        /// <summary>The kernel regularizer's L1 factor. When not given: 0.01 for <see cref="Regularizer.L1"/>, 0 for <see cref="Regularizer.L1L2"/> (Keras 3).</summary>
        public float KernelL1 { get; set; }

        /// <summary>The kernel regularizer's L2 factor. When not given: 0.01 for <see cref="Regularizer.L2"/>, 0 for <see cref="Regularizer.L1L2"/> (Keras 3).</summary>
        public float KernelL2 { get; set; }

        /// <summary>The bias's regularizer (Keras' <c>bias_regularizer</c>). Default none.</summary>
        public Regularizer BiasRegularizer { get; set; }

        /// <summary>The bias regularizer's L1 factor; defaults as <see cref="KernelL1"/>.</summary>
        public float BiasL1 { get; set; }

        /// <summary>The bias regularizer's L2 factor; defaults as <see cref="KernelL2"/>.</summary>
        public float BiasL2 { get; set; }

        /// <summary>The kernel's constraint (Keras' <c>kernel_constraint</c>), applied after every optimizer step. Default none.</summary>
        public Constraint KernelConstraint { get; set; }

        /// <summary><see cref="Constraint.MaxNorm"/>'s max_value: the largest norm of a unit's incoming weights. Default 2, as Keras.</summary>
        public float MaxValue { get; set; } = 2f;

        /// <summary>
        /// Whether training updates the layer (Keras' <c>trainable</c>). Default true. A layer declared false is frozen
        /// for good: the generated code computes no kernel or bias gradient for it and the optimizer skips it.
        /// </summary>
        public bool Trainable { get; set; } = true;
    }
}
