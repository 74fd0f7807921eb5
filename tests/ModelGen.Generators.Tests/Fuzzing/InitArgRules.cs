using System;
using System.Globalization;
using System.Linq;

namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>
    /// The oracle's initializer-argument rules, written from docs/reference/initializers.md and the diagnostic table:
    /// Default is Glorot uniform on a kernel and zeros on a bias; each initializer takes only its own arguments
    /// (Constant: Value; RandomNormal, TruncatedNormal: Mean, Stddev; RandomUniform: Minval, Maxval; VarianceScaling:
    /// Scale, Mode, Distribution; Orthogonal, Identity: Gain; the rest none), another one is MG0050. Of the arguments
    /// taken: Stddev not positive and finite is MG0051, Scale likewise MG0053, Value, Mean, Minval, Maxval or Gain NaN
    /// or infinite MG0055, an undefined Mode or Distribution MG0011; RandomUniform with Minval above Maxval (defaults
    /// -0.05 and 0.05) is MG0052. An undefined initializer (MG0011) has no arguments to judge.
    /// </summary>
    internal static class InitArgRules
    {
        public static readonly string[] Ids = { "MG0011", "MG0050", "MG0051", "MG0052", "MG0053", "MG0054", "MG0055" };

        public static string[] Takes(int init) => init switch
        {
            5 => new[] { "Value" },
            6 or 8 => new[] { "Mean", "Stddev" },
            7 => new[] { "Minval", "Maxval" },
            13 => new[] { "Scale", "Mode", "Distribution" },
            14 or 15 => new[] { "Gain" },
            _ => Array.Empty<string>(),
        };

        public static void Judge(LayerSpec layer, Action<string, string> report)
        {
            Judge("Kernel", layer.KernelInit is { } k ? (k.Int == 0 ? 2 : k.Int) : 2, layer, report);
            Judge("Bias", layer.BiasInit is { } b ? (b.Int == 0 ? 1 : b.Int) : 1, layer, report);
        }

        private static void Judge(string tensor, int init, LayerSpec layer, Action<string, string> report)
        {
            if (init is < 0 or > 15) return;
            string[] takes = Takes(init);
            double minval = -0.05, maxval = 0.05;
            foreach (InitArgSpec a in layer.InitArgs.Where(a => a.Tensor == tensor))
            {
                string what = $"{a.Tensor}{a.Name} = {a.Value.Text} on Init {init}";
                if (!takes.Contains(a.Name))
                {
                    report("MG0050", what);
                    continue;
                }
                if (a.Name is "Mode" or "Distribution")
                {
                    if (a.Value.Int is < 0 or > 2) report("MG0011", what);
                    continue;
                }
                double v = (double)a.Value.Value!;
                bool finite = !double.IsNaN(v) && !double.IsInfinity(v);
                if (a.Name is "Stddev" && !(finite && v > 0)) report("MG0051", what);
                else if (a.Name is "Scale" && !(finite && v > 0)) report("MG0053", what);
                else if (a.Name is not ("Stddev" or "Scale") && !finite) report("MG0055", what);
                if (a.Name == "Minval") minval = v;
                if (a.Name == "Maxval") maxval = v;
            }
            if (init == 7 && minval > maxval) report("MG0052", $"{tensor} range [{minval.ToString(CultureInfo.InvariantCulture)}, {maxval.ToString(CultureInfo.InvariantCulture)})");
        }
    }
}
