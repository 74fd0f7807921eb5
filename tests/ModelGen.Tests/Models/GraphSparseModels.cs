using ModelGen;

namespace ModelGen.Tests.Models
{
    // Functional models with integer-label outputs (sparse categorical cross-entropy) and per-output Huber deltas
    // (Numerics/GraphSparseTests.cs, Fixtures/make_graph_sparse.py).

    /// <summary>
    /// Fixture "sparse_probs": a regression head first (target columns 0-1), then a softmax classification head on
    /// integer labels (target column 2), so the label column sits after another output's columns.
    /// </summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    public partial class SparseProbNet
    {
        [Input(5)] public static Node X { get; }
        [Dense(8, Activation.Tanh, From = nameof(X))] public static Node Hidden { get; }

        [Dense(2, From = nameof(Hidden), Name = "reg")]
        [Output(LossWeight = 0.4f)]
        public static Node Reg { get; }

        [Dense(4, Activation.Softmax, From = nameof(Hidden), Name = "cls")]
        [Output(Loss = Loss.SparseCategoricalCrossEntropy, LossWeight = 0.6f, Metrics = new[] { Metric.Accuracy })]
        public static Node Cls { get; }
    }

    /// <summary>Fixture "sparse_logits": a classification head on logits first (target column 0), then a regression head (columns 1-2).</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    public partial class SparseLogitsNet
    {
        [Input(5)] public static Node X { get; }
        [Dense(8, Activation.Tanh, From = nameof(X))] public static Node Hidden { get; }

        [Dense(3, From = nameof(Hidden), Name = "cls")]
        [Output(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, LossWeight = 0.7f, Metrics = new[] { Metric.SparseCategoricalAccuracy })]
        public static Node Cls { get; }

        [Dense(2, From = nameof(Hidden), Name = "reg")]
        [Output(LossWeight = 0.3f)]
        public static Node Reg { get; }
    }

    /// <summary>Fixture "huber": two Huber outputs with their own deltas (0.5 and 2.5), residuals on both sides of each.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.05f)]
    public partial class HuberDeltaNet
    {
        [Input(4)] public static Node X { get; }
        [Dense(6, Activation.Tanh, From = nameof(X))] public static Node Hidden { get; }

        [Dense(3, From = nameof(Hidden), Name = "narrow")]
        [Output(Loss = Loss.Huber, HuberDelta = 0.5f, LossWeight = 0.7f)]
        public static Node Narrow { get; }

        [Dense(2, From = nameof(Hidden), Name = "wide")]
        [Output(Loss = Loss.Huber, HuberDelta = 2.5f, LossWeight = 0.3f)]
        public static Node Wide { get; }
    }

    /// <summary>Trained by the typed Fit with int[] labels: three classes of points in the plane, and their distance from the origin.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    public partial class BlobsNet
    {
        [Input(2)] public static Node Point { get; }
        [Dense(16, Activation.Relu, From = nameof(Point))] public static Node Hidden { get; }

        [Dense(3, Activation.Softmax, From = nameof(Hidden))]
        [Output(Loss = Loss.SparseCategoricalCrossEntropy, Metrics = new[] { Metric.Accuracy })]
        public static Node Blob { get; }

        [Dense(1, From = nameof(Hidden))]
        [Output(LossWeight = 0.1f)]
        public static Node Radius { get; }
    }

    /// <summary>One sparse output from logits: the base class's int[] overloads (Fit, Evaluate, TrainBatch) store labels in its one target column.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 0.02f)]
    public partial class SingleSparseNet
    {
        [Input(2)] public static Node Point { get; }
        [Dense(12, Activation.Tanh, From = nameof(Point))] public static Node Hidden { get; }

        [Dense(3, From = nameof(Hidden))]
        [Output(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Metrics = new[] { Metric.Accuracy })]
        public static Node Blob { get; }
    }
}
