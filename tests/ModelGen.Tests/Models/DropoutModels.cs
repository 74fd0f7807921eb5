using ModelGen;

namespace ModelGen.Tests.Models
{
    /// <summary>
    /// A probe for dropout: with x = 1 and both kernels written to 1, the hidden layer's 1000 outputs are all 1 before
    /// the dropout, so in a training pass the output is (kept count) / (1 - rate), and under MSE with target 0 the
    /// gradient of dense_1.kernel[j] is 2 · out · h_j: h_j (0 or 1 / (1 - rate)) is the mask itself.
    /// </summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(1)]
    [Dense(1000, UseBias = false)]
    [Dropout(0.3f)]
    [Dense(1, UseBias = false)]
    public partial class DropoutProbeNet;

    /// <summary>Dropout after a sigmoid layer (whose derivative is read from y): the backward pass must undo the scaling of y.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(3)]
    [Dense(40, Activation.Sigmoid)]
    [Dropout(0.25f)]
    [Dense(2, UseBias = false)]
    public partial class DropoutSigmoidNet;

    /// <summary>A small classifier with dropout after each hidden layer, for training and allocation checks.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    [Input(4)]
    [Dense(64, Activation.Relu)]
    [Dropout(0.2f)]
    [Dense(48, Activation.Tanh)]
    [Dropout(0.5f)]
    [Dense(3)]
    public partial class DropoutClassifierNet;
}

namespace ModelGen.Tests.Models
{
    /// <summary>The AlphaDropout case of Fixtures/dropout.json: 3 -> 40 SELU -> AlphaDropout(0.2) -> 2, MSE.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(3)]
    [Dense(40, Activation.Selu)]
    [AlphaDropout(0.2f)]
    [Dense(2, UseBias = false)]
    public partial class AlphaSeluNet;
}
