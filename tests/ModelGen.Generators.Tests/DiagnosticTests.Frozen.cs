using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // [FrozenWeights] (MG0100-MG0108): each at the attribute that names the file or declares the tensor. The files are
    // real files in a temporary folder (FrozenFiles in FrozenWeightsTests.cs).
    public sealed partial class DiagnosticTests
    {
        [Fact]
        public void MissingFile_ReportsMG0100AtFrozenWeights() => DiagnosticAssert.Reports("MG0100", """
            using ModelGen;

            [[|FrozenWeights("weights/none.safetensors")|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void UnreadableFile_ReportsMG0101AtFrozenWeights()
        {
            using var files = new FrozenFiles();
            Diagnostic d = FrozenFiles.Reports("MG0101", """
                using ModelGen;

                [[|FrozenWeights("bad.safetensors")|]]
                [Input(4)]
                [Dense(2)]
                public partial class Net;
                """, files.File("bad.safetensors", Encoding.ASCII.GetBytes("not a safetensors file at all")));
            Assert.Contains("header length", FrozenFiles.Message(d));
        }

        [Fact]
        public void FileGoneFromDisk_ReportsMG0101AtFrozenWeights()
        {
            using var files = new FrozenFiles();
            FrozenFiles.Reports("MG0101", """
                using ModelGen;

                [[|FrozenWeights("gone.safetensors")|]]
                [Input(4)]
                [Dense(2)]
                public partial class Net;
                """, new FrozenFiles.FileText(Path.Combine(files.Folder, "gone.safetensors")));
        }

        [Fact]
        public void MissingTensor_ReportsMG0102AtDense()
        {
            using var files = new FrozenFiles();
            Diagnostic d = FrozenFiles.Reports("MG0102", """
                using ModelGen;

                [FrozenWeights("w.safetensors")]
                [Input(4)]
                [Dense(3)]
                [[|Dense(2)|]]
                public partial class Net;
                """, files.File("w.safetensors", FrozenFiles.SafeTensors(("dense.kernel", "F32", new[] { 4, 3 }), ("dense.bias", "F32", new[] { 3 }), ("dense_1.kernel", "F32", new[] { 3, 2 }))));
            Assert.Contains("'dense_1.bias' [2]", FrozenFiles.Message(d));
            Assert.Contains("the file holds: dense.kernel [4, 3], dense.bias [3], dense_1.kernel [3, 2]", FrozenFiles.Message(d));
        }

        [Fact]
        public void WrongShape_ReportsMG0103AtDenseWithBothShapes()
        {
            using var files = new FrozenFiles();
            Diagnostic d = FrozenFiles.Reports("MG0103", """
                using ModelGen;

                [FrozenWeights("w.safetensors")]
                [Input(4)]
                [[|Dense(3)|]]
                [Dense(2)]
                public partial class Net;
                """, files.File("w.safetensors", FrozenFiles.SafeTensors(("dense.kernel", "F32", new[] { 5, 3 }), ("dense.bias", "F32", new[] { 3 }), ("dense_1.kernel", "F32", new[] { 3, 2 }), ("dense_1.bias", "F32", new[] { 2 }))));
            Assert.Contains("tensor 'dense.kernel' has shape [5, 3], but layer 'dense' declares [4, 3]", FrozenFiles.Message(d));
        }

        [Fact]
        public void WrongDtype_ReportsMG0104AtDense()
        {
            using var files = new FrozenFiles();
            Diagnostic d = FrozenFiles.Reports("MG0104", """
                using ModelGen;

                [FrozenWeights("w.safetensors")]
                [Input(4)]
                [[|Dense(2)|]]
                public partial class Net;
                """, files.File("w.safetensors", FrozenFiles.SafeTensors(("dense.kernel", "I32", new[] { 4, 2 }), ("dense.bias", "F32", new[] { 2 }))));
            Assert.Contains("'dense.kernel' is I32", FrozenFiles.Message(d));
        }

        [Fact]
        public void ModelAndFrozenWeights_ReportsMG0105AtFrozenWeights()
        {
            // [Model] still compiles the class as a trainable model; the frozen pipeline refuses and emits nothing.
            MarkedSource marked = MarkedSource.Parse("""
                using ModelGen;

                [Model]
                [[|FrozenWeights("w.safetensors")|]]
                [Input(4)]
                [Dense(2)]
                public partial class Net;
                """);
            GeneratorRun run = GeneratorHarness.Run(marked.Source);
            Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("MG0105", d.Id);
            Assert.Equal(marked.Spans.Single().Span, d.Location.SourceSpan);
        }

        [Fact]
        public void GraphModel_ReportsMG0107AtIdentifier() => DiagnosticAssert.Reports("MG0107", """
            using ModelGen;

            [FrozenWeights("w.safetensors")]
            public partial class [|Net|]
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, From = nameof(X))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void Normalization_ReportsMG0109AtTheAttribute() => DiagnosticAssert.Reports("MG0109", """
            using ModelGen;

            [FrozenWeights("w.safetensors")]
            [Input(4)]
            [[|Normalization|]]
            [Dense(1)]
            public partial class Net;
            """);

        [Fact]
        public void TwoFilesMatch_ReportsMG0108AtFrozenWeights()
        {
            using var files = new FrozenFiles();
            FrozenFiles.Reports("MG0108", """
                using ModelGen;

                [[|FrozenWeights("w.safetensors")|]]
                [Input(4)]
                [Dense(2)]
                public partial class Net;
                """, files.File("a/w.safetensors", FrozenFiles.SafeTensors()), files.File("b/w.safetensors", FrozenFiles.SafeTensors()));
        }
    }
}
