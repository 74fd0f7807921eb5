using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Parsing
{
    /// <summary>
    /// Reads the nodes of a functional model: the layer attributes on the class's properties and fields (of type
    /// <c>ModelGen.Node</c>), each member one node named after it, so predecessors are named with <c>nameof</c>.
    /// </summary>
    public static class GraphParser
    {
        private const string ConcatenateAttributeName = "ModelGen.ConcatenateAttribute";
        private const string AddAttributeName = "ModelGen.AddAttribute";
        private const string MultiplyAttributeName = "ModelGen.MultiplyAttribute";
        private const string AverageAttributeName = "ModelGen.AverageAttribute";
        private const string OutputAttributeName = "ModelGen.OutputAttribute";
        private const string InputAttributeName = "ModelGen.InputAttribute";
        private const string DenseAttributeName = "ModelGen.DenseAttribute";
        private const string DropoutAttributeName = "ModelGen.DropoutAttribute";
        private const string AlphaDropoutAttributeName = "ModelGen.AlphaDropoutAttribute";

        /// <summary>
        /// The nodes in declaration order (empty for a sequential model); null when one of our attributes does not
        /// compile (the compiler reports it, and generating from a guess would only add noise).
        /// </summary>
        internal static EquatableArray<NodeDeclaration>? ParseMembers(INamedTypeSymbol type, ModelParser.SemanticModels models,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var nodes = new List<NodeDeclaration>();
            foreach (ISymbol member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared || member is not (IPropertySymbol or IFieldSymbol)) continue;
                NodeDeclaration? node = null;
                OutputDeclaration? output = null;
                LocationInfo? outputAt = null;
                foreach (AttributeData attribute in member.GetAttributes())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string? name = attribute.AttributeClass?.ToDisplayString();
                    NodeKind? kind = KindOf(name);
                    if (kind is null && name != OutputAttributeName) continue;
                    if (ModelParser.HasErrors(attribute) || ModelParser.HasBindingErrors(attribute, models, cancellationToken)) return null;
                    LocationInfo? at = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
                    if (kind is null)
                    {
                        outputAt = at;
                        output = new OutputDeclaration(
                            (Loss)ModelParser.Named(attribute, "Loss", (int)Loss.MeanSquaredError),
                            ModelParser.Named(attribute, "LossWeight", 1f),
                            ModelParser.Named(attribute, "FromLogits", false),
                            ModelParser.NamedIntArray(attribute, "Metrics"),
                            at)
                        {
                            HuberDelta = ModelParser.Named(attribute, "HuberDelta", 1f),
                            HuberDeltaSet = attribute.NamedArguments.Any(a => a.Key == "HuberDelta"),
                        };
                        continue;
                    }
                    if (node is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingPredecessor, at, member.Name,
                            "carries two layer attributes: one member is one node, so declare the second layer on its own property"));
                        continue;
                    }
                    node = Parse(kind.Value, attribute, member.Name, at);
                }
                if (node is not null)
                {
                    nodes.Add(node with { Output = output, Member = member.Name });
                }
                else if (output is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOutputNode, outputAt, member.Name,
                        "is marked [Output] but carries no layer attribute: add the layer ([Dense(...)], a merge, ...) it outputs"));
                }
            }
            return nodes.ToEquatableArray();
        }

        private static NodeKind? KindOf(string? attributeName) => attributeName switch
        {
            InputAttributeName => NodeKind.Input,
            DenseAttributeName => NodeKind.Dense,
            ConcatenateAttributeName => NodeKind.Concatenate,
            AddAttributeName => NodeKind.Add,
            MultiplyAttributeName => NodeKind.Multiply,
            AverageAttributeName => NodeKind.Average,
            ModelParser.NormalizationAttributeName => NodeKind.Normalization,
            ModelParser.FlattenAttributeName => NodeKind.Flatten,
            DropoutAttributeName or AlphaDropoutAttributeName => NodeKind.Dropout,
            BatchNormParser.AttributeName => NodeKind.BatchNormalization,
            _ => null,
        };

        /// <summary>The node named by From, as a one-element list (empty when From is missing: MG0076 then).</summary>
        private static EquatableArray<string> FromOf(AttributeData attribute) =>
            ModelParser.Named(attribute, "From", (string?)null) is { } from ? new EquatableArray<string>(new[] { from }) : EquatableArray<string>.Empty;

        /// <summary>The layer record of a node that is not a Dense layer itself (its kind is the node's).</summary>
        private static LayerDeclaration Placeholder(string name, LocationInfo? at) =>
            new(LayerKind.Dense, name, at, EquatableArray<int>.Empty, 0, Activation.Identity, false, Init.Default, Init.Default);

        private static NodeDeclaration Parse(NodeKind kind, AttributeData attribute, string memberName, LocationInfo? at)
        {
            string name = ModelParser.Named(attribute, "Name", (string?)null) ?? memberName;
            switch (kind)
            {
                case NodeKind.Input:
                    return new NodeDeclaration(kind, name, at, EquatableArray<string>.Empty, ModelParser.ParseInput(attribute, at) with { Name = name }, null);
                case NodeKind.Dense:
                    LayerDeclaration dense = ModelParser.ParseDense(attribute, at) with { Name = name };
                    EquatableArray<string> from = dense.From is { } f ? new EquatableArray<string>(new[] { f }) : EquatableArray<string>.Empty;
                    return new NodeDeclaration(kind, name, at, from, dense, null);
                case NodeKind.Flatten:
                    string? source = ModelParser.Named(attribute, "From", (string?)null);
                    LayerDeclaration flatten = new(LayerKind.Flatten, name, at, EquatableArray<int>.Empty, 0, Activation.Identity, false, Init.Default, Init.Default);
                    return new NodeDeclaration(kind, name, at, source is null ? EquatableArray<string>.Empty : new EquatableArray<string>(new[] { source }), flatten, null);
                case NodeKind.Normalization:
                    LayerDeclaration norm = ModelParser.ParseNormalization(attribute, at) with { Name = name };
                    return new NodeDeclaration(kind, name, at, norm.From is { } nf ? new EquatableArray<string>(new[] { nf }) : EquatableArray<string>.Empty, norm, null);
                case NodeKind.Dropout:
                    // Not a step of its own: the validator hands the rate to the Dense node it reads (Validation/FusedNodeValidator.cs).
                    float rate = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is float r ? r : float.NaN;
                    bool alpha = attribute.AttributeClass?.ToDisplayString() == AlphaDropoutAttributeName;
                    return new NodeDeclaration(kind, name, at, FromOf(attribute), Placeholder(name, at) with { DropoutRate = rate, AlphaDropout = alpha, DropoutLocation = at }, null);
                case NodeKind.BatchNormalization:
                    BatchNormDeclaration bn = BatchNormParser.Declaration(attribute, at) with { Name = name };
                    return new NodeDeclaration(kind, name, at, FromOf(attribute), Placeholder(name, at) with { BatchNorm = bn }, null);
                default:
                    // Merges: the constructor's params string[] binds as one array argument.
                    var inputs = new List<string>();
                    foreach (TypedConstant argument in attribute.ConstructorArguments)
                    {
                        if (argument.Kind == TypedConstantKind.Array && !argument.IsNull) inputs.AddRange(argument.Values.Select(v => v.Value as string ?? ""));
                        else if (argument.Value is string single) inputs.Add(single);
                    }
                    LayerDeclaration layer = new(LayerKind.Dense, name, at, EquatableArray<int>.Empty, 0, Activation.Identity, false, Init.Default, Init.Default);
                    return new NodeDeclaration(kind, name, at, inputs.ToEquatableArray(), layer, null);
            }
        }
    }
}
