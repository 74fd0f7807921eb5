using ModelGen;

namespace ModelGen.Tests.Models
{
    // The cases of Fixtures/batchnorm.json (make_batchnorm.py), one class per case (the optimizer is compile-time).

    /// <summary>Keras' "before the activation": Dense(use_bias=False), BatchNormalization, ReLU. Folds into dense's columns.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
    [Input(5)]
    [Dense(40, UseBias = false)]
    [BatchNormalization(Activation = Activation.Relu)]
    [Dense(3)]
    public partial class BnBeforeReluSgdNet;

    /// <summary>As <see cref="BnBeforeReluSgdNet"/>, trained with Adam.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    [Input(5)]
    [Dense(40, UseBias = false)]
    [BatchNormalization(Activation = Activation.Relu)]
    [Dense(3)]
    public partial class BnBeforeReluAdamNet;

    /// <summary>"After the activation": Dense(relu), BatchNormalization. Folds into dense_1's rows.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
    [Input(5)]
    [Dense(40, Activation.Relu)]
    [BatchNormalization]
    [Dense(3)]
    public partial class BnAfterReluSgdNet;

    /// <summary>As <see cref="BnAfterReluSgdNet"/>, trained with Adam.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    [Input(5)]
    [Dense(40, Activation.Relu)]
    [BatchNormalization]
    [Dense(3)]
    public partial class BnAfterReluAdamNet;

    /// <summary>Both folds into dense_1 (rows from batch_normalization, columns from batch_normalization_1); no beta on the second.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f)]
    [Input(5)]
    [Dense(40, Activation.Relu)]
    [BatchNormalization(Momentum = 0.9f)]
    [Dense(24, UseBias = false)]
    [BatchNormalization(Momentum = 0.8f, Epsilon = 1e-5f, Activation = Activation.Relu, Center = false)]
    [Dense(3)]
    public partial class BnChainSgdNet;

    /// <summary>A normalization with its own activation after a nonlinear layer: folds nowhere (one fused pass); no gamma.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
    [Input(5)]
    [Dense(12, Activation.Tanh)]
    [BatchNormalization(Activation = Activation.Tanh, Scale = false)]
    [Dense(3)]
    public partial class BnFusedSgdNet;

    /// <summary>A classifier with a frozen (Trainable = false: inference-mode) normalization, for runtime checks.</summary>
    [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
    [Input(6)]
    [Dense(32, Activation.Relu)]
    [BatchNormalization(Trainable = false)]
    [Dense(20, UseBias = false)]
    [BatchNormalization(Activation = Activation.Relu)]
    [Dense(3)]
    public partial class BnClassifierNet;
}

namespace ModelGen.Tests.Models
{
    /// <summary>A trainable normalization between two layers declared frozen: its gamma and beta must still get gradients.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
    [Input(5)]
    [Dense(8, Activation.Relu, Trainable = false)]
    [BatchNormalization]
    [Dense(6, Activation.Relu, Trainable = false)]
    [Dense(2)]
    public partial class BnBetweenFrozenNet;

    /// <summary>BnBetweenFrozenNet with every Dense trainable: the same weights for the same seed, so the same gamma gradient.</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
    [Input(5)]
    [Dense(8, Activation.Relu)]
    [BatchNormalization]
    [Dense(6, Activation.Relu)]
    [Dense(2)]
    public partial class BnBetweenTrainableNet;
}

namespace ModelGen.Tests.Models
{
    /// <summary>Layer names whose OpenCL kernels would clash: "a" with a dropout and a normalization named "a_dropout" (both make a_dropout_backward).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd)]
    [Input(4)]
    [Dense(8, Activation.Relu, Name = "a")]
    [Dropout(0.5f)]
    [Dense(8, Activation.Relu, Name = "b")]
    [BatchNormalization(Name = "a_dropout")]
    [Dense(2)]
    public partial class ClashingKernelNamesNet;
}
