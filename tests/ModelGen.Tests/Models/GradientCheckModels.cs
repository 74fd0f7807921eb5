using ModelGen;

namespace ModelGen.Tests.Models
{
    // Networks for Numerics/FiniteDifferenceTests: together they put every activation in a hidden and an output
    // position, every loss, layers with and without bias, a Flatten input, unrolled layers (the default
    // UnrollThreshold of 256 weights) and loop layers (UnrollThreshold = 0) whose widths hit every column tile of
    // ColumnTiling: 3 (scalar tail only), 8 (one vector), 13 (vector + tail), 37 (a block of 4 vectors + tail),
    // 40 (block + one vector), 75 (two blocks + one vector + tail).
    //
    // Declared as a user would; the FD tests describe the same architectures again in a double-precision reference,
    // so a change here must be mirrored in FiniteDifferenceTests.Cases.

    // ---- Loop layers (UnrollThreshold = 0) ---------------------------------------------------------------------

    /// <summary>5 → 8 identity → 3 identity, MSE: the identity activation hidden and as output.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(8)]
    [Dense(3)]
    public partial class GcIdentityLoop;

    /// <summary>4 → 13 sigmoid → 2 sigmoid, MSE.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(4)]
    [Dense(13, Activation.Sigmoid)]
    [Dense(2, Activation.Sigmoid)]
    public partial class GcSigmoidLoop;

    /// <summary>4 → 37 tanh → 3 tanh, MSE.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(4)]
    [Dense(37, Activation.Tanh)]
    [Dense(3, Activation.Tanh)]
    public partial class GcTanhLoop;

    /// <summary>4 → 40 ReLU → 13 ReLU, MSE: ReLU hidden and as output.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(4)]
    [Dense(40, Activation.Relu)]
    [Dense(13, Activation.Relu)]
    public partial class GcReluLoop;

    /// <summary>4 → 13 softmax → 3 identity, MSE: softmax as a hidden layer (its full Jacobian in backward).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(4)]
    [Dense(13, Activation.Softmax)]
    [Dense(3)]
    public partial class GcSoftmaxHiddenLoop;

    /// <summary>5 → 40 ReLU → 13 softmax, sparse cross-entropy on probabilities (fused softmax + CE backward).</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(40, Activation.Relu)]
    [Dense(13, Activation.Softmax)]
    public partial class GcSoftmaxCrossEntropyLoop;

    /// <summary>5 → 37 tanh → 8 logits, sparse cross-entropy from logits.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(37, Activation.Tanh)]
    [Dense(8)]
    public partial class GcLogitsLoop;

    /// <summary>4 → 13 tanh → 8 softmax, MSE: softmax output under a loss that is not fused with it.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(4)]
    [Dense(13, Activation.Tanh)]
    [Dense(8, Activation.Softmax)]
    public partial class GcSoftmaxMseLoop;

    /// <summary>[2, 3] → Flatten → 13 ReLU (no bias) → 8 tanh (no bias) → 3 softmax, sparse cross-entropy.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(2, 3)]
    [Flatten]
    [Dense(13, Activation.Relu, UseBias = false)]
    [Dense(8, Activation.Tanh, UseBias = false)]
    [Dense(3, Activation.Softmax)]
    public partial class GcFlattenNoBiasLoop;

    /// <summary>6 → 40 sigmoid → 37 tanh → 13 identity, MSE: the first layer's gradients need two back-propagated deltas.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(6)]
    [Dense(40, Activation.Sigmoid)]
    [Dense(37, Activation.Tanh)]
    [Dense(13)]
    public partial class GcDeepLoop;

    /// <summary>3 → 75 ReLU → 3 softmax, sparse cross-entropy: two register blocks, a vector and a tail.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(3)]
    [Dense(75, Activation.Relu)]
    [Dense(3, Activation.Softmax)]
    public partial class GcWideLoop;

    // ---- Unrolled layers (default UnrollThreshold: at most 256 weights) ------------------------------------------

    /// <summary>3 → 5 tanh → 4 sigmoid → 2 identity, MSE.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(3)]
    [Dense(5, Activation.Tanh)]
    [Dense(4, Activation.Sigmoid)]
    [Dense(2)]
    public partial class GcSmoothUnrolled;

    /// <summary>4 → 6 ReLU (no bias) → 3 ReLU → 3 softmax, sparse cross-entropy.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(6, Activation.Relu, UseBias = false)]
    [Dense(3, Activation.Relu)]
    [Dense(3, Activation.Softmax)]
    public partial class GcReluUnrolled;

    /// <summary>[2, 2] → Flatten → 7 ReLU → 3 logits, sparse cross-entropy from logits.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Sgd)]
    [Input(2, 2)]
    [Flatten]
    [Dense(7, Activation.Relu)]
    [Dense(3)]
    public partial class GcLogitsUnrolled;

    /// <summary>3 → 4 softmax → 5 sigmoid (no bias) → 3 softmax, MSE: softmax hidden and as output, unrolled.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(3)]
    [Dense(4, Activation.Softmax)]
    [Dense(5, Activation.Sigmoid, UseBias = false)]
    [Dense(3, Activation.Softmax)]
    public partial class GcSoftmaxUnrolled;

    /// <summary>4 → 6 ReLU → 3 tanh, sparse cross-entropy from logits: the "logits" pass through tanh first.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Sgd, UnrollThreshold = 0)]
    [Input(4)]
    [Dense(6, Activation.Relu)]
    [Dense(3, Activation.Tanh)]
    public partial class GcLogitsAfterTanh;
}
