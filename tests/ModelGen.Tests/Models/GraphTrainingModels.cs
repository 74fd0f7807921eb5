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

namespace ModelGen.Tests.Models
{
    /// <summary>Batch normalization as a graph node, after a ReLU Dense node (Keras: BatchNormalization()(hidden)).</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    public partial class GraphBatchNorm
    {
        [Input(5)] public static Node X { get; }
        [Dense(8, Activation.Relu, From = nameof(X))] public static Node Hidden { get; }
        [BatchNormalization(From = nameof(Hidden), Momentum = 0.9f)] public static Node Normalized { get; }
        [Dense(6, Activation.Tanh, From = nameof(Normalized), UseBias = false)] public static Node Second { get; }
        [BatchNormalization(From = nameof(Second), Activation = Activation.Relu, Center = false)] public static Node SecondNormalized { get; }
        [Dense(3, From = nameof(SecondNormalized))][Output] public static Node Y { get; }
    }

    /// <summary><see cref="GraphBatchNorm"/> declared sequentially, with the same layer names.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(8, Activation.Relu, Name = "Hidden")]
    [BatchNormalization(Name = "Normalized", Momentum = 0.9f)]
    [Dense(6, Activation.Tanh, Name = "Second", UseBias = false)]
    [BatchNormalization(Name = "SecondNormalized", Activation = Activation.Relu, Center = false)]
    [Dense(3, Name = "Y")]
    public partial class SequentialBatchNormTwin;

    /// <summary>A dropout node read by two nodes (a residual block around it), and an alpha dropout after SELU.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 0)]
    public partial class GraphDropout
    {
        [Input(6)] public static Node X { get; }
        [Dense(6, Activation.Sigmoid, From = nameof(X))] public static Node Hidden { get; }
        [Dropout(0.4f, From = nameof(Hidden))] public static Node Dropped { get; }
        [Dense(6, Activation.Tanh, From = nameof(Dropped))] public static Node Block { get; }
        [Add(nameof(Dropped), nameof(Block))] public static Node Merged { get; }
        [Dense(5, Activation.Selu, From = nameof(Merged))] public static Node SeluLayer { get; }
        [AlphaDropout(0.2f, From = nameof(SeluLayer))] public static Node AlphaDropped { get; }
        [Dense(2, From = nameof(AlphaDropped))][Output] public static Node Y { get; }
    }

    /// <summary><see cref="GraphDropout"/> without its dropout nodes: the same function at inference.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 0)]
    public partial class GraphWithoutDropout
    {
        [Input(6)] public static Node X { get; }
        [Dense(6, Activation.Sigmoid, From = nameof(X))] public static Node Hidden { get; }
        [Dense(6, Activation.Tanh, From = nameof(Hidden))] public static Node Block { get; }
        [Add(nameof(Hidden), nameof(Block))] public static Node Merged { get; }
        [Dense(5, Activation.Selu, From = nameof(Merged))] public static Node SeluLayer { get; }
        [Dense(2, From = nameof(SeluLayer))][Output] public static Node Y { get; }
    }
}
