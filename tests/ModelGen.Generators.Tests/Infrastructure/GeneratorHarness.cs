using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelGen.Generators;
using Xunit;

namespace ModelGen.Generators.Tests.Infrastructure
{
    /// <summary>
    /// Runs <see cref="ModelGenerator"/> in-process on source text: builds a compilation against the running
    /// framework and the ModelGen runtime, drives the generator with step tracking on, and hands back everything a
    /// test asserts on (generated files, generator diagnostics, the diagnostics of the compilation with the output).
    /// </summary>
    internal static class GeneratorHarness
    {
        /// <summary>
        /// C# 12, the newest language Roslyn 4.8 knows: the oldest compiler the generator supports must compile what it
        /// emits, so the tests (which run on Roslyn 4.14) hold declarations and generated code to it.
        /// </summary>
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

        /// <summary>Driver diagnostics that mean the generator threw (CS8784: during Initialize, CS8785: during generation).</summary>
        private static readonly string[] s_generatorCrashIds = { "CS8784", "CS8785" };

        private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

        /// <summary>The framework assemblies plus the ModelGen runtime.</summary>
        public static ImmutableArray<MetadataReference> References => s_references.Value;

        /// <summary>Creates a compilation of <paramref name="sources"/> (named Model0.cs, Model1.cs, ... in order).</summary>
        public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, bool allowUnsafe = true) =>
            CreateCompilation(sources.Select((text, i) => ($"Model{i}.cs", text)), allowUnsafe);

        /// <summary>Creates a compilation of named source files.</summary>
        public static CSharpCompilation CreateCompilation(IEnumerable<(string Path, string Text)> sources, bool allowUnsafe = true)
        {
            IEnumerable<SyntaxTree> trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path));
            var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: allowUnsafe,
                nullableContextOptions: NullableContextOptions.Enable,
                // The SDK's default for net5+ projects: every warning wave is on.
                warningLevel: 9999);
            return CSharpCompilation.Create("ModelGen.Generators.Tests.Input", trees, References, options);
        }

        /// <summary>A driver for <see cref="ModelGenerator"/> with every output kind on and incremental steps tracked.</summary>
        public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Runs the generator once on <paramref name="sources"/>.</summary>
        public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

        /// <summary>Runs the generator once on <paramref name="compilation"/> with a fresh driver.</summary>
        public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation).Run;

        /// <summary>Runs <paramref name="driver"/> on <paramref name="compilation"/>; returns the run and the updated driver.</summary>
        public static (GeneratorRun Run, GeneratorDriver Driver) Run(GeneratorDriver driver, Compilation compilation)
        {
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
            GeneratorDriverRunResult result = driver.GetRunResult();
            var run = new GeneratorRun(result, driverDiagnostics, output);
            AssertGeneratorDidNotThrow(run);
            return (run, driver);
        }

        /// <summary>
        /// Runs the generator on a valid model and asserts layer (c): no generator diagnostics, and the user's code plus
        /// the generated code compiles with zero errors and zero warnings.
        /// </summary>
        public static GeneratorRun RunValid(params string[] sources)
        {
            GeneratorRun run = Run(sources);
            AssertCompilesCleanly(run);
            return run;
        }

        /// <summary>Asserts layer (c) on a run: no generator diagnostics, and no warning or error in the output compilation.</summary>
        public static void AssertCompilesCleanly(GeneratorRun run)
        {
            Assert.True(run.GeneratorDiagnostics.IsEmpty,
                "The generator reported diagnostics for a model expected to be valid:\n" + Format(run.GeneratorDiagnostics));
            Assert.NotEmpty(run.GeneratedSources);
            Diagnostic[] problems = run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0,
                "The generated code does not compile cleanly:\n" + Format(problems) + "\n\n" + Numbered(run.GeneratedSources, problems));
        }

        /// <summary>The generator must turn every problem into a diagnostic, never into an exception.</summary>
        public static void AssertGeneratorDidNotThrow(GeneratorRun run)
        {
            Assert.Single(run.Result.Results);
            Exception? exception = run.Result.Results[0].Exception;
            Assert.True(exception is null, "The generator threw: " + exception);
            Diagnostic[] crashes = run.DriverDiagnostics.Concat(run.OutputDiagnostics)
                .Where(d => s_generatorCrashIds.Contains(d.Id)).ToArray();
            Assert.True(crashes.Length == 0, "The driver reports a generator crash:\n" + Format(crashes));
        }

        /// <summary>Formats diagnostics one per line, with their locations.</summary>
        public static string Format(IEnumerable<Diagnostic> diagnostics) =>
            string.Join("\n", diagnostics.Select(d => d.ToString()));

        /// <summary>The generated files that hold one of <paramref name="problems"/>, with line numbers, to read the failure in place.</summary>
        private static string Numbered(IEnumerable<GeneratedSourceResult> sources, IReadOnlyCollection<Diagnostic> problems)
        {
            var text = new System.Text.StringBuilder();
            foreach (GeneratedSourceResult source in sources)
            {
                if (!problems.Any(p => p.Location.SourceTree?.FilePath.EndsWith(source.HintName, StringComparison.Ordinal) == true)) continue;
                text.Append("---- ").Append(source.HintName).Append(" ----\n");
                string[] lines = source.SourceText.ToString().Split('\n');
                for (int i = 0; i < lines.Length; i++) text.Append((i + 1).ToString().PadLeft(5)).Append("  ").Append(lines[i]).Append('\n');
            }
            return text.ToString();
        }

        private static ImmutableArray<MetadataReference> LoadReferences()
        {
            // The trusted platform assemblies of the running runtime, restricted to the shared framework's folder: the
            // list also names this test's own dependencies, and the generator assembly among them defines the same
            // public ModelGen enums as the runtime (it compiles the enum files too), which would make user code ambiguous.
            string frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();
            string runtimeAssembly = typeof(CompiledModel).Assembly.Location;
            var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(path => Path.GetDirectoryName(path) is { } dir
                    && Path.GetFullPath(dir + Path.DirectorySeparatorChar) == Path.GetFullPath(frameworkDirectory))
                .ToArray();
            Assert.NotEmpty(trusted);
            return trusted.Append(runtimeAssembly)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }
    }

    /// <summary>One generator run: the driver's result, its own diagnostics, and the compilation with the output added.</summary>
    internal sealed class GeneratorRun
    {
        public GeneratorRun(GeneratorDriverRunResult result, ImmutableArray<Diagnostic> driverDiagnostics, Compilation output)
        {
            Result = result;
            DriverDiagnostics = driverDiagnostics;
            Output = output;
            OutputDiagnostics = output.GetDiagnostics();
        }

        /// <summary>The run result (tracked steps, generated sources, exception).</summary>
        public GeneratorDriverRunResult Result { get; }

        /// <summary>Diagnostics returned by <c>RunGeneratorsAndUpdateCompilation</c> (the generator's and the driver's).</summary>
        public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

        /// <summary>The input compilation with the generated trees added.</summary>
        public Compilation Output { get; }

        /// <summary>Every diagnostic of <see cref="Output"/>: user code and generated code compiled together.</summary>
        public ImmutableArray<Diagnostic> OutputDiagnostics { get; }

        /// <summary>The files the generator added.</summary>
        public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.Results[0].GeneratedSources;

        /// <summary>The diagnostics the generator reported.</summary>
        public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Results[0].Diagnostics;

        /// <summary>The text of the only generated file.</summary>
        public string SingleSource()
        {
            GeneratedSourceResult source = Assert.Single(GeneratedSources);
            return source.SourceText.ToString();
        }
    }
}
