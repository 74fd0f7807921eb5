using ModelGen;

namespace ModelGen.Tests.Models
{
    // Functional models whose outputs have their own losses, weights and metrics (Numerics/GraphLossTests.cs).

    /// <summary>The model of Fixtures/make_graph_losses.py: MSE, BCE from logits and CCE outputs on one hidden layer.</summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    public partial class MultiLossNet
    {
        [Input(6)] public static Node X { get; }
        [Dense(8, Activation.Tanh, From = nameof(X))] public static Node Hidden { get; }

        [Dense(2, From = nameof(Hidden), Name = "reg")]
        [Output(LossWeight = 0.5f, Metrics = new[] { Metric.MeanAbsoluteError, Metric.RootMeanSquaredError })]
        public static Node Reg { get; }

        [Dense(1, From = nameof(Hidden), Name = "flag")]
        [Output(Loss = Loss.BinaryCrossEntropy, FromLogits = true, LossWeight = 0.3f, Metrics = new[] { Metric.BinaryAccuracy })]
        public static Node Flag { get; }

        [Dense(3, Activation.Softmax, From = nameof(Hidden), Name = "cls")]
        [Output(Loss = Loss.CategoricalCrossEntropy, LossWeight = 0.2f, Metrics = new[] { Metric.Accuracy })]
        public static Node Cls { get; }
    }

    /// <summary>
    /// The other output losses, for finite differences: mean absolute error and Huber on a merge and a Dense output,
    /// binary cross-entropy on sigmoid probabilities, categorical cross-entropy from logits; the Huber output also
    /// feeds another node, so its gradient is the loss's plus a consumer's.
    /// </summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    public partial class OtherLossNet
    {
        [Input(5)] public static Node X { get; }
        [Dense(6, Activation.Tanh, From = nameof(X))] public static Node Hidden { get; }
        [Dense(2, From = nameof(Hidden))][Output(Loss = Loss.Huber, LossWeight = 0.4f)] public static Node Robust { get; }
        [Dense(2, Activation.Tanh, From = nameof(X))] public static Node Side { get; }
        [Add(nameof(Robust), nameof(Side))][Output(Loss = Loss.MeanAbsoluteError, LossWeight = 0.3f)] public static Node Total { get; }
        [Dense(2, Activation.Sigmoid, From = nameof(Hidden))][Output(Loss = Loss.BinaryCrossEntropy, LossWeight = 0.2f)] public static Node Prob { get; }
        [Dense(4, From = nameof(Hidden))][Output(Loss = Loss.CategoricalCrossEntropy, FromLogits = true, LossWeight = 0.1f, Metrics = new[] { Metric.CategoricalAccuracy })] public static Node Logits { get; }
    }

    /// <summary>One output with metrics: Keras names them plainly ("mae"), and the output's loss is the model's "loss".</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-2f)]
    public partial class SingleOutputMetricsNet
    {
        [Input(3)] public static Node X { get; }
        [Dense(4, Activation.Tanh, From = nameof(X))] public static Node Hidden { get; }
        [Dense(1, From = nameof(Hidden))][Output(Loss = Loss.MeanAbsoluteError, Metrics = new[] { Metric.MeanSquaredError })] public static Node Y { get; }
    }
}
