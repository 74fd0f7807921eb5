using System.Collections.Generic;
using System.Globalization;

namespace ModelGen.Generators.Emit
{
    /// <summary>Writes an initializer's arguments into a generated <c>TensorSpec</c>: only those that differ from Keras' defaults.</summary>
    internal static class InitArgumentsLiteral
    {
        /// <summary>
        /// <c>, Arguments: new global::ModelGen.InitArguments(Stddev: 0.02)</c>, or nothing when every argument is
        /// the default (the runtime then uses <see cref="InitArguments.Default"/>, and models that set none read as before).
        /// </summary>
        public static string Named(InitArguments arguments)
        {
            InitArguments d = InitArguments.Default;
            var parts = new List<string>();
            Add(parts, "Value", arguments.Value, d.Value);
            Add(parts, "Mean", arguments.Mean, d.Mean);
            Add(parts, "Stddev", arguments.Stddev, d.Stddev);
            Add(parts, "Minval", arguments.Minval, d.Minval);
            Add(parts, "Maxval", arguments.Maxval, d.Maxval);
            Add(parts, "Scale", arguments.Scale, d.Scale);
            if (arguments.Mode != d.Mode) parts.Add($"Mode: global::ModelGen.FanMode.{arguments.Mode}");
            if (arguments.Distribution != d.Distribution) parts.Add($"Distribution: global::ModelGen.InitDistribution.{arguments.Distribution}");
            Add(parts, "Gain", arguments.Gain, d.Gain);
            return parts.Count == 0 ? "" : $", Arguments: new global::ModelGen.InitArguments({string.Join(", ", parts)})";
        }

        private static void Add(List<string> parts, string name, double value, double fallback)
        {
            if (value.Equals(fallback)) return;
            parts.Add($"{name}: {Literal(value)}");
        }

        /// <summary>A C# double literal that round-trips: 0.02, -1.5, 2.0, 1E-05.</summary>
        public static string Literal(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E' }) < 0 ? text + ".0" : text;
        }
    }
}
