using ModelGen;

namespace ModelGen.Tests.Models
{
    // Frozen models with batch normalization and learned activations (Fixtures/make_frozen_bn.py, frozen_bn.json;
    // Runtime/FrozenBatchNormTests.cs), each with its trainable twin: the same layers under [Model].

    /// <summary>
    /// Every kind of fold: batch_normalization into dense_1's rows (PyTorch names in the file), batch_normalization_1
    /// into dense_1's columns, batch_normalization_2 as its own pass (tanh after tanh), batch_normalization_3 into the
    /// unrolled dense_4's rows. dense and dense_1 are packed, the others unrolled.
    /// </summary>
    [FrozenWeights("frozen/bn_chain.safetensors")]
    [Input(20)]
    [Dense(40, Activation.Relu)]
    [BatchNormalization]
    [Dense(12, UseBias = false)]
    [BatchNormalization(Activation = Activation.Relu, Center = false, Epsilon = 1e-5f)]
    [Dense(8, Activation.Tanh)]
    [BatchNormalization(Activation = Activation.Tanh, Scale = false)]
    [Dense(6, Activation.Relu)]
    [BatchNormalization]
    [Dense(3)]
    public partial class FrozenBnChain;

    /// <summary>The trainable twin of <see cref="FrozenBnChain"/>.</summary>
    [Model(Loss = Loss.MeanSquaredError)]
    [Input(20)]
    [Dense(40, Activation.Relu)]
    [BatchNormalization]
    [Dense(12, UseBias = false)]
    [BatchNormalization(Activation = Activation.Relu, Center = false, Epsilon = 1e-5f)]
    [Dense(8, Activation.Tanh)]
    [BatchNormalization(Activation = Activation.Tanh, Scale = false)]
    [Dense(6, Activation.Relu)]
    [BatchNormalization]
    [Dense(3)]
    public partial class TrainableBnChain;

    /// <summary>A file written by the trainable model's Save after training (FrozenBatchNormTests.WriteTrainedFile).</summary>
    [FrozenWeights("frozen/bn_trained.safetensors")]
    [Input(20)]
    [Dense(40, Activation.Relu)]
    [BatchNormalization]
    [Dense(12, UseBias = false)]
    [BatchNormalization(Activation = Activation.Relu, Center = false, Epsilon = 1e-5f)]
    [Dense(8, Activation.Tanh)]
    [BatchNormalization(Activation = Activation.Tanh, Scale = false)]
    [Dense(6, Activation.Relu)]
    [BatchNormalization]
    [Dense(3)]
    public partial class FrozenBnTrained;

    /// <summary>PReLU (alpha [12]) and Swish with a learned beta ([1]), read from the file as constants.</summary>
    [FrozenWeights("frozen/learned_acts.safetensors")]
    [Input(10)]
    [Dense(12, Activation.PRelu)]
    [Dense(6, Activation.Swish, LearnBeta = true)]
    [Dense(3)]
    public partial class FrozenLearnedActivations;

    /// <summary>The trainable twin of <see cref="FrozenLearnedActivations"/>.</summary>
    [Model(Loss = Loss.MeanSquaredError)]
    [Input(10)]
    [Dense(12, Activation.PRelu)]
    [Dense(6, Activation.Swish, LearnBeta = true)]
    [Dense(3)]
    public partial class TrainableLearnedActivations;
}

namespace ModelGen.Tests.Models
{
    /// <summary><see cref="FrozenMlp"/> with AlignWeights = true: the packed weights read from a 64-byte-aligned copy.</summary>
    [FrozenWeights("Fixtures/frozen/mlp.safetensors", AlignWeights = true)]
    [Input(28, 28)]
    [Flatten]
    [Dense(300, Activation.Relu)]
    [Dropout(0.2f)]
    [Dense(100, Activation.Relu)]
    [Dense(10, Activation.Softmax)]
    public partial class FrozenMlpAligned;
}
