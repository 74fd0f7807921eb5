using System.Collections.Generic;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// Checks a [Dense]'s activation parameters (MG0020: a parameter the activation does not have; MG0021: a value out
    /// of range) and fills in the defaults.
    /// </summary>
    public static class ActivationValidator
    {
        /// <summary>Reports every parameter that does not apply to the activation, and every value out of range.</summary>
        public static void Check(LayerDeclaration layer, string name, List<DiagnosticInfo> diagnostics)
        {
            ActivationArguments a = layer.ActivationArguments ?? ActivationArguments.None;
            Activation activation = layer.Activation;
            void NotApplicable(string property, string owner) => diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ActivationParameterNotApplicable, layer.Location, name, property, activation, owner));
            void Invalid(string problem) => diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidActivationParameter, layer.Location, name, problem));

            if (a.NegativeSlope is { } slope)
            {
                if (activation != Activation.LeakyRelu) NotApplicable("NegativeSlope", "Activation.LeakyRelu");
                else if (!(slope >= 0) || float.IsInfinity(slope)) Invalid($"NegativeSlope is {Format(slope)}: give a finite slope of at least 0 (Keras rejects negative slopes)");
            }
            if (a.Alpha is { } alpha)
            {
                if (activation != Activation.Elu) NotApplicable("Alpha", "Activation.Elu");
                else if (!(alpha >= 0) || float.IsInfinity(alpha)) Invalid($"Alpha is {Format(alpha)}: give a finite alpha of at least 0");
            }
            if (a.Beta is { } beta)
            {
                if (activation != Activation.Swish) NotApplicable("Beta", "Activation.Swish");
                else if (float.IsNaN(beta) || float.IsInfinity(beta)) Invalid($"Beta is {Format(beta)}: give a finite beta (1 is SiLU)");
            }
            if (a.LearnBeta is not null && activation != Activation.Swish) NotApplicable("LearnBeta", "Activation.Swish");
            if (a.RReluLower is not null && activation != Activation.RRelu) NotApplicable("RReluLower", "Activation.RRelu");
            if (a.RReluUpper is not null && activation != Activation.RRelu) NotApplicable("RReluUpper", "Activation.RRelu");
            if (activation == Activation.RRelu && (a.RReluLower is not null || a.RReluUpper is not null))
            {
                float lower = a.RReluLower ?? ActivationSettings.DefaultRReluLower, upper = a.RReluUpper ?? ActivationSettings.DefaultRReluUpper;
                if (!(lower >= 0) || float.IsInfinity(lower) || float.IsInfinity(upper) || float.IsNaN(upper))
                    Invalid($"the RReLU range [{Format(lower)}, {Format(upper)}] must be finite and not negative");
                else if (lower > upper)
                    Invalid($"RReluLower ({Format(lower)}) is above RReluUpper ({Format(upper)}): give 0 <= RReluLower <= RReluUpper");
            }
        }

        /// <summary>The parameters with every default filled in (call after <see cref="Check"/> found no error).</summary>
        public static ActivationSettings Resolve(LayerDeclaration layer)
        {
            ActivationArguments a = layer.ActivationArguments ?? ActivationArguments.None;
            ActivationSettings d = ActivationSettings.Default;
            return new ActivationSettings(
                a.NegativeSlope ?? d.NegativeSlope,
                a.Alpha ?? d.Alpha,
                a.Beta ?? d.Beta,
                a.LearnBeta ?? d.LearnBeta,
                a.RReluLower ?? d.RReluLower,
                a.RReluUpper ?? d.RReluUpper);
        }

        private static string Format(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
