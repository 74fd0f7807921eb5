using ModelGen;

namespace ModelGen.Tests.Models
{
    // Networks for the loss and metric tests (Numerics/LossReferenceTests.cs, Numerics/LossFiniteDifferenceTests.cs,
    // Runtime/MetricTests.cs, OpenCl/OpenClLossTests.cs).
    //
    // Lr*: one layer without bias over an [Input(4)] batch of identity rows, so output row n is kernel row n: the
    // PyTorch fixture (Fixtures/losses.json) writes z into the kernel and reads dL/dz back as the kernel gradient.
    // Small enough for the OpenCL fully fused kernel.
    //
    // Fd*: 3 -> 70 tanh -> outputs, every loss and each fused form. The hidden layer is wider than the fused OpenCL
    // kernel takes, so on OpenCL they run the layer-by-layer kernels and the separate loss kernel.

    // ---- One layer: the loss's own gradient --------------------------------------------------------------------

    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(3, UseBias = false)]
    public partial class LrMse;

    [Model(Loss = Loss.MeanAbsoluteError, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(3, UseBias = false)]
    public partial class LrMae;

    [Model(Loss = Loss.Huber, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(3, UseBias = false)]
    public partial class LrHuber;

    [Model(Loss = Loss.Huber, HuberDelta = 0.5f, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(3, UseBias = false)]
    public partial class LrHuberHalf;

    [Model(Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(3, Activation.Sigmoid, UseBias = false)]
    public partial class LrBceSigmoid;

    [Model(Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(3, Activation.Softmax, UseBias = false)]
    public partial class LrBceSoftmax;

    [Model(Loss = Loss.BinaryCrossEntropy, FromLogits = true, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(3, UseBias = false)]
    public partial class LrBceLogits;

    [Model(Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(4, Activation.Softmax, UseBias = false)]
    public partial class LrCceSoftmax;

    [Model(Loss = Loss.CategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(4, UseBias = false)]
    public partial class LrCceLogits;

    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(4, Activation.Softmax, UseBias = false)]
    public partial class LrScceSoftmax;

    [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(4, UseBias = false)]
    public partial class LrScceLogits;

    // ---- Two layers: finite differences and the layer-by-layer OpenCL path -------------------------------------

    [Model(Loss = Loss.MeanAbsoluteError, Optimizer = Optimizer.Adam)]
    [Input(3)]
    [Dense(70, Activation.Tanh)]
    [Dense(2)]
    public partial class FdMae;

    [Model(Loss = Loss.Huber, HuberDelta = 0.3f, Optimizer = Optimizer.Adam)]
    [Input(3)]
    [Dense(70, Activation.Tanh)]
    [Dense(3, Activation.Tanh)]
    public partial class FdHuber;

    [Model(Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam)]
    [Input(3)]
    [Dense(70, Activation.Tanh)]
    [Dense(3, Activation.Sigmoid)]
    public partial class FdBceSigmoid;

    [Model(Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam)]
    [Input(3)]
    [Dense(70, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class FdBceSoftmax;

    [Model(Loss = Loss.BinaryCrossEntropy, FromLogits = true, Optimizer = Optimizer.Adam)]
    [Input(3)]
    [Dense(70, Activation.Tanh)]
    [Dense(2)]
    public partial class FdBceLogits;

    [Model(Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, UnrollThreshold = 0)]
    [Input(3)]
    [Dense(70, Activation.Tanh)]
    [Dense(4, Activation.Softmax)]
    public partial class FdCceSoftmax;

    [Model(Loss = Loss.CategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Adam)]
    [Input(3)]
    [Dense(70, Activation.Tanh)]
    [Dense(4)]
    public partial class FdCceLogits;

    // ---- Metrics ----------------------------------------------------------------------------------------------

    /// <summary>Regression with every regression metric.</summary>
    [Model(Loss = Loss.MeanSquaredError, Metrics = new[] { Metric.MeanAbsoluteError, Metric.RootMeanSquaredError, Metric.MeanSquaredError })]
    [Input(3)]
    [Dense(6, Activation.Tanh)]
    [Dense(2)]
    public partial class MetricRegressor;

    /// <summary>One sigmoid unit: Keras resolves "accuracy" to binary accuracy.</summary>
    [Model(Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.MeanAbsoluteError })]
    [Input(3)]
    [Dense(6, Activation.Tanh)]
    [Dense(1, Activation.Sigmoid)]
    public partial class MetricBinary;

    /// <summary>Three sigmoid units (multi-label) with float targets: "accuracy" resolves to categorical accuracy, as Keras does.</summary>
    [Model(Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.BinaryAccuracy, Metric.Accuracy })]
    [Input(3)]
    [Dense(6, Activation.Tanh)]
    [Dense(3, Activation.Sigmoid)]
    public partial class MetricMultiLabel;

    /// <summary>Softmax with one-hot targets: "accuracy" resolves to categorical accuracy.</summary>
    [Model(Loss = Loss.CategoricalCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.CategoricalAccuracy, Metric.MeanSquaredError })]
    [Input(3)]
    [Dense(6, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class MetricCategorical;

    /// <summary>Integer labels: "accuracy" resolves to sparse categorical accuracy.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Metrics = new[] { Metric.SparseCategoricalAccuracy, Metric.Accuracy })]
    [Input(3)]
    [Dense(6, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class MetricSparse;

    /// <summary>Wide enough (70) for the layer-by-layer OpenCL kernels: metrics from the separate loss kernel.</summary>
    [Model(Loss = Loss.CategoricalCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.BinaryAccuracy, Metric.MeanAbsoluteError, Metric.RootMeanSquaredError })]
    [Input(3)]
    [Dense(70, Activation.Relu)]
    [Dense(3, Activation.Softmax)]
    public partial class MetricWide;
}
