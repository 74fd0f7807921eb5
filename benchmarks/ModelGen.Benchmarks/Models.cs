using ModelGen;

namespace ModelGen.Benchmarks
{
    /// <summary>The book's Fashion-MNIST MLP: 784-300-100-10, ReLU, softmax, Adam.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam)]
    [Input(784)]
    [Dense(300, Activation.Relu, KernelInit = Init.HeNormal)]
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]
    [Dense(10, Activation.Softmax)]
    public partial class Mlp784;

    /// <summary>The latency-sensitive embedding case (e.g. real-time audio): 8-16-16-1 tanh.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
    [Input(8)]
    [Dense(16, Activation.Tanh)]
    [Dense(16, Activation.Tanh)]
    [Dense(1)]
    public partial class Tiny8;
}
