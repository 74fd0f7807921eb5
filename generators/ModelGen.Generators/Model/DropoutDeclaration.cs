using ModelGen.Generators.Diagnostics;

namespace ModelGen.Generators.Model
{
    public sealed partial record LayerDeclaration
    {
        /// <summary>The rate of the [Dropout] declared right after this Dense layer; 0 when none (Parsing/ModelParser).</summary>
        public float DropoutRate { get; init; }

        /// <summary>Where the [Dropout] attached to this layer is declared (also marks rate 0 as declared).</summary>
        public LocationInfo? DropoutLocation { get; init; }
    }

    public sealed partial record CheckedLayer
    {
        /// <summary>The rate of the dropout after this Dense layer; 0 when none.</summary>
        public float DropoutRate { get; init; }
    }
}
