using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Parsing
{
    /// <summary>
    /// Reads the initializer arguments of a [Dense]: the named arguments <c>{Kernel|Bias}{Value, Mean, Stddev, Minval,
    /// Maxval, Scale, Mode, Distribution, Gain}</c>, recording which were written.
    /// </summary>
    internal static class InitArgumentsParser
    {
        /// <summary>Prefix of the kernel initializer's arguments (<c>KernelStddev</c>).</summary>
        public const string KernelPrefix = "Kernel";

        /// <summary>Prefix of the bias initializer's arguments (<c>BiasStddev</c>).</summary>
        public const string BiasPrefix = "Bias";

        /// <summary>The arguments with <paramref name="prefix"/> written on <paramref name="attribute"/>.</summary>
        public static InitArgumentsDeclaration Read(AttributeData attribute, string prefix)
        {
            double? value = null, mean = null, stddev = null, minval = null, maxval = null, scale = null, gain = null;
            FanMode? mode = null;
            InitDistribution? distribution = null;
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (!pair.Key.StartsWith(prefix, System.StringComparison.Ordinal)) continue;
                object? v = pair.Value.Value;
                switch (pair.Key.Substring(prefix.Length))
                {
                    case "Value": value = AsDouble(v); break;
                    case "Mean": mean = AsDouble(v); break;
                    case "Stddev": stddev = AsDouble(v); break;
                    case "Minval": minval = AsDouble(v); break;
                    case "Maxval": maxval = AsDouble(v); break;
                    case "Scale": scale = AsDouble(v); break;
                    case "Gain": gain = AsDouble(v); break;
                    case "Mode": mode = v is int m ? (FanMode)m : null; break;
                    case "Distribution": distribution = v is int d ? (InitDistribution)d : null; break;
                }
            }
            return new InitArgumentsDeclaration(value, mean, stddev, minval, maxval, scale, mode, distribution, gain);
        }

        // The properties are double; the compiler converts an int or float constant before it reaches us.
        private static double? AsDouble(object? value) => value is double d ? d : null;
    }
}
