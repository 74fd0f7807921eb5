using ModelGen;

namespace FashionMnist
{
    /// <summary>
    /// The seed book's Fashion-MNIST classifier (Géron, Hands-On Machine Learning, chapter 10): 28×28 pixels,
    /// flattened, two ReLU layers of 300 and 100 units with He initialization, and a 10-way softmax, trained with
    /// Adam on sparse categorical cross-entropy. ModelGen's generator writes everything else of this class.
    /// </summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    [Input(28, 28)]
    [Flatten]
    [Dense(300, Activation.Relu, KernelInit = Init.HeNormal)]
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]
    [Dense(10, Activation.Softmax)]
    public partial class FashionMlp;
}
