using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Model
{
    /// <summary>
    /// What the user declared, read off the attributes and nothing more: no shapes inferred, nothing checked.
    /// Lives only inside the pipeline's transform (it carries source locations for diagnostics).
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal: records of primitives and <see cref="EquatableArray{T}"/>.</remarks>
    public sealed partial record ModelDeclaration(
        string? Namespace,
        string ClassName,
        LocationInfo? Location,
        ModelOptions Options,
        EquatableArray<LayerDeclaration> Layers);

    /// <summary>The named arguments of [Model].</summary>
    public sealed record ModelOptions(
        Loss Loss,
        Optimizer Optimizer,
        float LearningRate,
        bool FromLogits,
        int UnrollThreshold,
        float Momentum,
        bool Nesterov,
        OptimizerHyperparameters Hyperparameters,
        LocationInfo? Location)
    {
        /// <summary>Huber's delta (Keras default 1.0).</summary>
        public float HuberDelta { get; init; } = 1f;

        /// <summary>Whether HuberDelta was given explicitly.</summary>
        public bool HuberDeltaSet { get; init; }

        /// <summary>The declared metrics, as <see cref="Metric"/> values (ints: enums are not IEquatable).</summary>
        public EquatableArray<int> Metrics { get; init; } = EquatableArray<int>.Empty;

        /// <summary>Gradient clipping (ClipValue, ClipNorm, GlobalClipNorm; 0 = off).</summary>
        public ClippingDeclaration Clipping { get; init; } = ClippingDeclaration.None;
    }

    /// <summary>The kinds of layer attribute.</summary>
    public enum LayerKind
    {
        /// <summary>[Input(...)].</summary>
        Input,
        /// <summary>[Flatten].</summary>
        Flatten,
        /// <summary>[Dense(...)].</summary>
        Dense,
        /// <summary>[Normalization]: (x - mean) / max(sqrt(variance), eps) with adapted, non-trainable statistics.</summary>
        Normalization,
    }

    /// <summary>One layer attribute, in declaration order. Fields that do not apply to the kind keep their defaults.</summary>
    public sealed partial record LayerDeclaration(
        LayerKind Kind,
        string? Name,
        LocationInfo? Location,
        EquatableArray<int> Shape,
        int Units,
        Activation Activation,
        bool UseBias,
        Init KernelInit,
        Init BiasInit,
        ActivationArguments? ActivationArguments = null);
}
