using ModelGen;

namespace TransferLearning
{
    /// <summary>
    /// Model A: the book's (3rd edition) MLP of three ReLU layers of 100, trained with plain SGD at 0.001, on the
    /// eight classes other than sandal (5) and shirt (6).
    /// </summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 1e-3f)]
    [Input(28, 28)]
    [Flatten]
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]   // "dense"
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]   // "dense_1"
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]   // "dense_2"
    [Dense(8, Activation.Softmax)]                              // "dense_3", not reused
    public partial class EightClasses;

    /// <summary>
    /// Model B: shirt (1) or sandal (0). Its hidden layers have model A's names and shapes, so
    /// <c>CopyLayersFrom(a, "dense", "dense_1", "dense_2")</c> reuses them; the head is new. Declared trainable: the
    /// example freezes and unfreezes the reused layers at run time (<c>Freeze</c>/<c>Unfreeze</c>).
    /// </summary>
    [Model(Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 1e-3f)]
    [Input(28, 28)]
    [Flatten]
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]   // "dense", copied from A
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]   // "dense_1", copied from A
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]   // "dense_2", copied from A
    [Dense(1, Activation.Sigmoid, Name = "head")]
    public partial class ShirtOrSandal;
}
