using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelGen.Generators.Tests.Infrastructure;

namespace ModelGen.Generators.Tests.Fuzzing
{
    /// <summary>Counts of one fuzz run, for the summary line.</summary>
    internal sealed class FuzzStats
    {
        public int Cases, Models, Excused, Valid, InvalidByModelGen, InvalidByCompiler, DeclarationChecked, FullyCompiled, Batches;
        public readonly Stopwatch GeneratorTime = new(), CompileTime = new(), Total = new();

        public override string ToString() =>
            $"{Cases} cases ({Models} models, {Batches} generator runs): {Valid} valid, {InvalidByModelGen} invalid by ModelGen's rules, " +
            $"{InvalidByCompiler} with a compiler error of their own, {Excused} excused (known bugs); " +
            $"{DeclarationChecked} valid outputs declaration-checked, {FullyCompiled} fully compiled; " +
            $"{Total.Elapsed.TotalSeconds:0.0} s in all: generator {GeneratorTime.Elapsed.TotalSeconds:0.0} s, compile checks {CompileTime.Elapsed.TotalSeconds:0.0} s";
    }

    /// <summary>
    /// Runs cases through the generator many at a time and checks each model against <see cref="DeclarationOracle"/>.
    /// One compilation (the references shared) holds a batch of cases, one syntax tree each, names made unique by
    /// <see cref="DeclarationWriter"/>, and one generator run serves the batch. Asserted for every case: no generator
    /// exception (no CS8784/CS8785, none in the run result), no MG0099, no diagnostic outside the declarations, no
    /// file for no model. For every model: the user's code has a compiler error exactly when the oracle says so; every
    /// diagnostic the oracle requires is reported and none it does not allow; a valid model (no rule broken and no
    /// diagnostic) gets its file, which declares no negative arena size; an invalid one gets no file.
    /// <para>
    /// Compiling a valid model's output costs about 10 ms to parse it and compile its declarations (members,
    /// signatures, base types: where name clashes show) and about 0.1 s with method bodies. So a run compiles, of
    /// the valid models: the syntax and declarations of those whose names or branches are new
    /// (<see cref="NamingSignature"/>, <see cref="Atoms"/>), up to <see cref="DeclarationBudget"/>, and the method
    /// bodies of those that bring an emitter branch no compiled model had (<see cref="Atoms"/>), up to
    /// <see cref="FullCompileBudget"/>; both with zero errors and zero warnings in the generated file. A failing case
    /// is re-checked alone, with everything compiled, for the message.
    /// </para>
    /// </summary>
    internal sealed class FuzzRunner
    {
        private static readonly string[] s_crashIds = { "CS8784", "CS8785" };
        private static readonly Regex s_arena = new(@"(parameterFloats|optimizerStateFloats|activationFloatsPerSample): (-?\d+)", RegexOptions.Compiled);

        /// <summary>One compilation with the references and no source: every batch adds its trees to it.</summary>
        private static readonly CSharpCompilation s_empty = GeneratorHarness.CreateCompilation(Array.Empty<string>());
        private CompileSample? _sample;
        private GeneratorDriver _driver = NewDriver();

        public FuzzStats Stats { get; } = new();

        /// <summary>How many valid models get their method bodies compiled, at most (those that bring a new <see cref="Atoms"/>).</summary>
        public int FullCompileBudget { get; init; } = 150;

        /// <summary>
        /// How many valid models get their syntax and declarations compiled, at most (about 10 ms each): those whose
        /// <see cref="NamingSignature"/> and <see cref="Atoms"/> together are new, first come.
        /// </summary>
        public int DeclarationBudget { get; init; } = 1500;

        /// <summary>How to replay the run, for failure messages.</summary>
        public string RunReplay { get; init; } = "";

        private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions);

