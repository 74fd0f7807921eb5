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

namespace ModelGen.Benchmarks
{
    /// <summary>
    /// The dense GEMM shapes of the 784-300-100-10 MLP's first layer, on a layer that also needs its input gradient:
    /// dense_1 is [784] -> [300] and not first, so Dense1Forward (Y = X·W), Dense1KernelGradient (dW = X^T·dY) and
    /// Dense1InputGradient (dX = dY·W^T) are the three GEMMs of the suite.
    /// </summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(784)]
    [Dense(784)]
    [Dense(300)]
    public partial class GemmShapes;
}
