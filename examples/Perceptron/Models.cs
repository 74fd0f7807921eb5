using ModelGen;

namespace Perceptron
{
    /// <summary>
    /// Rosenblatt's perceptron: one threshold logic unit (Heaviside step) over two inputs, trained by the perceptron
    /// rule w ← w + η (y - ŷ) x, one instance at a time (SGD, η = 1, batch size 1). Starts from zeros, as the textbook's.
    /// </summary>
    [Model(Loss = Loss.Perceptron, Optimizer = Optimizer.Sgd, LearningRate = 1f)]
    [Input(2)]
    [Dense(1, Activation.Step, KernelInit = Init.Zeros)]
    public partial class ThresholdUnit;

    /// <summary>A multilayer perceptron trained by backpropagation: 2 → 4 tanh → 1 sigmoid, binary cross-entropy, Adam.</summary>
    [Model(Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.05f)]
    [Input(2)]
    [Dense(4, Activation.Tanh)]
    [Dense(1, Activation.Sigmoid)]
    public partial class XorMlp;
}
