using System;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using ModelGen.Generators.Tests.Fuzzing;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// The generator as a product: random declarations, valid and not, through the generator driver, each judged by
    /// an independent oracle of the rules (<see cref="DeclarationOracle"/>). What is asserted, and what is sampled, is
    /// said on <see cref="FuzzRunner"/>; how cases are drawn, on <see cref="DeclarationGen"/>.
    /// <para>
    /// Environment: <c>MODELGEN_FUZZ_CASES</c> (default 10000) sets the number of cases; <c>MODELGEN_FUZZ_SEED</c>
    /// replays a run (the seed is in every failure message); <c>MODELGEN_FUZZ_CASE</c> replays one case alone, with
    /// every output compiled; <c>MODELGEN_FUZZ_COMPILE</c> (default 150) sets how many valid models get their method
    /// bodies compiled. A failing case found here becomes a plain test in <c>FuzzRegressionTests</c>.
    /// </para>
    /// </summary>
    public sealed class GeneratorFuzzTests
    {
        /// <summary>Cases per compilation and generator run: large enough to share the fixed cost, small enough to isolate.</summary>
        private const int BatchSize = 25;

        private readonly ITestOutputHelper _output;

        public GeneratorFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void RandomDeclarations_GeneratorAgreesWithOracle()
        {
            if (Environment.GetEnvironmentVariable("MODELGEN_FUZZ_CASE") is { Length: > 0 } single)
            {
                FuzzRunner.CheckAlone(DeclarationGen.FromSeed(int.Parse(single, CultureInfo.InvariantCulture)));
                return;
            }
            int cases = int.TryParse(Environment.GetEnvironmentVariable("MODELGEN_FUZZ_CASES"), out int n) && n > 0 ? n : 10_000;
            // CI (CI=true) replays one fixed run, so a red CI is always a regression; elsewhere every run explores new
            // declarations, and a failure prints the seed to keep as a regression test.
            ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("MODELGEN_FUZZ_SEED"), out ulong s) ? s
                : Environment.GetEnvironmentVariable("CI") == "true" ? 20261122UL
                : (ulong)Random.Shared.NextInt64();

            int budget = int.TryParse(Environment.GetEnvironmentVariable("MODELGEN_FUZZ_COMPILE"), out int b) && b >= 0 ? b : 150;

            var runner = new FuzzRunner
            {
                FullCompileBudget = budget,
                RunReplay = $"Replay the whole run: MODELGEN_FUZZ_SEED={seed} (with MODELGEN_FUZZ_CASES={cases})",
            };
            Arbitrary<CaseSpec[]> batches = Arb.From(Gen.ArrayOf(DeclarationGen.Case, BatchSize));
            Config config = Config.QuickThrowOnFailure
                .WithMaxTest((cases + BatchSize - 1) / BatchSize)
                .WithQuietOnSuccess(true)
                .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));

            Check.One(config, Prop.ForAll(batches, batch => runner.Check(batch)));

            _output.WriteLine($"seed {seed}: {runner.Stats}");
            Assert.True(runner.Stats.Cases >= cases, $"ran {runner.Stats.Cases} cases, expected {cases}");
            // The split matters as much as the count: most valid models must reach the compile check.
            Assert.True(runner.Stats.Valid >= runner.Stats.Models / 4, "too few valid models: " + runner.Stats);
            Assert.True(runner.Stats.InvalidByModelGen >= runner.Stats.Models / 4, "too few invalid models: " + runner.Stats);
        }
    }
}
