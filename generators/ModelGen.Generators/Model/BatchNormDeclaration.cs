using ModelGen.Generators.Diagnostics;

namespace ModelGen.Generators.Model
{
    /// <summary>A [BatchNormalization] as declared, attached to the Dense layer before it (Parsing/BatchNormParser).</summary>
    public sealed record BatchNormDeclaration(string? Name, LocationInfo? Location, float Momentum, float Epsilon, bool Center, bool Scale, Activation Activation, bool Trainable);

    /// <summary>A checked [BatchNormalization]: its resolved name and arguments.</summary>
    public sealed record BatchNormSettings(string Name, float Momentum, float Epsilon, bool Center, bool Scale, Activation Activation, bool Trainable);

    public sealed partial record LayerDeclaration
    {
        /// <summary>The [BatchNormalization] declared right after this Dense layer; null when none.</summary>
        public BatchNormDeclaration? BatchNorm { get; init; }
    }

    public sealed partial record CheckedLayer
    {
        /// <summary>The batch normalization of this Dense layer's output; null when none.</summary>
        public BatchNormSettings? BatchNorm { get; init; }
    }
}