        /// <summary>Checks a batch; throws with a self-contained message (declaration, seeds) on the first problem.</summary>
        public void Check(IReadOnlyList<CaseSpec> cases)
        {
            Stats.Total.Start();
            var written = cases.Select((c, slot) => DeclarationWriter.Write(c, slot)).ToArray();
            string? problem = CheckWritten(written, ref _driver, compileAll: false, countStats: true, out int failing);
            Stats.Total.Stop();
            if (problem is null) return;

            // Say it on the case alone, as written without the batch's renaming, if it fails there too. A problem of the
            // whole run (a crash) names no case: try each alone.
            IEnumerable<int> suspects = failing >= 0 ? new[] { failing } : Enumerable.Range(0, cases.Count);
            foreach (int suspect in suspects)
            {
                WrittenCase alone = DeclarationWriter.Write(cases[suspect]);
                GeneratorDriver fresh = NewDriver();
                string? aloneProblem = CheckWritten(new[] { alone }, ref fresh, compileAll: true, countStats: false, out _);
                if (aloneProblem is not null) throw new FuzzFailure(Describe(cases[suspect], alone, aloneProblem) + RunReplay);
            }
            CaseSpec first = cases[Math.Max(failing, 0)];
            throw new FuzzFailure(Describe(first, DeclarationWriter.Write(first), "fails only beside other cases in one compilation: " + problem
                + "\n--- the whole batch ---\n" + string.Join("\n// ----\n", written.Select(w => w.Text))) + RunReplay);
        }

        /// <summary>Checks one case alone (regression tests and single-case replays), compiling everything.</summary>
        public static void CheckAlone(CaseSpec spec)
        {
            WrittenCase alone = DeclarationWriter.Write(spec);
            GeneratorDriver driver = NewDriver();
            string? problem = CheckWritten(new[] { alone }, ref driver, compileAll: true, out _, stats: null, sample: null);
            if (problem is not null) throw new FuzzFailure(Describe(spec, alone, problem));
        }

        private string? CheckWritten(WrittenCase[] written, ref GeneratorDriver driver, bool compileAll, bool countStats, out int failing) =>
            CheckWritten(written, ref driver, compileAll, out failing, countStats ? Stats : null,
                _sample ??= new CompileSample(FullCompileBudget, DeclarationBudget));

