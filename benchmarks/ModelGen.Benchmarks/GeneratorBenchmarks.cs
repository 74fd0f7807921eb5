extern alias Generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelGen.Benchmarks
{
    /// <summary>
    /// The generator itself, in process: a first run over a 100-layer model (parse, validate, plan and emit C# and
    /// OpenCL C), and a re-run after an edit elsewhere in the compilation, which the incremental pipeline must answer
    /// from its cache.
    /// </summary>
    [MemoryDiagnoser]
    public class GeneratorBenchmarks
    {
        private CSharpCompilation _compilation = null!;
        private GeneratorDriver _warmDriver = null!;
        private CSharpCompilation _edited = null!;

        /// <summary>Dense layers in the model.</summary>
        [Params(100)]
        public int Layers { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var source = new StringBuilder("using ModelGen;\nnamespace Bench;\n[Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]\n[Input(64)]\n");
            for (int i = 0; i < Layers; i++) source.Append($"[Dense({32 + i % 5 * 16}, Activation.{(i % 2 == 0 ? "Relu" : "Tanh")})]\n");
            source.Append("[Dense(1)]\npublic partial class Deep;\n");
            string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            var references = trusted.Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
                .Select(p => MetadataReference.CreateFromFile(p))
                .Append(MetadataReference.CreateFromFile(typeof(CompiledModel).Assembly.Location));
            _compilation = CSharpCompilation.Create("Bench",
                new[] { CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest)) },
                references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            _warmDriver = NewDriver().RunGenerators(_compilation);
            _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Bench; internal static class Unrelated { }"));
        }

        private static GeneratorDriver NewDriver() =>
            CSharpGeneratorDriver.Create(new Generator::ModelGen.Generators.ModelGenerator());

        /// <summary>A cold run: every stage, both emitters.</summary>
        [Benchmark]
        public GeneratorDriver FirstRun() => NewDriver().RunGenerators(_compilation);

        /// <summary>A warm run after an unrelated file was added: the model's output comes from the cache.</summary>
        [Benchmark]
        public GeneratorDriver RunAfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited);
    }
}
