using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Parsing
{
    /// <summary>
    /// [BatchNormalization] is not a step of its own in the declaration: as [Dropout], it attaches to the Dense layer
    /// declared just before it, and the planner gives it its own parameters and buffers (Ops/BatchNorm.CSharp.cs).
    /// Arguments are checked by Validation/BatchNormValidator; placement here (MG0091), where the order is known.
    /// </summary>
    internal static class BatchNormParser
    {
        /// <summary>The attribute's full name.</summary>
        public const string AttributeName = "ModelGen.BatchNormalizationAttribute";

        /// <summary>
        /// Attaches the declaration to the previous Dense layer, or reports why it cannot (MG0091). A declaration with no
        /// Dense layer before it is returned in <paramref name="unattached"/>: on a functional model it is MG0081 instead.
        /// </summary>
        public static void Attach(AttributeData attribute, LocationInfo? at, List<LayerDeclaration> layers, List<DiagnosticInfo> diagnostics, List<LocationInfo?> unattached)
        {
            BatchNormDeclaration declaration = Declaration(attribute, at);
            if (ModelParser.Named(attribute, "From", (string?)null) is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromOnSequentialLayer, at, declaration.Name ?? "batch_normalization"));
                return;
            }
            int last = layers.Count - 1;
            if (last < 0 || layers[last].Kind != LayerKind.Dense)
            {
                unattached.Add(at);
                return;
            }
            string? why = layers[last].BatchNorm is not null ? "the Dense layer before it already has a BatchNormalization"
                : layers[last].DropoutLocation is not null ? "the Dense layer before it has a dropout; declare the BatchNormalization before the dropout"
                : null;
            if (why is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedBatchNormalization, at, why));
                return;
            }
            layers[last] = layers[last] with { BatchNorm = declaration };
        }

        /// <summary>The attribute's arguments, with Keras' defaults (Momentum 0.99, Epsilon 1e-3, Center and Scale on).</summary>
        public static BatchNormDeclaration Declaration(AttributeData attribute, LocationInfo? at) => new(
            ModelParser.Named(attribute, "Name", (string?)null), at,
            ModelParser.Named(attribute, "Momentum", 0.99f),
            ModelParser.Named(attribute, "Epsilon", 1e-3f),
            ModelParser.Named(attribute, "Center", true),
            ModelParser.Named(attribute, "Scale", true),
            (Activation)ModelParser.Named(attribute, "Activation", (int)Activation.Identity),
            ModelParser.Named(attribute, "Trainable", true));

        /// <summary>
        /// The placement rules that need the whole list: not after the output layer (the loss reads the last Dense
        /// layer's output), no dropout after a batch-normalized layer, and no Dense layer before it at all.
        /// </summary>
        public static void CheckPlacement(List<LayerDeclaration> layers, List<DiagnosticInfo> diagnostics, List<LocationInfo?> unattached, bool functional)
        {
            foreach (LocationInfo? at in unattached)
            {
                diagnostics.Add(functional
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.NotSupportedOnGraphs, at, "The functional model", "a class-level [BatchNormalization]", "declare it on a Node property that reads a Dense node: [BatchNormalization(From = nameof(Hidden))]")
                    : DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedBatchNormalization, at, "it does not follow a Dense layer"));
            }
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i].BatchNorm is not { } bn) continue;
                if (layers[i].DropoutLocation is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedBatchNormalization, layers[i].DropoutLocation,
                        "a dropout after a BatchNormalization is not supported; declare the dropout after the next Dense layer"));
                }
                bool last = true;
                for (int k = i + 1; k < layers.Count; k++) last &= layers[k].Kind != LayerKind.Dense;
                if (last)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedBatchNormalization, bn.Location,
                        "it follows the output layer; declare it between two Dense layers"));
                }
            }
        }
    }
}
