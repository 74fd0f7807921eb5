using System.Collections.Immutable;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>
    /// One named property argument that always binds: <c>Beta1 = 0.9f</c> on [Model], <c>NegativeSlope = 0.1f</c> on a
    /// [Dense]. Values are floats, bools, or for <c>Metrics</c> an <c>int[]</c> of metric values (null for <c>null</c>).
    /// </summary>
    internal sealed record NamedArg(string Name, Arg Value)
    {
        public string Text => Name + " = " + Value.Text;
    }

    // The optimizer, Huber and metric arguments of [Model], kept out of OptionsSpec's positional list.
    internal sealed partial record OptionsSpec
    {
        /// <summary>
        /// Momentum, Nesterov, the optimizer hyperparameters, HuberDelta and Metrics, each at most once (a name twice is
        /// CS0643, not our business), in the order written.
        /// </summary>
        public ImmutableArray<NamedArg> Settings { get; init; } = ImmutableArray<NamedArg>.Empty;

        /// <summary>The setting called <paramref name="name"/>, or null when the declaration leaves it out.</summary>
        public Arg? Setting(string name) => Settings.FirstOrDefault(s => s.Name == name)?.Value;

        /// <summary>These options with <paramref name="settings"/> replacing any earlier settings of the same names.</summary>
        public OptionsSpec WithSettings(ImmutableArray<NamedArg> settings) => this with
        {
            Settings = Settings.Where(s => !settings.Any(n => n.Name == s.Name)).Concat(settings).ToImmutableArray(),
        };
    }

    // The activation parameters of a [Dense].
    internal sealed partial record LayerSpec
    {
        /// <summary>Dense only: NegativeSlope, Alpha, Beta, LearnBeta, RReluLower, RReluUpper as written, distinct names.</summary>
        public ImmutableArray<NamedArg> ActivationArgs { get; init; } = ImmutableArray<NamedArg>.Empty;
    }

    /// <summary>
    /// Random [Model] settings: mostly the hyperparameters the optimizer reads with values in range, now and then a
    /// value out of range or a hyperparameter for another optimizer. The oracle (<see cref="OptionArgRules"/>) judges them.
    /// </summary>
    internal static class OptimizerArgGen
    {
        private static Arg F(string text, float value) => new(text, value);

        /// <summary>Values in (0, 1), or 0 (Keras' default).</summary>
        private static readonly Gen<Arg> UnitOpen = Gen.Elements(
            F("0.9f", 0.9f), F("0.5f", 0.5f), F("0.999f", 0.999f), F("0.1f", 0.1f), F("1e-3f", 1e-3f), F("0.95f", 0.95f), F("0", 0f), F("0.99f", 0.99f));

        private static readonly Gen<Arg> BadUnitOpen = Gen.Elements(
            F("1f", 1f), F("1.5f", 1.5f), F("-0.1f", -0.1f), F("float.NaN", float.NaN), F("float.PositiveInfinity", float.PositiveInfinity),
            F("-1", -1f), F("0.99999999f", 0.99999999f), F("-float.Epsilon", -float.Epsilon));

        /// <summary>Positive finite values, or 0 / -0 (the default).</summary>
        private static readonly Gen<Arg> Positive = Gen.Elements(
            F("1e-7f", 1e-7f), F("1e-3f", 1e-3f), F("0.1f", 0.1f), F("1f", 1f), F("0.004f", 0.004f), F("float.Epsilon", float.Epsilon),
            F("1e30f", 1e30f), F("0", 0f), F("-0f", -0f), F("2", 2f));

        private static readonly Gen<Arg> BadPositive = Gen.Elements(
            F("-1e-7f", -1e-7f), F("float.NaN", float.NaN), F("float.PositiveInfinity", float.PositiveInfinity),
            F("float.NegativeInfinity", float.NegativeInfinity), F("-1", -1f), F("float.MinValue", float.MinValue));

        /// <summary>Momentum in [0, 1].</summary>
        private static readonly Gen<Arg> Momentum = Gen.Elements(
            F("0.9f", 0.9f), F("0.5f", 0.5f), F("1f", 1f), F("1e-3f", 1e-3f), F("0", 0f), F("-0f", -0f), F("0.99f", 0.99f));

        private static readonly Gen<Arg> BadMomentum = Gen.Elements(
            F("1.0001f", 1.0001f), F("-0.1f", -0.1f), F("float.NaN", float.NaN), F("float.PositiveInfinity", float.PositiveInfinity), F("2", 2f));

        private static readonly Gen<Arg> Bool = Gen.Elements(new Arg("true", true), new Arg("false", false), new Arg("true", true));

        private static readonly string[] s_names =
            { "Momentum", "Nesterov", "Beta1", "Beta2", "Epsilon", "AmsGrad", "Rho", "Centered", "InitialAccumulatorValue", "WeightDecay" };

        /// <summary>A value for <paramref name="name"/>: in range 9 times in 10.</summary>
        private static Gen<Arg> Value(string name, int badWeight = 1) => name switch
        {
            "Nesterov" or "AmsGrad" or "Centered" => Bool,
            "Momentum" => Gen.Frequency((9, Momentum), (badWeight, BadMomentum)),
            "Beta1" or "Beta2" or "Rho" => Gen.Frequency((9, UnitOpen), (badWeight, BadUnitOpen)),
            _ => Gen.Frequency((9, Positive), (badWeight, BadPositive)),
        };

        /// <summary>
        /// Settings for <paramref name="optimizer"/> (null: Adam): some of those it reads (Nesterov only with a momentum),
        /// now and then one it does not read.
        /// </summary>
        public static Gen<ImmutableArray<NamedArg>> For(Arg? optimizer) =>
            from own in Gen.SubListOf(OptionArgRules.ReadBy(optimizer?.Value as int? ?? 1).ToArray())
            from stray in Gen.Frequency((6, Gen.Constant<string?>(null)), (1, Gen.Elements(s_names).Select(n => (string?)n)))
            let names = own.Concat(stray is null || own.Contains(stray) ? Enumerable.Empty<string>() : new[] { stray }).ToArray()
            from values in Gen.CollectToArray(names, n => Value(n))
            select names.Select((n, i) => new NamedArg(n, values[i])).ToImmutableArray();

        /// <summary>Only in-range values the optimizer reads (Nesterov with a positive momentum): a valid model stays valid.</summary>
        public static Gen<ImmutableArray<NamedArg>> Valid(Arg? optimizer) =>
            from own in Gen.SubListOf(OptionArgRules.ReadBy(optimizer?.Value as int? ?? 1).ToArray())
            from values in Gen.CollectToArray(own, n => Value(n, badWeight: 0))
            let args = own.Select((n, i) => new NamedArg(n, values[i])).ToArray()
            select args.Where(a => a.Name != "Nesterov" || args.Any(m => m.Name == "Momentum" && m.Value.Value is float f && f > 0)).ToImmutableArray();

        /// <summary>Up to three distinct settings of any optimizer, values in range or not.</summary>
        public static readonly Gen<ImmutableArray<NamedArg>> Any =
            from names in Gen.SubListOf(s_names)
            from values in Gen.CollectToArray(names.Take(3), n => Value(n, badWeight: 4))
            select names.Take(3).Select((n, i) => new NamedArg(n, values[i])).ToImmutableArray();
    }

    /// <summary>Random HuberDelta and Metrics arguments, mostly fitting the loss.</summary>
    internal static class LossArgGen
    {
        private static Arg F(string text, float value) => new(text, value);

        private static readonly Gen<Arg> ValidDelta = Gen.Elements(
            F("1f", 1f), F("0.5f", 0.5f), F("2", 2f), F("1e-3f", 1e-3f), F("float.Epsilon", float.Epsilon), F("float.MaxValue", float.MaxValue), F("1.35f", 1.35f));

        private static readonly Gen<Arg> BadDelta = Gen.Elements(
            F("0", 0f), F("-0f", -0f), F("-1f", -1f), F("float.NaN", float.NaN), F("float.PositiveInfinity", float.PositiveInfinity),
            F("float.NegativeInfinity", float.NegativeInfinity));

        private static readonly string[] s_metricNames =
            { "Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy", "MeanSquaredError", "MeanAbsoluteError", "RootMeanSquaredError" };

        /// <summary>A metric element: its name mostly, sometimes a cast; undefined values only when asked.</summary>
        private static Gen<(string Text, int Value)> Metric(int[] choices) =>
            from v in Gen.Elements(choices)
            from cast in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
            select (v is >= 0 and <= 6 && !cast ? "§Metric." + s_metricNames[v] : v < 0 ? $"(§Metric)({v})" : $"(§Metric){v}", v);

        /// <summary>A Metrics argument over <paramref name="choices"/>: null, empty, or one to three elements (repeats possible).</summary>
        private static Gen<Arg> Metrics(int[] choices, bool allowRepeats) =>
            from count in Gen.Frequency((1, Gen.Constant(-1)), (1, Gen.Constant(0)), (5, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)))
            from elements in Gen.ArrayOf(Metric(choices), System.Math.Max(count, 0))
            from typed in Gen.Elements(true, false)
            let kept = allowRepeats ? elements : elements.GroupBy(e => e.Value).Select(g => g.First()).ToArray()
            select count < 0 ? new Arg("null", null)
                : kept.Length == 0 ? new Arg("new §Metric[0]", System.Array.Empty<int>())
                : new Arg((typed ? "new §Metric[] { " : "new[] { ") + string.Join(", ", kept.Select(e => e.Text)) + " }", kept.Select(e => e.Value).ToArray());

        /// <summary>
        /// Settings that fit <paramref name="loss"/> (null: MSE): a HuberDelta in range with Huber, metrics that read the
        /// loss's targets (CategoricalAccuracy may still meet a one-unit output: the oracle decides).
        /// </summary>
        public static Gen<ImmutableArray<NamedArg>> Valid(Arg? loss)
        {
            int kind = loss?.Value as int? ?? 0;
            int[] fitting = kind == 1 ? new[] { 0, 3 } : new[] { 0, 1, 2, 4, 5, 6 };
            return from delta in kind == 3 ? Gen.Frequency((1, Gen.Constant<Arg?>(null)), (1, ValidDelta.Select(a => (Arg?)a))) : Gen.Constant<Arg?>(null)
                   from metrics in Gen.Frequency((1, Gen.Constant<Arg?>(null)), (1, Metrics(fitting, allowRepeats: false).Select(a => (Arg?)a)))
                   select new[] { delta is null ? null : new NamedArg("HuberDelta", delta), metrics is null ? null : new NamedArg("Metrics", metrics) }
                       .OfType<NamedArg>().ToImmutableArray();
        }

        /// <summary>A HuberDelta, in range or not.</summary>
        public static readonly Gen<NamedArg> AnyDelta =
            Gen.Frequency((2, ValidDelta), (1, BadDelta)).Select(a => new NamedArg("HuberDelta", a));

        /// <summary>Metrics of any kind: defined or not, repeated or not.</summary>
        public static readonly Gen<NamedArg> AnyMetrics =
            Metrics(new[] { 0, 1, 2, 3, 4, 5, 6, 0, 3, 7, -1 }, allowRepeats: true).Select(a => new NamedArg("Metrics", a));
    }

    /// <summary>Random [Dense] activation parameters: mostly those the activation has, with values in range.</summary>
    internal static class ActivationArgGen
    {
        private static Arg F(string text, float value) => new(text, value);

        private static readonly Gen<Arg> NonNegative = Gen.Elements(
            F("0.1f", 0.1f), F("0", 0f), F("-0f", -0f), F("0.2f", 0.2f), F("1", 1f), F("3.5f", 3.5f), F("1e-3f", 1e-3f), F("float.MaxValue", float.MaxValue));

        private static readonly Gen<Arg> BadNonNegative = Gen.Elements(
            F("-0.1f", -0.1f), F("float.NaN", float.NaN), F("float.PositiveInfinity", float.PositiveInfinity), F("-float.Epsilon", -float.Epsilon));

        private static readonly Gen<Arg> Finite = Gen.Elements(
            F("1f", 1f), F("0", 0f), F("-1f", -1f), F("1.702f", 1.702f), F("0.5f", 0.5f), F("-3", -3f), F("float.MinValue", float.MinValue));

        private static readonly Gen<Arg> BadFinite = Gen.Elements(
            F("float.NaN", float.NaN), F("float.PositiveInfinity", float.PositiveInfinity), F("float.NegativeInfinity", float.NegativeInfinity));

        /// <summary>RReLU bounds: mostly in [0, 1], ordered or not.</summary>
        private static readonly Gen<Arg> Bound = Gen.Elements(
            F("0.125f", 0.125f), F("1f / 3f", 1f / 3f), F("0", 0f), F("0.2f", 0.2f), F("0.3f", 0.3f), F("0.5f", 0.5f), F("1", 1f));

        private static readonly Gen<Arg> BadBound = Gen.Elements(
            F("-0.1f", -0.1f), F("float.NaN", float.NaN), F("float.PositiveInfinity", float.PositiveInfinity), F("0.05f", 0.05f), F("2f", 2f));

        private static readonly string[] s_names = { "NegativeSlope", "Alpha", "Beta", "LearnBeta", "RReluLower", "RReluUpper" };

        private static Gen<Arg> Value(string name, int badWeight) => name switch
        {
            "NegativeSlope" or "Alpha" => Gen.Frequency((9, NonNegative), (badWeight, BadNonNegative)),
            "Beta" => Gen.Frequency((9, Finite), (badWeight, BadFinite)),
            "LearnBeta" => Gen.Elements(new Arg("true", true), new Arg("false", false)),
            _ => Gen.Frequency((9, Bound), (badWeight, BadBound)),
        };

        /// <summary>
        /// Parameters for <paramref name="activation"/> (null: Identity): some of those it has, values mostly in range
        /// (an RReLU range may come out reversed), now and then one of another activation.
        /// </summary>
        public static Gen<ImmutableArray<NamedArg>> For(Arg? activation, int badWeight = 1, int strayWeight = 1) =>
            from own in Gen.SubListOf(OptionArgRules.ParametersOf(activation?.Value as int? ?? 0))
            from stray in Gen.Frequency((8, Gen.Constant<string?>(null)), (strayWeight, Gen.Elements(s_names).Select(n => (string?)n)))
            let names = own.Concat(stray is null || own.Contains(stray) ? Enumerable.Empty<string>() : new[] { stray }).ToArray()
            from values in Gen.CollectToArray(names, n => Value(n, badWeight))
            select names.Select((n, i) => new NamedArg(n, values[i])).ToImmutableArray();

        /// <summary>The activations that have parameters, and PReLU (a learned slope, no parameter): Elu, Swish, RReLU, LeakyReLU.</summary>
        public static readonly Gen<Arg> Parametrized = Gen.Elements(
            new Arg("§Activation.LeakyRelu", 9), new Arg("§Activation.RRelu", 11), new Arg("§Activation.Elu", 12), new Arg("§Activation.Swish", 17),
            new Arg("§Activation.PRelu", 10), new Arg("(§Activation)17", 17));

        /// <summary>Up to three distinct parameters of any activation, values in range or not.</summary>
        public static readonly Gen<ImmutableArray<NamedArg>> Any =
            from names in Gen.SubListOf(s_names)
            from values in Gen.CollectToArray(names.Take(3), n => Value(n, badWeight: 4))
            select names.Take(3).Select((n, i) => new NamedArg(n, values[i])).ToImmutableArray();
    }
}
