using ModelGen;

namespace ModelGen.Tests.Models
{
    // Models with Keras' Normalization layer, for Numerics/NormalizationTests.cs.

    /// <summary>The eleven fixture features (Fixtures/normalization.json) standardized in the model, then a small MLP.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-2f)]
    [Input(11)]
    [Normalization]
    [Dense(8, Activation.Tanh)]
    [Dense(1)]
    public partial class NormalizedMlp
    {
    }

    /// <summary><see cref="NormalizedMlp"/> without the layer: the same Dense names and shapes, fed pre-standardized rows.</summary>
    [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-2f)]
    [Input(11)]
    [Dense(8, Activation.Tanh)]
    [Dense(1)]
    public partial class UnnormalizedMlp
    {
    }

    /// <summary>
    /// A 2-D input flattened, then normalized (the layer may follow [Flatten]), named by the user; 37 features, so the
    /// vector loops of both paths (16 and 8 lanes) and their scalar tails all run.
    /// </summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    [Input(37, 1)]
    [Flatten]
    [Normalization(Name = "scaler")]
    [Dense(3, Activation.Sigmoid)]
    public partial class FlattenedNormalizedNet
    {
    }

    /// <summary>
    /// Normalization as graph nodes: one on an input (no gradient to pass on), one between layers (its backward scales
    /// by 1/std) on a node that also feeds another consumer directly, so the two gradient contributions add.
    /// </summary>
    [Model(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
    public partial class NormalizedGraph
    {
        [Input(3)] public static Node Wide { get; }
        [Input(21)] public static Node Deep { get; }
        [Normalization(From = nameof(Deep))] public static Node DeepNorm { get; }
        [Dense(19, Activation.Tanh, From = nameof(DeepNorm))] public static Node Hidden { get; }
        [Normalization(From = nameof(Hidden))] public static Node HiddenNorm { get; }
        [Concatenate(nameof(Wide), nameof(HiddenNorm))] public static Node Concat { get; }
        [Dense(1, From = nameof(Concat))][Output(LossWeight = 0.8f)] public static Node Y { get; }
        [Dense(2, Activation.Tanh, From = nameof(Hidden))][Output(LossWeight = 0.2f)] public static Node Aux { get; }
    }
}
