using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// Checks a Dense layer's initializers and their arguments (MG0050-MG0055): each argument written must be one its
    /// initializer takes, with a value Keras would accept, and Orthogonal and Identity need the 2-D kernel.
    /// </summary>
    internal static class InitializerValidator
    {
        /// <summary>What each initializer takes, by argument name without the Kernel/Bias prefix (Keras' names).</summary>
        private static string[] Takes(Init init) => init switch
        {
            Init.Constant => new[] { "Value" },
            Init.RandomNormal or Init.TruncatedNormal => new[] { "Mean", "Stddev" },
            Init.RandomUniform => new[] { "Minval", "Maxval" },
            Init.VarianceScaling => new[] { "Scale", "Mode", "Distribution" },
            Init.Orthogonal or Init.Identity => new[] { "Gain" },
            _ => Array.Empty<string>(),
        };

        private static readonly Init[] s_all = (Init[])Enum.GetValues(typeof(Init));

        /// <summary>Reports every problem with <paramref name="layer"/>'s kernel and bias initializers.</summary>
        public static void Check(LayerDeclaration layer, string name, List<DiagnosticInfo> diagnostics)
        {
            // Init.Default resolves as the validator resolves it: Glorot uniform for the kernel, zeros for the bias.
            Check(layer, name, "Kernel", layer.KernelInit == Init.Default ? Init.GlorotUniform : layer.KernelInit, layer.KernelArguments, diagnostics);
            Check(layer, name, "Bias", layer.BiasInit == Init.Default ? Init.Zeros : layer.BiasInit, layer.BiasArguments, diagnostics);
        }

        private static void Check(LayerDeclaration layer, string name, string tensor, Init init, InitArgumentsDeclaration a, List<DiagnosticInfo> diagnostics)
        {
            if (!Enum.IsDefined(typeof(Init), init)) return; // MG0011 already: there is nothing to check the arguments against

            if (tensor == "Bias" && init is Init.Orthogonal or Init.Identity)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerNeedsMatrix, layer.Location, name, init));
            }

            // Arguments written that the initializer does not take: Keras' constructors would reject them too.
            string[] takes = Takes(init);
            foreach (string argument in Written(a))
            {
                if (takes.Contains(argument)) continue;
                string taken = takes.Length == 0 ? "no argument" : "only " + string.Join(" and ", takes.Select(t => tensor + t));
                string[] takers = s_all.Where(i => Takes(i).Contains(argument) && !(tensor == "Bias" && i is Init.Orthogonal or Init.Identity))
                    .Select(i => "Init." + i).ToArray();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentNotTaken, layer.Location,
                    name, tensor + argument, tensor.ToLowerInvariant(), init, taken, string.Join(" or ", takers)));
            }

            // Values, checked where written (Keras' defaults are valid) and taken (an untaken one is reported above).
            CheckFinite(layer, name, tensor + "Value", takes.Contains("Value") ? a.Value : null, diagnostics);
            CheckFinite(layer, name, tensor + "Mean", takes.Contains("Mean") ? a.Mean : null, diagnostics);
            CheckFinite(layer, name, tensor + "Minval", takes.Contains("Minval") ? a.Minval : null, diagnostics);
            CheckFinite(layer, name, tensor + "Maxval", takes.Contains("Maxval") ? a.Maxval : null, diagnostics);
            CheckFinite(layer, name, tensor + "Gain", takes.Contains("Gain") ? a.Gain : null, diagnostics);
            if (takes.Contains("Stddev") && a.Stddev is double stddev && !IsPositiveFinite(stddev))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInitializerStddev, layer.Location, name, tensor + "Stddev", Format(stddev)));
            }
            if (takes.Contains("Scale") && a.Scale is double scale && !IsPositiveFinite(scale))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInitializerScale, layer.Location, name, tensor + "Scale", Format(scale)));
            }
            if (init == Init.RandomUniform)
            {
                InitArguments resolved = a.Resolve();
                if (resolved.Minval > resolved.Maxval)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInitializerRange, layer.Location,
                        name, tensor, Format(resolved.Minval), Format(resolved.Maxval)));
                }
            }
            if (takes.Contains("Mode") && a.Mode is FanMode mode && !Enum.IsDefined(typeof(FanMode), mode))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOption, layer.Location, nameof(FanMode), (int)mode, string.Join(", ", Enum.GetNames(typeof(FanMode)))));
            }
            if (takes.Contains("Distribution") && a.Distribution is InitDistribution distribution && !Enum.IsDefined(typeof(InitDistribution), distribution))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOption, layer.Location, nameof(InitDistribution), (int)distribution,
                    string.Join(", ", Enum.GetNames(typeof(InitDistribution)))));
            }
        }

        /// <summary>The arguments written, by name without prefix, in declaration-independent order.</summary>
        private static IEnumerable<string> Written(InitArgumentsDeclaration a)
        {
            if (a.Value is not null) yield return "Value";
            if (a.Mean is not null) yield return "Mean";
            if (a.Stddev is not null) yield return "Stddev";
            if (a.Minval is not null) yield return "Minval";
            if (a.Maxval is not null) yield return "Maxval";
            if (a.Scale is not null) yield return "Scale";
            if (a.Mode is not null) yield return "Mode";
            if (a.Distribution is not null) yield return "Distribution";
            if (a.Gain is not null) yield return "Gain";
        }

        private static void CheckFinite(LayerDeclaration layer, string name, string argument, double? value, List<DiagnosticInfo> diagnostics)
        {
            if (value is double v && (double.IsNaN(v) || double.IsInfinity(v)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitializerArgumentNotFinite, layer.Location, name, argument, Format(v)));
            }
        }

        private static bool IsPositiveFinite(double value) => value > 0 && !double.IsInfinity(value);

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