        private static string? CheckWritten(WrittenCase[] written, ref GeneratorDriver driver, bool compileAll, out int failing,
            FuzzStats? stats, CompileSample? sample)
        {
            failing = -1;
            SyntaxTree[] trees = written.Select((w, i) => CSharpSyntaxTree.ParseText(w.Text, GeneratorHarness.ParseOptions, $"Case{i}.cs")).ToArray();
            CSharpCompilation input = s_empty.AddSyntaxTrees(trees);

            stats?.GeneratorTime.Start();
            driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
            GeneratorRunResult result = driver.GetRunResult().Results[0];
            stats?.GeneratorTime.Stop();
            if (stats is not null) { stats.Batches++; stats.Cases += written.Length; }

            // No crash, whichever case caused it.
            if (result.Exception is not null) return "the generator threw: " + result.Exception;
            Diagnostic[] crashes = driverDiagnostics.Where(d => s_crashIds.Contains(d.Id)).ToArray();
            if (crashes.Length > 0) return "the driver reports a generator crash: " + GeneratorHarness.Format(crashes);

            // The user's own errors: those of the code without the generated files, except CS0535 (a class that lists
            // IDisposable only implements it once the generated part derives it from CompiledModel).
            ILookup<SyntaxTree?, Diagnostic> userErrors = input.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0535")
                .ToLookup(d => d.Location.SourceTree);
            // ModelGen reports at plain file locations (Location.Create(path, span, lines)), not at tree locations: match by path.
            ILookup<string, Diagnostic> reported = result.Diagnostics.ToLookup(d => d.Location.GetLineSpan().Path ?? "");
            // Keyed without the ".2", ".3" that tells apart files whose names differ only in case (ModelEmitter.HintName).
            var generated = result.GeneratedSources.ToDictionary(s => WithoutCaseRank(s.HintName), StringComparer.Ordinal);
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            var validTrees = new List<(int Case, WrittenModel Model, SyntaxTree Tree, Microsoft.CodeAnalysis.Text.SourceText Generated)>();

            for (int i = 0; i < written.Length; i++)
            {
                failing = i;
                Diagnostic[] mine = reported[trees[i].FilePath].ToArray();
                if (i == 0 && reported.Any(g => !trees.Any(t => t.FilePath == g.Key)))
                    return "a diagnostic outside every file: " + GeneratorHarness.Format(reported.Where(g => !trees.Any(t => t.FilePath == g.Key)).SelectMany(g => g));
                Diagnostic? stray = mine.FirstOrDefault(d => !written[i].Models.Any(m => m.Contains(d.Location.SourceSpan.Start)));
                if (stray is not null) return "a diagnostic outside every model's declaration: " + stray;
                Diagnostic? internalError = mine.FirstOrDefault(d => d.Id == "MG0099");
                if (internalError is not null) return "MG0099 (internal error): " + internalError;

                bool anyCompilerError = false;
                foreach (WrittenModel model in written[i].Models)
                {
                    Verdict verdict = DeclarationOracle.Judge(model.Spec);
                    Diagnostic[] own = mine.Where(d => model.Contains(d.Location.SourceSpan.Start)).ToArray();
                    var ids = own.Select(d => d.Id).ToImmutableHashSet();
                    bool hasFile = generated.ContainsKey(model.HintName);
                    if (hasFile && (ids.IsEmpty || verdict.FileExcused is not null || verdict.Excused is not null)) claimed.Add(model.HintName);
                    bool ownCompilerError = userErrors[trees[i]].Any(d => model.Contains(d.Location.SourceSpan.Start));
                    anyCompilerError |= ownCompilerError;
                    string Expected() => $"oracle: {(verdict.IsValid ? "valid" : string.Join("; ", verdict.Reasons))}\n"
                        + $"ModelGen reported: {(own.Length == 0 ? "nothing" : GeneratorHarness.Format(own))}\n"
                        + $"file {model.HintName}: {(hasFile ? "generated" : "not generated")}";

                    if (verdict.CompilerError != ownCompilerError)
                    {
                        return verdict.CompilerError
                            ? "the declaration was meant to have a compiler error but compiles (a fault of the fuzzer's writer)\n" + Expected()
                            : "the declaration has a compiler error the oracle did not expect:\n"
                                + GeneratorHarness.Format(userErrors[trees[i]]) + "\n" + Expected();
                    }
                    if (verdict.Excused is not null)
                    {
                        if (stats is not null) { stats.Models++; stats.Excused++; }
                        continue;
                    }
                    // Valid: no rule broken, and ModelGen took none of the diagnostics the rules leave open (a size
                    // between two ways of counting it); then a file must come, and compile.
                    bool valid = verdict.IsValid && ids.IsEmpty;
                    if (stats is not null)
                    {
                        stats.Models++;
                        if (valid) stats.Valid++;
                        else if (verdict.CompilerError) stats.InvalidByCompiler++;
                        else stats.InvalidByModelGen++;
                    }

                    string[] unexpected = ids.Except(verdict.Allowed).OrderBy(s => s, StringComparer.Ordinal).ToArray();
                    if (unexpected.Length > 0) return $"ModelGen reported {string.Join(", ", unexpected)}, which the rules do not call for\n" + Expected();
                    string[] missing = verdict.Required.Except(ids).OrderBy(s => s, StringComparer.Ordinal).ToArray();
                    if (missing.Length > 0) return $"ModelGen did not report {string.Join(", ", missing)}\n" + Expected();
                    if (!valid && hasFile && verdict.FileExcused is null) return "an invalid model got a generated file\n" + Expected();
                    if (valid && !hasFile) return "a valid model got no generated file\n" + Expected();
                    if (valid)
                    {
                        validTrees.Add((i, model, trees[i], generated[model.HintName].SourceText));
                    }
                }
            }
            failing = -1;
            string[] unclaimed = generated.Keys.Where(k => !claimed.Contains(k)).ToArray();
            if (unclaimed.Length > 0) return "files generated for no valid model: " + string.Join(", ", unclaimed);

            if (validTrees.Count == 0) return null;
            stats?.CompileTime.Start();
            try
            {
                // Every valid model: the arena sizes in its layout (the file's first lines) are not negative.
                foreach (var v in validTrees)
                {
                    failing = v.Case;
                    string head = v.Generated.ToString(new Microsoft.CodeAnalysis.Text.TextSpan(0, Math.Min(v.Generated.Length, 4000)));
                    foreach (Match m in s_arena.Matches(head))
                    {
                        if (long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) < 0)
                            return $"{v.Model.HintName} declares a negative arena size ({m.Value}): the memory plan overflowed\n"
                                + "oracle: valid (" + string.Join("; ", DeclarationOracle.Judge(v.Model.Spec).Reasons) + ")";
                    }
                }

                // Then compile, with zero errors and zero warnings in the generated file (and no error in the user's
                // declaration): a sample's syntax and declarations (members, signatures, base types), and a smaller
                // sample's method bodies too (or everything, when asked). The trees are independent: both cores work.
                bool[] full = validTrees.Select(v => compileAll || sample?.TakeForBodies(v.Model.Original) == true).ToArray();
                bool[] declared = validTrees.Select((v, k) => full[k] || compileAll || sample?.TakeForDeclarations(v.Model.Original) == true).ToArray();
                Dictionary<string, SyntaxTree> generatedTrees = output.SyntaxTrees.Skip(trees.Length)
                    .ToDictionary(t => WithoutCaseRank(System.IO.Path.GetFileName(t.FilePath)), StringComparer.Ordinal);
                var problems = new Diagnostic[validTrees.Count][];
                System.Threading.Tasks.Parallel.For(0, validTrees.Count, k =>
                {
                    var v = validTrees[k];
                    if (!declared[k])
                    {
                        problems[k] = Array.Empty<Diagnostic>();
                        return;
                    }
                    SyntaxTree generatedTree = generatedTrees[v.Model.HintName];
                    SemanticModel generatedModel = output.GetSemanticModel(generatedTree);
                    problems[k] = generatedTree.GetDiagnostics()
                        .Concat(full[k] ? generatedModel.GetDiagnostics() : generatedModel.GetDeclarationDiagnostics())
                        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                        .Concat(output.GetSemanticModel(v.Tree).GetDeclarationDiagnostics()
                            .Where(d => d.Severity == DiagnosticSeverity.Error && v.Model.Contains(d.Location.SourceSpan.Start)))
                        .ToArray();
                });
                for (int k = 0; k < validTrees.Count; k++)
                {
                    failing = validTrees[k].Case;
                    if (problems[k].Length > 0)
                    {
                        return $"the output for a valid model does not compile{(full[k] ? "" : " (declarations)")}:\n" + GeneratorHarness.Format(problems[k].Take(10));
                    }
                    if (stats is not null)
                    {
                        if (declared[k]) stats.DeclarationChecked++;
                        if (full[k]) stats.FullyCompiled++;
                    }
                }
            }
            finally
            {
                stats?.CompileTime.Stop();
            }
            failing = -1;
            return null;
        }

        /// <summary>
        /// The emitter branches a valid model exercises, as atoms: the loss mode (MSE, cross-entropy fused with softmax,
        /// from logits) with the optimizer and the output activation; the optimizer's flags (momentum, Nesterov, AMSGrad,
        /// centered, weight decay); each metric with the loss and a one-unit output or not; each Dense's path (unrolled
        /// or looped, first or not, its width as whole 32-column panels, a 16-column half panel or both, with or without
        /// bias); each activation (Swish with a learned beta apart) on either path, hidden or last; Flatten and the
        /// namespace style. A model's method bodies are compiled when it brings an atom no compiled model had: a greedy
        /// cover of the branches instead of thousands of compilations.
        /// </summary>
        internal static IEnumerable<string> Atoms(ModelSpec m)
        {
            OptionsSpec o = m.Options;
            int threshold = o.UnrollThreshold?.Value as int? ?? 256;
            LayerSpec[] dense = m.Layers.Where(l => l.Kind == LayerKind.Dense).ToArray();
            string loss = o.Loss?.Value is int kind and not 0 ? $"{kind}/{(o.FromLogits?.Value is true ? "logits" : "probabilities")}" : "mse";
            string optimizer = o.Optimizer?.Value is int optimizerKind and >= 0 and <= 7 ? "optimizer" + optimizerKind : "optimizer1";
            yield return $"loss:{loss}/{optimizer}/{dense[^1].Activation?.Value ?? 0}";
            // The flags and non-zero values that choose the optimizer's code and state slots.
            string flags = string.Concat(
                o.Setting("Momentum")?.Value is float mu && mu > 0 ? "m" : "", o.Setting("Nesterov")?.Value is true ? "n" : "",
                o.Setting("AmsGrad")?.Value is true ? "a" : "", o.Setting("Centered")?.Value is true ? "c" : "",
                o.Setting("WeightDecay")?.Value is float wd && wd > 0 ? "w" : "");
            yield return $"{optimizer}:{flags}";
            foreach (int metric in (o.Setting("Metrics")?.Value as int[] ?? Array.Empty<int>()).Distinct())
            {
                yield return $"metric:{metric}/{loss}/{(dense[^1].Units!.Int == 1 ? "one" : "many")}";
            }
            yield return $"namespace:{m.Namespace.Style}/{m.Layers.Any(l => l.Kind == LayerKind.Flatten)}";
            long width = m.Layers[0].Dims.Aggregate(1L, (p, d) => p * d.Int);
            for (int i = 0; i < dense.Length; i++)
            {
                int units = dense[i].Units!.Int;
                string panels = units % 32 == 0 ? "full" : units < 16 ? "half" : units % 32 <= 16 ? "full+half" : "full+full";
                string path = width * units <= threshold ? "unrolled" : "looped";
                yield return $"dense:{path}/{(i == 0 ? "first" : "inner")}/{panels}/{(dense[i].UseBias?.Value is false ? "nobias" : "bias")}";
                string learned = dense[i].ActivationArgs.Any(a => a.Name == "LearnBeta" && a.Value.Value is true) ? "+learned" : "";
                yield return $"activation:{path}/{dense[i].Activation?.Value ?? 0}{learned}/{(i == dense.Length - 1 ? "last" : "hidden")}";
                width = units;
            }
        }

        /// <summary>
        /// What decides the generated members' names and the type's declarations: the class name, the namespace, the
        /// layer names (explicit or default), the type's modifiers and base list, a split declaration, the spelling.
        /// Name collisions (a member named like its class, two members with one name) show at this level.
        /// </summary>
        internal static string NamingSignature(ModelSpec m) => string.Join("|",
            m.Class.Name, string.Join(".", m.Namespace.Segments), m.Namespace.Style, m.Class.Base, m.Class.Modifier, m.Class.Accessibility,
            m.Class.SplitAt is null, m.Class.SemicolonBody, string.Join(",", m.Layers.Select(l => l.Name?.Value as string ?? "-")));

        private static string Describe(CaseSpec spec, WrittenCase alone, string problem) => new StringBuilder()
            .Append("ModelGen fuzz case ").Append(spec.Seed).Append(": ").Append(problem).Append('\n')
            .Append("Replay this case alone: MODELGEN_FUZZ_CASE=").Append(spec.Seed).Append(" dotnet test tests/ModelGen.Generators.Tests --filter GeneratorFuzzTests\n")
            .Append("--- declaration (Case0.cs) ---\n").Append(alone.Text).Append("---\n")
            .ToString();

        /// <summary><c>A.Net.2.g.cs</c> to <c>A.Net.g.cs</c>: an identifier never starts with a digit, so a numeric segment is the rank.</summary>
        private static string WithoutCaseRank(string hintName) =>
            System.Text.RegularExpressions.Regex.Replace(hintName, @"\.[0-9]+\.g\.cs$", ".g.cs");
    }

    /// <summary>Which valid models of a run get compiled, and how far (see <see cref="FuzzRunner"/>).</summary>
    internal sealed class CompileSample
    {
        private readonly HashSet<string> _atoms = new(StringComparer.Ordinal);
        private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
        private readonly int _bodyBudget, _declarationBudget;
        private int _bodies;

        public CompileSample(int bodyBudget, int declarationBudget)
        {
            _bodyBudget = bodyBudget;
            _declarationBudget = declarationBudget;
        }

        /// <summary>Method bodies: when the model brings an emitter branch no compiled model had, within the budget.</summary>
        public bool TakeForBodies(ModelSpec m)
        {
            string[] atoms = FuzzRunner.Atoms(m).ToArray();
            if (_bodies >= _bodyBudget || atoms.All(_atoms.Contains)) return false;
            _atoms.UnionWith(atoms);
            _bodies++;
            return true;
        }

        /// <summary>Declarations: when its names and branches are new, within the budget.</summary>
        public bool TakeForDeclarations(ModelSpec m) =>
            _declared.Count < _declarationBudget && _declared.Add(FuzzRunner.NamingSignature(m) + "#" + string.Join(",", FuzzRunner.Atoms(m)));
    }

    /// <summary>A disagreement between ModelGen and the oracle; the message is a complete report.</summary>
    internal sealed class FuzzFailure : Exception
    {
        public FuzzFailure(string message) : base(message) { }
    }
}
