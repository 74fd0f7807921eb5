using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Parsing
{
    /// <summary>
    /// [Dropout(rate)] and [AlphaDropout(rate)] are not a step of its own: it attaches its rate to the Dense layer declared just before it, whose
    /// forward pass applies the mask to its finished rows and whose backward pass recomputes it (Ops/Dropout.CSharp.cs).
    /// </summary>
    internal static class DropoutParser
    {
        /// <summary>Attaches the rate to the previous Dense layer, or reports why it cannot (MG0064, MG0065).</summary>
        public static void Attach(AttributeData attribute, LocationInfo? at, List<LayerDeclaration> layers, List<DiagnosticInfo> diagnostics, bool alpha)
        {
            float rate = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is float r ? r : float.NaN;
            // Keras: 0 <= rate < 1 (rate 1 would zero everything and divide by 0); NaN fails both comparisons.
            if (!(rate >= 0f && rate < 1f))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDropoutRate, at, rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
                return;
            }
            if (ModelParser.Named(attribute, "From", (string?)null) is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromOnSequentialLayer, at, alpha ? "alpha_dropout" : "dropout"));
                return;
            }
            int last = layers.Count - 1;
            if (last < 0 || layers[last].Kind != LayerKind.Dense || layers[last].DropoutRate != 0f || layers[last].DropoutLocation is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedDropout, at,
                    last < 0 || layers[last].Kind != LayerKind.Dense ? "it does not follow a Dense layer" : "the Dense layer before it already has a dropout"));
                return;
            }
            layers[last] = layers[last] with { DropoutRate = rate, DropoutLocation = at, AlphaDropout = alpha };
        }

        /// <summary>A dropout after the output layer would randomize the loss itself: Dropout must sit between Dense layers (MG0065).</summary>
        public static void CheckNotLast(List<LayerDeclaration> layers, List<DiagnosticInfo> diagnostics)
        {
            if (layers.Count > 0 && layers[layers.Count - 1] is { Kind: LayerKind.Dense, DropoutLocation: not null } output)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedDropout, output.DropoutLocation, "it follows the output layer; declare it between two Dense layers"));
            }
        }
    }
}
