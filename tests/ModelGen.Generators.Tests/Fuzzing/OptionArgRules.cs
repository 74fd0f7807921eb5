using System;
using System.Globalization;
using System.Linq;

namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>
    /// The oracle's rules for the optimizer, loss, metric and activation arguments, written from
    /// docs/reference/optimizers.md, losses-and-metrics.md, activations.md and the diagnostic table.
    /// <para>
    /// Optimizers (Sgd 0, Adam 1, Adagrad 2, RmsProp 3, Adadelta 4, Adamax 5, Nadam 6, AdamW 7). Momentum is read by Sgd
    /// and RmsProp and must lie in [0, 1]; Nesterov is Sgd's and needs a Momentum above 0; any of these broken is MG0018.
    /// Beta1 and Beta2 are read by Adam, AdamW, Adamax and Nadam and lie in (0, 1); Rho is read by RmsProp and Adadelta,
    /// in (0, 1); Epsilon by every optimizer but Sgd, InitialAccumulatorValue by Adagrad, WeightDecay by all, each
    /// positive and finite; out of range is MG0040. A number left at 0 (or -0) is not given (Keras' default), nor is
    /// a flag left false: AmsGrad is Adam's and AdamW's, Centered RmsProp's. A hyperparameter given to an optimizer that
    /// does not read it is MG0041. Under an undefined optimizer (MG0011) "reads it" has no answer: MG0018 and MG0041
    /// for a given value may come or not, but a value out of its range is still reported.
    /// </para>
    /// <para>
    /// Loss options. HuberDelta, once written (its default is 1, so writing 1 counts), must be positive and finite
    /// (MG0030) and goes with Loss.Huber only (MG0031; with an undefined loss, or beside MG0030, either way). Metrics
    /// (null or empty: none): each a defined Metric (MG0011), each once (MG0033). The loss decides the targets: integer
    /// labels for SparseCategoricalCrossEntropy, float rows otherwise. SparseCategoricalAccuracy needs labels;
    /// BinaryAccuracy, CategoricalAccuracy, MeanSquaredError, MeanAbsoluteError and RootMeanSquaredError need float rows,
    /// and CategoricalAccuracy two output units or more (MG0032); Accuracy fits anything. Metrics are judged against the
    /// output, so a model without a Dense, or with an undefined loss, may leave them unjudged.
    /// </para>
    /// <para>
    /// Activation parameters, once written: NegativeSlope is LeakyRelu's, Alpha Elu's, Beta and LearnBeta Swish's,
    /// RReluLower and RReluUpper RRelu's; on another activation MG0020 (under an undefined activation, either way).
    /// NegativeSlope and Alpha finite and at least 0, Beta finite; RRelu's range, with the unwritten bound at its
    /// default (1/8, 1/3), finite with 0 &lt;= lower &lt;= upper; otherwise MG0021.
    /// </para>
    /// </summary>
    internal static class OptionArgRules
    {
        /// <summary>The diagnostics these rules give; a rejected argument may draw any of them.</summary>
        public static readonly string[] Ids = { "MG0011", "MG0018", "MG0020", "MG0021", "MG0030", "MG0031", "MG0032", "MG0033", "MG0040", "MG0041" };

        /// <summary>The settings an optimizer reads (Momentum and Nesterov included).</summary>
        public static string[] ReadBy(int optimizer) => optimizer switch
        {
            0 => new[] { "Momentum", "Nesterov", "WeightDecay" },
            1 or 7 => new[] { "Beta1", "Beta2", "Epsilon", "AmsGrad", "WeightDecay" },
            2 => new[] { "Epsilon", "InitialAccumulatorValue", "WeightDecay" },
            3 => new[] { "Momentum", "Rho", "Epsilon", "Centered", "WeightDecay" },
            4 => new[] { "Rho", "Epsilon", "WeightDecay" },
            5 or 6 => new[] { "Beta1", "Beta2", "Epsilon", "WeightDecay" },
            _ => Array.Empty<string>(),
        };

        /// <summary>The parameters an activation has.</summary>
        public static string[] ParametersOf(int activation) => activation switch
        {
            9 => new[] { "NegativeSlope" },
            11 => new[] { "RReluLower", "RReluUpper" },
            12 => new[] { "Alpha" },
            17 => new[] { "Beta", "LearnBeta" },
            _ => Array.Empty<string>(),
        };

        private static float Number(OptionsSpec o, string name) => o.Setting(name)?.Value is float f ? f : 0f;

        private static bool Finite(float v) => !float.IsNaN(v) && !float.IsInfinity(v);

        private static string Show(Arg a) => a.Value is float f ? f.ToString("R", CultureInfo.InvariantCulture) : a.Text;

        /// <summary>The state slots in copies of the parameters (at least 1): Adam's m and v, AMSGrad's max, RMSprop's extras.</summary>
        public static long StateCopies(OptionsSpec o, int optimizer)
        {
            bool flag(string name) => o.Setting(name)?.Value is true;
            float momentum = Number(o, "Momentum");
            return optimizer switch
            {
                1 or 7 => flag("AmsGrad") ? 3 : 2,
                3 => 1 + (flag("Centered") ? 1 : 0) + (momentum > 0 ? 1 : 0),
                4 or 5 or 6 => 2,
                _ => 1,
            };
        }

        /// <summary>Momentum, Nesterov and the hyperparameters.</summary>
        public static void JudgeOptimizer(OptionsSpec o, int optimizer, Action<string, string> report, Action<string> maybe)
        {
            bool known = optimizer is >= 0 and <= 7;
            string[] reads = ReadBy(optimizer);
            // A rule that depends on which optimizer reads the value: required when the optimizer is known.
            void ByOptimizer(string id, string why)
            {
                if (known) report(id, why);
                else maybe(id);
            }

            float momentum = Number(o, "Momentum");
            bool nesterov = o.Setting("Nesterov")?.Value is true;
            if (!(momentum >= 0 && momentum <= 1)) report("MG0018", $"Momentum {momentum.ToString("R", CultureInfo.InvariantCulture)} outside [0, 1]");
            if (momentum != 0 && !reads.Contains("Momentum")) ByOptimizer("MG0018", $"Momentum on Optimizer {optimizer}");
            if (nesterov && !reads.Contains("Nesterov")) ByOptimizer("MG0018", $"Nesterov on Optimizer {optimizer}");
            if (nesterov && momentum == 0) report("MG0018", "Nesterov without a Momentum");

            foreach (NamedArg s in o.Settings)
            {
                bool isFloat = s.Value.Value is float;
                float v = isFloat ? (float)s.Value.Value! : 0f;
                string what = $"{s.Name} = {Show(s.Value)}";
                switch (s.Name)
                {
                    case "Beta1" or "Beta2" or "Rho" when !(v == 0 || (v > 0 && v < 1)):
                        report("MG0040", what + " outside (0, 1)");
                        break;
                    case "Epsilon" or "InitialAccumulatorValue" or "WeightDecay" when !(v == 0 || (v > 0 && Finite(v))):
                        report("MG0040", what + " not positive and finite");
                        break;
                }
                if (s.Name is "Momentum" or "Nesterov" or "HuberDelta" or "Metrics") continue;
                bool given = isFloat ? v != 0 : s.Value.Value is true;
                if (given && !reads.Contains(s.Name)) ByOptimizer("MG0041", $"{what} on Optimizer {optimizer}, which does not read it");
            }
        }

        /// <summary>HuberDelta (judged whatever the layers).</summary>
        public static void JudgeHuberDelta(OptionsSpec o, int loss, Action<string, string> report, Action<string> maybe)
        {
            if (o.Setting("HuberDelta") is not { } d) return;
            float delta = (float)d.Value!;
            bool invalid = !(delta > 0 && Finite(delta));
            if (invalid) report("MG0030", $"HuberDelta = {Show(d)}");
            if (loss != 3)
            {
                if (invalid || loss is not (>= 0 and <= 6)) maybe("MG0031");
                else report("MG0031", $"HuberDelta with Loss {loss}");
            }
        }

        /// <summary>Metrics against the loss and the output's units (<paramref name="outputUnits"/> null: no output).</summary>
        public static void JudgeMetrics(OptionsSpec o, int loss, int? outputUnits, Action<string, string> report, Action<string> maybe)
        {
            int[] metrics = o.Setting("Metrics")?.Value as int[] ?? Array.Empty<int>();
            if (metrics.Length == 0) return;
            if (outputUnits is null || loss is not (>= 0 and <= 6))
            {
                foreach (string id in new[] { "MG0011", "MG0032", "MG0033" }) maybe(id);
                return;
            }
            bool labels = loss == 1;
            var seen = new System.Collections.Generic.HashSet<int>();
            foreach (int m in metrics)
            {
                if (m is < 0 or > 6)
                {
                    report("MG0011", $"Metric {m}");
                    if (!seen.Add(m)) maybe("MG0033");
                    continue;
                }
                if (!seen.Add(m))
                {
                    report("MG0033", $"Metric {m} twice");
                    continue;
                }
                if (m == 3 && !labels) report("MG0032", $"SparseCategoricalAccuracy with Loss {loss} (float targets)");
                if (m is 1 or 2 or 4 or 5 or 6 && labels) report("MG0032", $"Metric {m} with integer labels");
                if (m == 2 && !labels && outputUnits < 2) report("MG0032", $"CategoricalAccuracy over {outputUnits} unit");
            }
        }

        /// <summary>The floats a Dense's activation learns: PReLU one slope per unit, Swish with LearnBeta one beta.</summary>
        public static long LearnedActivationFloats(LayerSpec layer) => (layer.Activation?.Value as int? ?? 0) switch
        {
            10 => Math.Max(layer.Units?.Value as int? ?? 0, 0),
            17 when layer.ActivationArgs.Any(a => a.Name == "LearnBeta" && a.Value.Value is true) => 1,
            _ => 0,
        };

        /// <summary>A Dense's activation parameters.</summary>
        public static void JudgeActivation(LayerSpec layer, Action<string, string> report, Action<string> maybe)
        {
            if (layer.ActivationArgs.IsEmpty) return;
            int activation = layer.Activation?.Value as int? ?? 0;
            bool known = activation is >= 0 and <= 21;
            string[] has = ParametersOf(activation);
            float lower = 0.125f, upper = 1f / 3f;
            bool range = false;
            foreach (NamedArg a in layer.ActivationArgs)
            {
                string what = $"{a.Name} = {Show(a.Value)} on Activation {activation}";
                if (!has.Contains(a.Name))
                {
                    if (known) report("MG0020", what);
                    else maybe("MG0020");
                    continue;
                }
                float v = a.Value.Value is float f ? f : 0f;
                switch (a.Name)
                {
                    case "NegativeSlope" or "Alpha" when !(v >= 0 && Finite(v)):
                        report("MG0021", what + ": not finite and at least 0");
                        break;
                    case "Beta" when !Finite(v):
                        report("MG0021", what + ": not finite");
                        break;
                    case "RReluLower":
                        lower = v;
                        range = true;
                        break;
                    case "RReluUpper":
                        upper = v;
                        range = true;
                        break;
                }
            }
            if (range && !(Finite(lower) && Finite(upper) && lower >= 0 && lower <= upper))
            {
                report("MG0021", $"RReLU range [{lower.ToString("R", CultureInfo.InvariantCulture)}, {upper.ToString("R", CultureInfo.InvariantCulture)}]");
            }
        }
    }
}
