namespace ModelGen.Tests.Models
{
    /// <summary>
    /// Regularizers (kernel L1L2, bias L2), a layer declared Trainable = false after a trainable one, a MaxNorm
    /// constraint, Adam with weight decay and global-norm clipping: a sequential model, and its twin as a graph.
    /// </summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, WeightDecay = 0.1f, GlobalClipNorm = 0.5f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh, KernelRegularizer = Regularizer.L1L2, KernelL1 = 0.01f, KernelL2 = 0.02f, BiasRegularizer = Regularizer.L2)]
    [Dense(7, Activation.Tanh, Trainable = false)]
    [Dense(3, KernelConstraint = Constraint.MaxNorm, MaxValue = 0.5f)]
    public partial class SequentialTrainingMath;

    /// <summary><see cref="SequentialTrainingMath"/> declared as a functional model (same layer names).</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, WeightDecay = 0.1f, GlobalClipNorm = 0.5f, UnrollThreshold = 0)]
    public partial class GraphTrainingMath
    {
        [Input(5)] public static Node X { get; }
        [Dense(6, Activation.Tanh, Name = "dense", From = nameof(X), KernelRegularizer = Regularizer.L1L2, KernelL1 = 0.01f, KernelL2 = 0.02f, BiasRegularizer = Regularizer.L2)]
        public static Node A { get; }
        [Dense(7, Activation.Tanh, Name = "dense_1", From = nameof(A), Trainable = false)] public static Node B { get; }
        [Dense(3, Name = "dense_2", From = nameof(B), KernelConstraint = Constraint.MaxNorm, MaxValue = 0.5f)][Output] public static Node Y { get; }
    }

    /// <summary>
    /// A residual graph with an L2-regularized block, a frozen skip branch and clipping by value: the penalty and
    /// the frozen node where gradients fan out and merge.
    /// </summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, ClipValue = 0.05f, UnrollThreshold = 0)]
    public partial class ResidualTrainingMath
    {
        [Input(6)] public static Node X { get; }
        [Dense(6, Activation.Tanh, From = nameof(X), KernelRegularizer = Regularizer.L2, KernelL2 = 0.05f)] public static Node Block { get; }
        [Dense(6, From = nameof(X), Trainable = false)] public static Node Skip { get; }
        [Add(nameof(Block), nameof(Skip))] public static Node Merged { get; }
        [Dense(2, From = nameof(Merged), BiasRegularizer = Regularizer.L1, BiasL1 = 0.1f)][Output] public static Node Y { get; }
    }
}
