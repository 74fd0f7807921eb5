using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>Checks a [BatchNormalization]'s arguments and resolves its name (MG0090, MG0092; names as MG0003/MG0004).</summary>
    internal static class BatchNormValidator
    {
        /// <summary>The activations a batch normalization applies after itself (Ops/BatchNorm.CSharp.cs generates their derivatives).</summary>
        public static bool Supports(Activation activation) =>
            activation is Activation.Identity or Activation.Relu or Activation.Sigmoid or Activation.Tanh or Activation.Elu or Activation.Selu;

        /// <summary>The checked settings of <paramref name="layer"/>'s batch normalization; null when it has none.</summary>
        public static BatchNormSettings? Check(ModelDeclaration model, LayerDeclaration layer, HashSet<string> names, Dictionary<string, int> counters, List<DiagnosticInfo> diagnostics)
        {
            if (layer.BatchNorm is not { } bn) return null;
            string name = bn.Name ?? DefaultName(counters);
            bool valid = name.Length > 0 && char.IsLetter(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c == '_');
            if (!valid) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerName, bn.Location, name));
            else if (!names.Add(name)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, bn.Location, name, model.ClassName));

            // Keras: momentum is a fraction (NaN fails the comparisons); epsilon must keep sqrt(var + eps) positive.
            if (!(bn.Momentum >= 0f && bn.Momentum <= 1f))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidBatchNormalization, bn.Location, name, "Momentum", Text(bn.Momentum), "it must be in [0, 1]"));
            }
            if (!(bn.Epsilon > 0f && !float.IsInfinity(bn.Epsilon)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidBatchNormalization, bn.Location, name, "Epsilon", Text(bn.Epsilon), "it must be positive and finite"));
            }
            if (!Supports(bn.Activation))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedBatchNormActivation, bn.Location, name, bn.Activation.ToString()));
            }
            return new BatchNormSettings(name, bn.Momentum, bn.Epsilon, bn.Center, bn.Scale, bn.Activation, bn.Trainable);
        }

        /// <summary>Keras' naming: "batch_normalization", then "batch_normalization_1", ...</summary>
        private static string DefaultName(Dictionary<string, int> counters)
        {
            const string stem = "batch_normalization";
            counters.TryGetValue(stem, out int seen);
            counters[stem] = seen + 1;
            return seen == 0 ? stem : stem + "_" + seen;
        }

        private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
