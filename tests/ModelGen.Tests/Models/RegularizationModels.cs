using ModelGen;

namespace ModelGen.Tests.Models
{
    // The runs of Fixtures/regularization.json (written by Fixtures/make_regularization.py): 5 -> 6 tanh -> 3 linear
    // with MSE, declared once per run with its regularizers, constraints and clipping (Keras defaults left implicit
    // where the run uses them). Each run has a *Wide twin (a 65-unit hidden layer) for OpenCL's per-layer kernels.

    /// <summary>Run "l2_default": SGD 0.1, dense kernel L2 with Keras' default 0.01.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, KernelRegularizer = Regularizer.L2)]
    [Dense(3)]
    public partial class RegL2Default;

    /// <summary>Run "l1": SGD 0.1, kernels L1(0.01) (Keras' default) and L1(0.05).</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, KernelRegularizer = Regularizer.L1)]
    [Dense(3, KernelRegularizer = Regularizer.L1, KernelL1 = 0.05f)]
    public partial class RegL1;

    /// <summary>Run "l1l2_bias_adam": Adam 0.01, dense kernel L1L2(0.01, 0.02), dense bias L1(0.03), dense_1 bias L2(0.03).</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, KernelRegularizer = Regularizer.L1L2, KernelL1 = 0.01f, KernelL2 = 0.02f, BiasRegularizer = Regularizer.L1, BiasL1 = 0.03f)]
    [Dense(3, BiasRegularizer = Regularizer.L2, BiasL2 = 0.03f)]
    public partial class RegL1L2BiasAdam;

    /// <summary>Run "clipvalue": SGD 0.1, clipvalue 0.05.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.1f, ClipValue = 0.05f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class RegClipValue;

    /// <summary>Run "clipnorm_momentum": SGD 0.05 with momentum 0.9, clipnorm 0.1.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, ClipNorm = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class RegClipNormMomentum;

    /// <summary>Run "global_clipnorm_l2_adam": Adam 0.01, dense kernel L2(0.05), global_clipnorm 0.2 (the penalty's gradient is clipped too).</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, GlobalClipNorm = 0.2f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, KernelRegularizer = Regularizer.L2, KernelL2 = 0.05f)]
    [Dense(3)]
    public partial class RegGlobalClipNormL2Adam;

    /// <summary>Run "maxnorm": SGD 0.5, dense kernel MaxNorm(0.8), dense_1 kernel MaxNorm() (Keras' default 2).</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.5f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, KernelConstraint = Constraint.MaxNorm, MaxValue = 0.8f)]
    [Dense(3, KernelConstraint = Constraint.MaxNorm)]
    public partial class RegMaxNorm;

    /// <summary>Run "unitnorm_nonneg": SGD 0.1, dense kernel UnitNorm, dense_1 kernel NonNeg.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, KernelConstraint = Constraint.UnitNorm)]
    [Dense(3, KernelConstraint = Constraint.NonNeg)]
    public partial class RegUnitNormNonNeg;

    /// <summary>Creates the model of each run of Fixtures/regularization.json by name.</summary>
    public static class RegularizationModels
    {
        /// <summary>Every run, in fixture order.</summary>
        public static readonly string[] Runs =
        {
            "l2_default", "l1", "l1l2_bias_adam", "clipvalue", "clipnorm_momentum", "global_clipnorm_l2_adam", "maxnorm", "unitnorm_nonneg",
        };

        /// <summary>The run's model.</summary>
        public static CompiledModel Create(string run, int seed = 1) => run switch
        {
            "l2_default" => new RegL2Default(seed),
            "l1" => new RegL1(seed),
            "l1l2_bias_adam" => new RegL1L2BiasAdam(seed),
            "clipvalue" => new RegClipValue(seed),
            "clipnorm_momentum" => new RegClipNormMomentum(seed),
            "global_clipnorm_l2_adam" => new RegGlobalClipNormL2Adam(seed),
            "maxnorm" => new RegMaxNorm(seed),
            "unitnorm_nonneg" => new RegUnitNormNonNeg(seed),
            _ => throw new System.ArgumentException(run),
        };
    }
}

namespace ModelGen.Tests.Models
{
    /// <summary>The middle layer frozen at declaration; Adam with weight decay, so a missed skip would move it.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, WeightDecay = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(7, Activation.Tanh, Trainable = false, KernelRegularizer = Regularizer.L2, KernelConstraint = Constraint.MaxNorm, MaxValue = 0.1f)]
    [Dense(3)]
    public partial class FrozenMiddle;

    /// <summary><see cref="FrozenMiddle"/> with every layer trainable (and no regularizer or constraint on the middle one).</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, WeightDecay = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(7, Activation.Tanh)]
    [Dense(3)]
    public partial class FrozenMiddleTwin;

    /// <summary>A frozen PReLU layer between trainable ones, global-norm clipping: its alpha must get no gradient either.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, GlobalClipNorm = 1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(7, Activation.PRelu, Trainable = false)]
    [Dense(3)]
    public partial class FrozenPRelu;

    /// <summary>FrozenPRelu declared trainable, for freezing its PReLU layer at run time (and a learned Swish layer too).</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, GlobalClipNorm = 1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Swish, LearnBeta = true)]
    [Dense(7, Activation.PRelu)]
    [Dense(3)]
    public partial class RunTimeFrozenPRelu;

    /// <summary>Penalties, a constraint, global-norm clipping and a PReLU in one model, for freezing at run time on OpenCL.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, GlobalClipNorm = 0.5f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, KernelRegularizer = Regularizer.L2, KernelL2 = 0.05f, KernelConstraint = Constraint.MaxNorm, MaxValue = 0.9f)]
    [Dense(7, Activation.PRelu, KernelRegularizer = Regularizer.L1, KernelL1 = 0.01f, KernelConstraint = Constraint.NonNeg)]
    [Dense(3)]
    public partial class RunTimeFreezeMix;

    /// <summary>The first layer frozen: its backward is not emitted at all; 65 units, past the fused OpenCL kernel.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.1f, Momentum = 0.9f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Relu, Trainable = false)]
    [Dense(3)]
    public partial class FrozenFirst;

    /// <summary>The transfer target: <see cref="FrozenMiddleTwin"/>'s first two layers, a new 2-unit head.</summary>
    [Model(Optimizer = Optimizer.Adam, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, Trainable = false)]
    [Dense(7, Activation.Tanh)]
    [Dense(2, Activation.Softmax, Name = "head")]
    public partial class NewHead;

    /// <summary>A layer named as FrozenMiddleTwin's "dense_1" with another width, for the transfer errors.</summary>
    [Model(UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(4, Activation.Tanh)]
    public partial class MismatchedShapes;
}
