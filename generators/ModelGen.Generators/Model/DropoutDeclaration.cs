using ModelGen.Generators.Diagnostics;

namespace ModelGen.Generators.Model
{
    public sealed partial record LayerDeclaration
    {
        /// <summary>The rate of the [Dropout] declared right after this Dense layer; 0 when none (Parsing/ModelParser).</summary>
        public float DropoutRate { get; init; }

        /// <summary>Where the [Dropout] attached to this layer is declared (also marks rate 0 as declared).</summary>
        public LocationInfo? DropoutLocation { get; init; }

        /// <summary>Whether the dropout is [AlphaDropout] (SELU's saturation value and an affine correction) rather than [Dropout].</summary>
        public bool AlphaDropout { get; init; }
    }

    public sealed partial record CheckedLayer
    {
        /// <summary>The rate of the dropout after this Dense layer; 0 when none.</summary>
        public float DropoutRate { get; init; }

        /// <summary>Whether that dropout is [AlphaDropout].</summary>
        public bool AlphaDropout { get; init; }
    }
}
