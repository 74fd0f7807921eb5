using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// Where a [Normalization] may stand. Sequential: once, before the first Dense (it standardizes the model's
    /// features, as the book's StandardScaler), on a one-dimensional input. Graph nodes: on any one-dimensional node.
    /// </summary>
    public static class NormalizationValidator
    {
        /// <summary>Checks a class-level [Normalization] against the layers before it.</summary>
        public static void CheckSequential(ModelDeclaration model, LayerDeclaration layer, string name, int[] shape, List<CheckedLayer> before, List<DiagnosticInfo> diagnostics)
        {
            if (before.Any(l => l.Kind == LayerKind.Normalization))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedNormalization, layer.Location, name,
                    $"is the second Normalization of '{model.ClassName}': a sequential model standardizes its input once; remove one"));
            }
            else if (before.Any(l => l.Kind == LayerKind.Dense))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedNormalization, layer.Location, name,
                    "comes after a Dense layer: in a sequential model it standardizes the input, so declare it right after [Input] (and [Flatten]); for a Normalization between layers declare a functional model"));
            }
            CheckFlat(layer.Location, name, shape, diagnostics);
        }

        /// <summary>A Normalization reads one-dimensional rows (MG0083); returns whether it does.</summary>
        public static bool CheckFlat(LocationInfo? at, string name, int[] shape, List<DiagnosticInfo> diagnostics)
        {
            if (shape.Length == 1) return true;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NormalizationNeedsFlatInput, at, name, ModelValidator.FormatShape(shape)));
            return false;
        }
    }
}
