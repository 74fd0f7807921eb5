namespace ModelGen
{
    // The initializers' arguments, Keras' names prefixed with the tensor they apply to: Keras'
    // kernel_initializer=RandomNormal(stddev=0.02) is KernelInit = Init.RandomNormal, KernelStddev = 0.02.
    // An argument left out takes Keras' default; one the chosen initializer does not take is a compile error (MG0050).
    // (A plain comment: the type's XML summary is on its main declaration in DenseAttribute.cs.)
    public sealed partial class DenseAttribute
    {
        /// <summary>Kernel <see cref="Init.Constant"/>: the fill value. Default 0.</summary>
        public double KernelValue { get; set; }

        /// <summary>Kernel <see cref="Init.RandomNormal"/> or <see cref="Init.TruncatedNormal"/>: the mean. Default 0.</summary>
        public double KernelMean { get; set; }

        /// <summary>Kernel <see cref="Init.RandomNormal"/> or <see cref="Init.TruncatedNormal"/>: the standard deviation, positive. Default 0.05.</summary>
        public double KernelStddev { get; set; } = 0.05;

        /// <summary>Kernel <see cref="Init.RandomUniform"/>: the lower bound. Default -0.05.</summary>
        public double KernelMinval { get; set; } = -0.05;

        /// <summary>Kernel <see cref="Init.RandomUniform"/>: the upper bound, at least <see cref="KernelMinval"/>. Default 0.05.</summary>
        public double KernelMaxval { get; set; } = 0.05;

        /// <summary>Kernel <see cref="Init.VarianceScaling"/>: the scale, positive. Default 1.</summary>
        public double KernelScale { get; set; } = 1.0;

        /// <summary>Kernel <see cref="Init.VarianceScaling"/>: the fan to divide by. Default <see cref="FanMode.FanIn"/>.</summary>
        public FanMode KernelMode { get; set; }

        /// <summary>Kernel <see cref="Init.VarianceScaling"/>: the distribution. Default <see cref="InitDistribution.TruncatedNormal"/>.</summary>
        public InitDistribution KernelDistribution { get; set; }

        /// <summary>Kernel <see cref="Init.Orthogonal"/> or <see cref="Init.Identity"/>: the multiplier. Default 1.</summary>
        public double KernelGain { get; set; } = 1.0;

        /// <summary>Bias <see cref="Init.Constant"/>: the fill value. Default 0.</summary>
        public double BiasValue { get; set; }

        /// <summary>Bias <see cref="Init.RandomNormal"/> or <see cref="Init.TruncatedNormal"/>: the mean. Default 0.</summary>
        public double BiasMean { get; set; }

        /// <summary>Bias <see cref="Init.RandomNormal"/> or <see cref="Init.TruncatedNormal"/>: the standard deviation, positive. Default 0.05.</summary>
        public double BiasStddev { get; set; } = 0.05;

        /// <summary>Bias <see cref="Init.RandomUniform"/>: the lower bound. Default -0.05.</summary>
        public double BiasMinval { get; set; } = -0.05;

        /// <summary>Bias <see cref="Init.RandomUniform"/>: the upper bound, at least <see cref="BiasMinval"/>. Default 0.05.</summary>
        public double BiasMaxval { get; set; } = 0.05;

        /// <summary>Bias <see cref="Init.VarianceScaling"/>: the scale, positive (a bias's fans are both its units). Default 1.</summary>
        public double BiasScale { get; set; } = 1.0;

        /// <summary>Bias <see cref="Init.VarianceScaling"/>: the fan to divide by. Default <see cref="FanMode.FanIn"/>.</summary>
        public FanMode BiasMode { get; set; }

        /// <summary>Bias <see cref="Init.VarianceScaling"/>: the distribution. Default <see cref="InitDistribution.TruncatedNormal"/>.</summary>
        public InitDistribution BiasDistribution { get; set; }
    }
}
