using ModelGen;

namespace ModelGen.Tests.Models
{
    // Networks for the runtime behaviour tests (Runtime/AllocationTests, DeterminismTests, TrainingTests, ...).

    /// <summary>The Fashion-MNIST shape: [28, 28] → Flatten → 300 ReLU → 100 ReLU → 10 softmax, Adam. Loop layers.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
    [Input(28, 28)]
    [Flatten]
    [Dense(300, Activation.Relu, KernelInit = Init.HeNormal)]
    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]
    [Dense(10, Activation.Softmax)]
    public partial class AllocationMlp;

    /// <summary>4 → 6 ReLU → 3 softmax, Adam: small enough that every layer is unrolled.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    [Input(4)]
    [Dense(6, Activation.Relu)]
    [Dense(3, Activation.Softmax)]
    public partial class TinyUnrolledClassifier;

    /// <summary>2 → 16 tanh → 2 softmax, Adam: learns XOR-like quadrants, which no linear model can.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.02f)]
    [Input(2)]
    [Dense(16, Activation.Tanh)]
    [Dense(2, Activation.Softmax)]
    public partial class XorNet;

    /// <summary>3 → 2 linear, MSE, plain SGD (lr 0.1): a convex problem SGD must solve exactly.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
    [Input(3)]
    [Dense(2)]
    public partial class LinearRegressor;
}
