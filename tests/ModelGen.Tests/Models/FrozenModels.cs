using ModelGen;

namespace ModelGen.Tests.Models
{
    // Frozen models and their trainable twins: the same layer declarations, one compiled with the weights of a file
    // (Fixtures/frozen/*.safetensors, written by Fixtures/make_frozen.py and handed to the compiler as AdditionalFiles),
    // the other loading that file at run time. Tests: Runtime/FrozenModelTests.cs.

    /// <summary>4 → 8 relu → 5 tanh → 3 softmax, every layer under the unroll threshold: the weights become literals.</summary>
    [FrozenWeights("frozen/small.safetensors")]
    [Input(4)]
    [Dense(8, Activation.Relu)]
    [Dense(5, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class FrozenSmall;

    /// <summary>The same weights stored as F64 (exactly float32 values), named by file name alone.</summary>
    [FrozenWeights("small_f64.safetensors")]
    [Input(4)]
    [Dense(8, Activation.Relu)]
    [Dense(5, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class FrozenSmallF64;

    /// <summary>The trainable twin of <see cref="FrozenSmall"/>.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
    [Input(4)]
    [Dense(8, Activation.Relu)]
    [Dense(5, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class TrainableSmall;

    /// <summary>
    /// Fashion-MNIST-sized (784 → 300 relu → 100 relu → 10 softmax) with dropout, which a frozen model drops: the
    /// kernels are packed constant data read by the trainable model's micro-kernels. The file holds the first kernel
    /// in PyTorch's [out, in] form (dense.weight), transposed at compile time.
    /// </summary>
    [FrozenWeights("Fixtures/frozen/mlp.safetensors")]
    [Input(28, 28)]
    [Flatten]
    [Dense(300, Activation.Relu)]
    [Dropout(0.2f)]
    [Dense(100, Activation.Relu)]
    [Dense(10, Activation.Softmax)]
    public partial class FrozenMlp;

    /// <summary>The trainable twin of <see cref="FrozenMlp"/>.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
    [Input(28, 28)]
    [Flatten]
    [Dense(300, Activation.Relu)]
    [Dropout(0.2f)]
    [Dense(100, Activation.Relu)]
    [Dense(10, Activation.Softmax)]
    public partial class TrainableMlp;

    /// <summary>Activations whose trainable form keeps z for the derivative (GELU, Swish, Mish); the first layer is packed.</summary>
    [FrozenWeights("frozen/zacts.safetensors")]
    [Input(40)]
    [Dense(16, Activation.Gelu)]
    [Dense(12, Activation.Swish)]
    [Dense(8, Activation.Mish)]
    [Dense(4)]
    public partial class FrozenZActivations;

    /// <summary>The trainable twin of <see cref="FrozenZActivations"/>.</summary>
    [Model]
    [Input(40)]
    [Dense(16, Activation.Gelu)]
    [Dense(12, Activation.Swish)]
    [Dense(8, Activation.Mish)]
    [Dense(4)]
    public partial class TrainableZActivations;
}
