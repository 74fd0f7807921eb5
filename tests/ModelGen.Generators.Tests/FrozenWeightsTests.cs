using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ModelGen.Generators.Model;
using ModelGen.Generators.Parsing;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// [FrozenWeights] (docs/embedding.md): the generated class, its diagnostics (MG0100-MG0108, each at the attribute
    /// that names the file or declares the tensor), the incrementality of reading the file, and the header reader.
    /// The weights files are real files in a temporary folder: the generator reads an additional file's bytes from
    /// its path (Parsing/WeightsFileReader.cs).
    /// </summary>
    public sealed class FrozenWeightsTests : IDisposable
    {
        private readonly FrozenFiles _files = new();

        public void Dispose() => _files.Dispose();

        private FrozenFiles.FileText File(string relative, byte[] bytes) => _files.File(relative, bytes);

        private static byte[] SafeTensors(params (string Name, string Dtype, int[] Shape)[] tensors) => FrozenFiles.SafeTensors(tensors);

        private static byte[] SafeTensors(List<(string Name, string Dtype, int[] Shape, float[] Values)> tensors) => FrozenFiles.SafeTensors(tensors);

        private static byte[] SafeTensorsRaw(params (string Name, string Dtype, int[] Shape, byte[] Data)[] tensors) => FrozenFiles.SafeTensorsRaw(tensors);

        private static GeneratorDriver CreateDriver(params AdditionalText[] files) => FrozenFiles.CreateDriver(files);

        private static GeneratorRun Run(string source, params AdditionalText[] files) => FrozenFiles.Run(source, files);

        private const string Small = """
            using ModelGen;

            namespace App
            {
                [FrozenWeights("weights/small.safetensors")]
                [Input(20)]
                [Dense(16, Activation.Relu)]
                [Dropout(0.5f)]
                [Dense(2, Activation.Softmax)]
                public partial class SmallFrozen;
            }
            """;

        /// <summary>The tensors of <see cref="Small"/>: dense [20, 16] (320 weights, packed) and dense_1 [16, 2] (unrolled).</summary>
        private static readonly (string Name, string Dtype, int[] Shape)[] s_smallTensors =
        {
            ("dense.kernel", "F32", new[] { 20, 16 }), ("dense.bias", "F32", new[] { 16 }),
            ("dense_1.kernel", "F32", new[] { 16, 2 }), ("dense_1.bias", "F32", new[] { 2 }),
        };

        // ---- The generated class ----

        [Fact]
        public void SmallFrozen_MatchesSnapshot()
        {
            GeneratorRun run = Run(Small, File("weights/small.safetensors", SafeTensors(s_smallTensors)));
            GeneratorHarness.AssertCompilesCleanly(run);
            Snapshot.Match(run.SingleSource());
        }

        [Fact]
        public void SmallFrozen_HasNoTrainingCode()
        {
            string source = Run(Small, File("weights/small.safetensors", SafeTensors(s_smallTensors))).SingleSource();
            foreach (string training in new[] { "Backward", "Gradient", "Optimizer", "Loss", "Dropout(" }) Assert.DoesNotContain(training, source);
            Assert.Contains(": global::ModelGen.FrozenModel", source);
            // The unrolled layer carries its weights as literals; the packed one as constant data.
            Assert.Contains("Vector512.Create(", source);
            Assert.Contains("private static global::System.ReadOnlySpan<float> DenseKernel => new float[]", source);
        }

        [Fact]
        public void FileNamedByFileNameAlone_IsFound()
        {
            GeneratorRun run = Run(Small.Replace("weights/small.safetensors", "small.safetensors"), File("weights/small.safetensors", SafeTensors(s_smallTensors)));
            GeneratorHarness.AssertCompilesCleanly(run);
        }

        [Fact]
        public void PyTorchWeight_IsTransposed()
        {
            // dense.weight [16, 20] with weight[o, i] = o * 100 + i: kernel (i, o) must hold the same value.
            var tensors = new List<(string, string, int[], float[])>
            {
                ("dense.weight", "F32", new[] { 16, 20 }, Enumerable.Range(0, 320).Select(k => (float)(k / 20 * 100 + k % 20)).ToArray()),
                ("dense.bias", "F32", new[] { 16 }, new float[16]),
                ("dense_1.kernel", "F32", new[] { 16, 2 }, new float[32]),
                ("dense_1.bias", "F32", new[] { 2 }, new float[2]),
            };
            string source = Run(Small, File("weights/small.safetensors", SafeTensors(tensors))).SingleSource();
            // Packed row 0 of the first (16-wide) panel: kernel (0, o) = weight[o, 0] = o * 100.
            Assert.Contains("    0f, 100f, 200f, 300f, 400f, 500f, 600f, 700f, 800f, 900f, 1000f, 1100f, 1200f, 1300f, 1400f, 1500f,", source);
        }

        // ---- Incrementality ----

        [Fact]
        public void UnrelatedEdit_DoesNotRereadTheFileOrReemit()
        {
            FrozenFiles.FileText file = File("weights/small.safetensors", SafeTensors(s_smallTensors));
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { Small });
            (GeneratorRun _, GeneratorDriver driver) = GeneratorHarness.Run(CreateDriver(file), compilation);

            Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public class Unrelated { } }", GeneratorHarness.ParseOptions, "Unrelated.cs"));
            (GeneratorRun _, driver) = GeneratorHarness.Run(driver, edited);
            GeneratorRunResult result = driver.GetRunResult().Results[0];

            Assert.All(result.TrackedSteps[FrozenPipeline.WeightsStep], step => Assert.All(step.Outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason)));
            Assert.All(result.TrackedSteps[FrozenPipeline.SourceStep], step => Assert.All(step.Outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason)));
        }

        [Fact]
        public void ChangedFile_RereadsAndRegenerates()
        {
            FrozenFiles.FileText file = File("weights/small.safetensors", SafeTensors(s_smallTensors));
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { Small });
            (GeneratorRun first, GeneratorDriver driver) = GeneratorHarness.Run(CreateDriver(file), compilation);

            var changed = new List<(string, string, int[], float[])>
            {
                ("dense.kernel", "F32", new[] { 20, 16 }, Enumerable.Repeat(0.5f, 320).ToArray()), ("dense.bias", "F32", new[] { 16 }, new float[16]),
                ("dense_1.kernel", "F32", new[] { 16, 2 }, new float[32]), ("dense_1.bias", "F32", new[] { 2 }, new float[2]),
            };
            System.IO.File.WriteAllBytes(file.Path, SafeTensors(changed));
            driver = driver.ReplaceAdditionalText(file, new FrozenFiles.FileText(file.Path));
            (GeneratorRun second, driver) = GeneratorHarness.Run(driver, compilation);
            GeneratorRunResult result = driver.GetRunResult().Results[0];

            Assert.Contains(result.TrackedSteps[FrozenPipeline.WeightsStep].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.Contains(result.TrackedSteps[FrozenPipeline.SourceStep].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.NotEqual(first.SingleSource(), second.SingleSource());
            Assert.Contains("0.5f, 0.5f", second.SingleSource());
        }

        // ---- The header reader ----

        [Fact]
        public void Reader_ConvertsF16AndBF16Exactly()
        {
            // 1.5 and -2^-24 (the smallest subnormal) as binary16; 1.5 and -3 as bfloat16.
            byte[] f16 = BitConverter.GetBytes((ushort)0x3E00).Concat(BitConverter.GetBytes((ushort)0x8001)).ToArray();
            byte[] bf16 = BitConverter.GetBytes((ushort)0x3FC0).Concat(BitConverter.GetBytes((ushort)0xC040)).ToArray();
            byte[] bytes = SafeTensorsRaw(("h", "F16", new[] { 2 }, f16), ("b", "BF16", new[] { 2 }, bf16));
            WeightsFile file = SafeTensorsReader.Read("x.safetensors", bytes);
            Assert.Null(file.Error);
            Assert.Equal(new[] { 1.5f, -1f / (1 << 24) }, file.Tensors[0].Values.AsSpan().ToArray());
            Assert.Equal(new[] { 1.5f, -3f }, file.Tensors[1].Values.AsSpan().ToArray());
        }

        [Fact]
        public void Reader_TruncatedData_IsAnError()
        {
            byte[] bytes = SafeTensors(("t", "F32", new[] { 4 }));
            WeightsFile file = SafeTensorsReader.Read("x.safetensors", bytes.Take(bytes.Length - 4).ToArray());
            Assert.Contains("outside the file", file.Error);
        }

        [Fact]
        public void Reader_DeeplyNestedHeader_IsAnError_NotAStackOverflow()
        {
            // A corrupt header of 100,000 '[' must give an error, not take the compiler down with the stack.
            byte[] json = System.Text.Encoding.ASCII.GetBytes(new string('[', 100_000));
            byte[] bytes = new byte[8 + json.Length];
            System.BitConverter.GetBytes((long)json.Length).CopyTo(bytes, 0);
            json.CopyTo(bytes, 8);
            WeightsFile file = SafeTensorsReader.Read("x.safetensors", bytes);
            Assert.Contains("nests deeper than 64 levels", file.Error);
        }
    }

    /// <summary>
    /// Weights files for generator tests: real files in a temporary folder (the generator reads an additional file's
    /// bytes from its path), safetensors writers, and a driver that passes them as additional files.
    /// </summary>
    internal sealed class FrozenFiles : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "modelgen-frozen-" + Guid.NewGuid().ToString("N"));

        public FrozenFiles() => Directory.CreateDirectory(_folder);

        public string Folder => _folder;

        public void Dispose() => Directory.Delete(_folder, recursive: true);


        /// <summary>An additional file on disk; GetText is what Roslyn would give a generator for a binary file: nothing usable.</summary>
        internal sealed class FileText : AdditionalText
        {
            public FileText(string path) => Path = path;

            public override string Path { get; }

            public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
        }

        public FileText File(string relative, byte[] bytes)
        {
            string path = Path.Combine(_folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllBytes(path, bytes);
            return new FileText(path);
        }

        public static GeneratorDriver CreateDriver(params AdditionalText[] files) => CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            additionalTexts: files,
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        public static GeneratorRun Run(string source, params AdditionalText[] files) =>
            GeneratorHarness.Run(CreateDriver(files), GeneratorHarness.CreateCompilation(new[] { source })).Run;

        /// <summary>As <see cref="DiagnosticAssert.Reports"/>, with additional files: exactly the marked diagnostic, no source.</summary>
        public static Diagnostic Reports(string id, string markup, params AdditionalText[] files)
        {
            MarkedSource marked = MarkedSource.Parse(markup);
            GeneratorRun run = Run(marked.Source, files);
            Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal(id, d.Id);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal(marked.Spans.Single().Span, d.Location.SourceSpan);
            Assert.Empty(run.GeneratedSources);
            return d;
        }

        public static string Message(Diagnostic d) => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A safetensors file whose tensors hold 0.01 · index.</summary>
        public static byte[] SafeTensors(params (string Name, string Dtype, int[] Shape)[] tensors) =>
            SafeTensors(tensors.Select(t => (t.Name, t.Dtype, t.Shape, Enumerable.Range(0, t.Shape.Aggregate(1, (a, b) => a * b)).Select(i => i * 0.01f).ToArray())).ToList());

        public static byte[] SafeTensors(List<(string Name, string Dtype, int[] Shape, float[] Values)> tensors) =>
            SafeTensorsRaw(tensors.Select(t => (t.Name, t.Dtype, t.Shape, t.Values.SelectMany(BitConverter.GetBytes).ToArray())).ToArray());

        public static byte[] SafeTensorsRaw(params (string Name, string Dtype, int[] Shape, byte[] Data)[] tensors)
        {
            var header = new StringBuilder("{");
            long offset = 0;
            foreach (var t in tensors)
            {
                header.Append($"\"{t.Name}\":{{\"dtype\":\"{t.Dtype}\",\"shape\":[{string.Join(",", t.Shape)}],\"data_offsets\":[{offset},{offset + t.Data.Length}]}},");
                offset += t.Data.Length;
            }
            header.Append("\"__metadata__\":{\"format\":\"pt\",\"note\":\"a \\\"quoted\\\" \\u00e9\"}}");
            byte[] json = Encoding.UTF8.GetBytes(header.ToString());
            return BitConverter.GetBytes((ulong)json.Length).Concat(json).Concat(tensors.SelectMany(t => t.Data)).ToArray();
        }
    }
}
