using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Onnx;
using ModelGen.Tests.Models.Imported;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Import
{
    /// <summary>
    /// tools/ModelGen.Onnx on the networks Fixtures/make_onnx.py exported from PyTorch: the tool still writes the
    /// declarations committed under Models/Imported byte for byte, the compiled declarations loaded with the tool's
    /// safetensors give PyTorch's outputs, and graphs it cannot express are refused with the op and the node named.
    /// </summary>
    public sealed class OnnxImportTests : IDisposable
    {
        private const double Rtol = 1e-5, Atol = 1e-6;
        private const string Namespace = "ModelGen.Tests.Models.Imported";

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "modelgen-onnx-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }

        private static readonly Lazy<JsonElement> s_fixture = new(() =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx.json"))).RootElement);

        public static TheoryData<string> Cases => new() { "relu_softmax", "tanh_sigmoid", "leaky_elu_batchnorm", "flatten_no_bias", "matmul_add", "gemm_attributes", "relu_batchnorm_linear" };

        internal static string OnnxPath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx", name + ".onnx");

        internal static CompiledModel Create(string name) => name switch
        {
            "relu_softmax" => new ReluSoftmax(seed: 1),
            "tanh_sigmoid" => new TanhSigmoid(seed: 1),
            "leaky_elu_batchnorm" => new LeakyEluBatchnorm(seed: 1),
            "flatten_no_bias" => new FlattenNoBias(seed: 1),
            "matmul_add" => new MatmulAdd(seed: 1),
            "gemm_attributes" => new GemmAttributes(seed: 1),
            "relu_batchnorm_linear" => new ReluBatchnormLinear(seed: 1),
            _ => throw new ArgumentException(name),
        };

        internal static float[] Fixture(string name, string field) =>
            s_fixture.Value.GetProperty("cases").GetProperty(name).GetProperty(field).EnumerateArray().Select(e => e.GetSingle()).ToArray();

        /// <summary>Runs the tool's library on the fixture and loads its weights into the compiled declaration.</summary>
        internal static CompiledModel Imported(string name, string directory)
        {
            ImportedModel imported = OnnxImporter.Import(OnnxPath(name), Namespace);
            string className = OnnxImporter.ClassNameFor(OnnxPath(name));
            (_, string weights) = imported.WriteTo(directory, className);
            CompiledModel model = Create(name);
            model.Load(weights);
            return model;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Tool_StillWritesTheCommittedDeclaration(string name)
        {
            ImportedModel imported = OnnxImporter.Import(OnnxPath(name), Namespace);
            string className = OnnxImporter.ClassNameFor(OnnxPath(name));
            string committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Imported", className + ".cs"));
            Assert.Equal(committed, imported.Source);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void ImportedModel_MatchesPyTorch(string name)
        {
            using CompiledModel model = Imported(name, _directory);
            float[] x = Fixture(name, "x");
            Tolerance.AssertClose(Fixture(name, "y"), model.PredictBatch(x), Rtol, Atol, $"{name}: ModelGen against PyTorch");

            // One sample at a time goes through Predict's own path (unrolled or looped kernels, no batch tiling).
            var one = new float[model.OutputSize];
            float[] y = Fixture(name, "y");
            model.Predict(x.AsSpan(0, model.InputSize), one);
            Tolerance.AssertClose(y.AsSpan(0, model.OutputSize), one, Rtol, Atol, $"{name}: Predict of sample 0");
        }

        [Fact]
        public void WriteTo_WritesKerasNamesAndLayouts()
        {
            ImportedModel imported = OnnxImporter.Import(OnnxPath("leaky_elu_batchnorm"), Namespace);
            (string cs, string weights) = imported.WriteTo(_directory, "LeakyEluBatchnorm");
            Assert.Equal(imported.Source, File.ReadAllText(cs));
            var file = SafeTensors.Read(weights);
            Assert.Equal(new[] { "dense.bias", "dense.kernel", "dense_1.bias", "dense_1.kernel", "dense_2.bias", "dense_2.kernel" }, file.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(new[] { 6, 10 }, file["dense.kernel"].Shape);
            Assert.Equal(new[] { 10, 8 }, file["dense_1.kernel"].Shape);
            Assert.Empty(Directory.GetFiles(_directory, "*.tmp-*"));
        }

        /// <summary>examples/OnnxImport's committed declaration and weights are the tool's output for its committed .onnx.</summary>
        [Fact]
        public void Example_IsTheToolsOutput()
        {
            string example = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "..", "examples", "OnnxImport"));
            ImportedModel imported = OnnxImporter.Import(Path.Combine(example, "fashion_classifier.onnx"), "OnnxImport", frozen: true);
            Assert.Equal(File.ReadAllText(Path.Combine(example, "FashionClassifier.cs")), imported.Source);
            var committed = SafeTensors.Read(Path.Combine(example, "FashionClassifier.safetensors"));
            Assert.Equal(imported.Tensors.Count, committed.Count);
            foreach (SafeTensor t in imported.Tensors)
            {
                Assert.Equal(t.Shape, committed[t.Name].Shape);
                Assert.Equal(t.Data, committed[t.Name].Data);
            }
        }

        private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

        [Fact]
        public void UnsupportedOp_NamesTheOpAndTheNode()
        {
            var e = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(OnnxPath("conv"), Namespace));
            Assert.Contains("Unsupported op 'Conv' at node '/0/Conv'", e.Message);
        }

        [Fact]
        public void SkipConnection_IsRefusedAsABranch()
        {
            var e = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(OnnxPath("skip"), Namespace));
            Assert.Contains("Relu node '/Relu'", e.Message);
            Assert.Contains("skip connection", e.Message);
        }

        [Fact]
        public void BatchNormalizationAfterTheLastActivation_HasNothingToFoldInto()
        {
            // After an activation with a Dense to follow, it folds into that Dense (case relu_batchnorm_linear).
            var e = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(OnnxPath("batchnorm_after_relu"), Namespace));
            Assert.Contains("BatchNormalization '/2/BatchNormalization' follows the last Dense's activation", e.Message);
        }

        [Fact]
        public void NotAnOnnxFile_IsInvalidData()
        {
            string path = Path.Combine(_directory, "bad.onnx");
            Directory.CreateDirectory(_directory);
            File.WriteAllBytes(path, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF });
            Assert.Throws<InvalidDataException>(() => OnnxImporter.Import(path, Namespace));
        }

        [Theory]
        [InlineData("relu_softmax.onnx", "ReluSoftmax")]
        [InlineData("/x/fashion-mlp.onnx", "FashionMlp")]
        [InlineData("3layers.onnx", "Imported3layers")]
        public void ClassNameFor_IsPascalCase(string path, string expected) => Assert.Equal(expected, OnnxImporter.ClassNameFor(path));
    }
}
