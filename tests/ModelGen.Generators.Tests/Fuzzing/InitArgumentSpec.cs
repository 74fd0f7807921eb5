using System.Collections.Immutable;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>
    /// One initializer argument on a [Dense]: <c>KernelStddev = 0.02</c> is Tensor "Kernel", Name "Stddev". Values are
    /// doubles (Value, Mean, Stddev, Minval, Maxval, Scale, Gain) or enum ints (Mode, Distribution); all of them bind.
    /// </summary>
    internal sealed record InitArgSpec(string Tensor, string Name, Arg Value)
    {
        public string Text => Tensor + Name + " = " + Value.Text;
    }

    // The [Dense] initializer arguments, kept out of LayerSpec's positional list.
    internal sealed partial record LayerSpec
    {
        /// <summary>Dense only: initializer arguments, distinct names (a name twice is CS0643, not our business).</summary>
        public ImmutableArray<InitArgSpec> InitArgs { get; init; } = ImmutableArray<InitArgSpec>.Empty;
    }

    /// <summary>Random initializer arguments: a few distinct names, values valid and invalid; the oracle judges them.</summary>
    internal static class InitArgGen
    {
        private static readonly (string Tensor, string Name)[] s_names =
            new[] { "Value", "Mean", "Stddev", "Minval", "Maxval", "Scale", "Mode", "Distribution", "Gain" }
                .SelectMany(n => n == "Gain" ? new[] { ("Kernel", n) } : new[] { ("Kernel", n), ("Bias", n) }).ToArray();

        private static readonly Gen<Arg> AnyDouble = Gen.Elements(
            new Arg("0.02", 0.02), new Arg("0", 0.0), new Arg("-1", -1.0), new Arg("2.5", 2.5), new Arg("0.05", 0.05),
            new Arg("-0.05", -0.05), new Arg("0.1f", (double)0.1f), new Arg("double.NaN", double.NaN),
            new Arg("double.PositiveInfinity", double.PositiveInfinity));

        private static readonly Gen<Arg> AnyMode = Gen.Elements(
            new Arg("§FanMode.FanIn", 0), new Arg("§FanMode.FanOut", 1), new Arg("§FanMode.FanAvg", 2), new Arg("(§FanMode)7", 7));

        private static readonly Gen<Arg> AnyDistribution = Gen.Elements(
            new Arg("§InitDistribution.TruncatedNormal", 0), new Arg("§InitDistribution.UntruncatedNormal", 1),
            new Arg("§InitDistribution.Uniform", 2), new Arg("(§InitDistribution)(-1)", -1));

        /// <summary>
        /// Arguments for a [Dense] whose initializers are <paramref name="kernel"/> and <paramref name="bias"/> (null:
        /// Default): mostly some of the ones each initializer takes, now and then one it does not.
        /// </summary>
        public static Gen<ImmutableArray<InitArgSpec>> For(Arg? kernel, Arg? bias) =>
            from kernelArgs in ForTensor("Kernel", kernel is { } k ? (k.Int == 0 ? 2 : k.Int) : 2)
            from biasArgs in ForTensor("Bias", bias is { } b ? (b.Int == 0 ? 1 : b.Int) : 1)
            select kernelArgs.AddRange(biasArgs);

        private static Gen<ImmutableArray<InitArgSpec>> ForTensor(string tensor, int init) =>
            from own in Gen.SubListOf(InitArgRules.Takes(init).Where(n => tensor == "Kernel" || n != "Gain").ToArray()) // there is no BiasGain
            from stray in Gen.Frequency((4, Gen.Constant<string?>(null)), (1, Gen.Elements(s_names.Where(n => n.Tensor == tensor).Select(n => (string?)n.Name).ToArray())))
            from doubles in Gen.ArrayOf(AnyDouble, 4)
            from mode in AnyMode
            from distribution in AnyDistribution
            select own.Concat(stray is null || own.Contains(stray) ? Enumerable.Empty<string>() : new[] { stray })
                .Select((name, i) => new InitArgSpec(tensor, name, name switch { "Mode" => mode, "Distribution" => distribution, _ => doubles[i] }))
                .ToImmutableArray();

        /// <summary>Up to three distinct arguments.</summary>
        public static readonly Gen<ImmutableArray<InitArgSpec>> Any =
            from names in Gen.SubListOf(s_names)
            from doubles in Gen.ArrayOf(AnyDouble, 3)
            from mode in AnyMode
            from distribution in AnyDistribution
            select names.Take(3).Select((n, i) => new InitArgSpec(n.Tensor, n.Name,
                n.Name switch { "Mode" => mode, "Distribution" => distribution, _ => doubles[i] })).ToImmutableArray();
    }
}
