using ModelGen;

namespace AotInference
{
    /// <summary>
    /// The seed book's Fashion-MNIST classifier, as in examples/FashionMnist: 28×28 pixels, flattened, two ReLU
    /// layers of 300 and 100 units with He initialization, and a 10-way softmax. The generator writes the rest.
    /// </summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    [Input(28, 28)]
    [Flatten]
    [Dense(300, Activation.Relu, KernelInit = Init.HeNormal)]
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]
    [Dense(10, Activation.Softmax)]
    public partial class FashionMlp;
}
