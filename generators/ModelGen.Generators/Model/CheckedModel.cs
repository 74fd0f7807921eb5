using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Model
{
    /// <summary>
    /// A declaration that passed validation: every name resolved, every default filled in, every shape inferred.
    /// Holds no locations, so moving the declaration in its file leaves it equal.
    /// </summary>
    public sealed record CheckedModel(
        string? Namespace,
        string ClassName,
        Loss Loss,
        Optimizer Optimizer,
        float LearningRate,
        bool FromLogits,
        int UnrollThreshold,
        float Momentum,
        bool Nesterov,
        OptimizerHyperparameters Hyperparameters,
        string InputName,
        EquatableArray<int> InputShape,
        EquatableArray<CheckedLayer> Layers)
    {
        /// <summary>Huber's delta (Keras default 1.0).</summary>
        public float HuberDelta { get; init; } = 1f;

        /// <summary>The declared metrics, as <see cref="Metric"/> values, in declaration order.</summary>
        public EquatableArray<int> Metrics { get; init; } = EquatableArray<int>.Empty;

        /// <summary>Gradient clipping, checked (at most one kind set).</summary>
        public ClippingDeclaration Clipping { get; init; } = ClippingDeclaration.None;
    }

    /// <summary>One layer with its resolved name and its inferred input and output shapes.</summary>
    public sealed partial record CheckedLayer(
        LayerKind Kind,
        string Name,
        EquatableArray<int> InputShape,
        EquatableArray<int> OutputShape,
        Activation Activation,
        bool UseBias,
        Init KernelInit,
        Init BiasInit,
        ActivationSettings? ActivationSettings = null);
}
