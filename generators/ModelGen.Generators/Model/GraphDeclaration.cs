using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Model
{
    // A functional model's nodes (the layer attributes on its Node properties), beside the class-level layers.
    public sealed partial record ModelDeclaration
    {
        /// <summary>The graph nodes, in declaration order; empty for a sequential model.</summary>
        public EquatableArray<NodeDeclaration> Nodes { get; init; } = EquatableArray<NodeDeclaration>.Empty;
    }

    // Where a class-level Dense names a predecessor (only graph nodes may: MG0077).
    public sealed partial record LayerDeclaration
    {
        /// <summary>Dense only: the From argument as written; null when not given.</summary>
        public string? From { get; init; }
    }

    /// <summary>The kinds of graph node.</summary>
    public enum NodeKind
    {
        /// <summary>[Input(...)] on a property: a model input.</summary>
        Input,
        /// <summary>[Dense(..., From = ...)].</summary>
        Dense,
        /// <summary>[Concatenate(...)]: features side by side.</summary>
        Concatenate,
        /// <summary>[Add(...)].</summary>
        Add,
        /// <summary>[Multiply(...)]: element-wise product.</summary>
        Multiply,
        /// <summary>[Average(...)].</summary>
        Average,
        /// <summary>[Normalization(From = ...)]: adapted per-feature standardization.</summary>
        Normalization,
        /// <summary>[Flatten(From = ...)]: the predecessor's values as one row.</summary>
        Flatten,
        /// <summary>[Dropout(rate, From = ...)] or [AlphaDropout(...)]: applied in the Dense step it reads, sharing its rows.</summary>
        Dropout,
        /// <summary>[BatchNormalization(From = ...)]: the batch normalization of the Dense node it reads.</summary>
        BatchNormalization,
    }

    /// <summary>
    /// One node of a functional model as declared: its name (the property's, or the attribute's Name), the names of
    /// the nodes it reads, the layer's settings (Input and Dense) and its [Output], if any.
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal, as every record of the model.</remarks>
    public sealed record NodeDeclaration(
        NodeKind Kind,
        string Name,
        LocationInfo? Location,
        EquatableArray<string> Inputs,
        LayerDeclaration Layer,
        OutputDeclaration? Output)
    {
        /// <summary>The C# member that declares the node (its name can differ from <see cref="Name"/> when Name is given).</summary>
        public string Member { get; init; } = Name;
    }

    /// <summary>An [Output] as declared.</summary>
    public sealed record OutputDeclaration(
        Loss Loss,
        float LossWeight,
        bool FromLogits,
        EquatableArray<int> Metrics,
        LocationInfo? Location)
    {
        /// <summary>Huber's delta for this output (Keras' default 1).</summary>
        public float HuberDelta { get; init; } = 1f;

        /// <summary>Whether HuberDelta was given explicitly (it is an error on a loss other than Huber).</summary>
        public bool HuberDeltaSet { get; init; }
    }
}
