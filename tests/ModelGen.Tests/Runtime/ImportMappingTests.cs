using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// <see cref="CompiledModel.Load(string, IReadOnlyDictionary{string, string})"/> and
    /// <see cref="CompiledModel.LoadByLayerOrder"/> on files written from PyTorch and under Keras names by
    /// Fixtures/make_import.py: the loaded model's outputs must be PyTorch's.
    /// </summary>
    public sealed class ImportMappingTests
    {
        private const double Rtol = 1e-5, Atol = 1e-6;

        private static readonly Lazy<JsonElement> s_fixture = new(() =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "import.json"))).RootElement);

        private static string FileOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import", name);

        private static float[] Floats(string name) => s_fixture.Value.GetProperty(name).EnumerateArray().Select(e => e.GetSingle()).ToArray();

        private static void AssertMatchesPyTorch(CompiledModel model, string what) =>
            Tolerance.AssertClose(Floats("y"), model.PredictBatch(Floats("x")), Rtol, Atol, what);

        [Fact]
        public void ByLayerOrder_TorchStateDict_SortsTenAfterTwo()
        {
            using var model = new ImportDeepNet(seed: 1);
            model.LoadByLayerOrder(FileOf("torch_sequential.safetensors"));
            AssertMatchesPyTorch(model, "0.weight ... 10.weight by layer order");
        }

        [Fact]
        public void ByLayerOrder_KerasNames()
        {
            using var model = new ImportDeepNet(seed: 1);
            model.LoadByLayerOrder(FileOf("keras_names.safetensors"));
            AssertMatchesPyTorch(model, "dense/kernel:0 ... dense_5/kernel:0 by layer order");
        }

        [Fact]
        public void ExplicitMap_TorchNames()
        {
            using var model = new ImportDeepNet(seed: 1);
            var map = new Dictionary<string, string>();
            for (int i = 0; i < 6; i++) map[(2 * i).ToString()] = i == 0 ? "dense" : $"dense_{i}";
            model.Load(FileOf("torch_sequential.safetensors"), map);
            AssertMatchesPyTorch(model, "explicit map of 0, 2, ..., 10");
        }

        [Fact]
        public void ExplicitMap_CustomNames()
        {
            using var model = new ImportDeepNet(seed: 1);
            string[] names = s_fixture.Value.GetProperty("custom_names").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var map = new Dictionary<string, string>();
            for (int i = 0; i < names.Length; i++) map[names[i]] = i == 0 ? "dense" : $"dense_{i}";
            model.Load(FileOf("custom_names.safetensors"), map);
            AssertMatchesPyTorch(model, "explicit map of encoder.in ... head.logits");
        }

        [Fact]
        public void ExplicitMap_WrongShape_NamesTensorLayerAndShapes_AndChangesNothing()
        {
            using var model = new ImportDeepNet(seed: 1);
            float[] before = model.ReadParameter("dense.kernel");
            // 2.weight is [8, 8]: mapping 10 (Linear(8, 3)) onto dense_1 (8 -> 8) must fail.
            var map = new Dictionary<string, string> { ["0"] = "dense", ["10"] = "dense_1", ["2"] = "dense_2", ["4"] = "dense_3", ["6"] = "dense_4", ["8"] = "dense_5" };
            var e = Assert.Throws<InvalidDataException>(() => model.Load(FileOf("torch_sequential.safetensors"), map));
            Assert.Contains("'10.weight'", e.Message);
            Assert.Contains("[3, 8]", e.Message);
            Assert.Contains("'dense_1.kernel'", e.Message);
            Assert.Contains("[8, 8]", e.Message);
            Assert.Equal(before, model.ReadParameter("dense.kernel"));
        }

        [Fact]
        public void ExplicitMap_UnknownModelLayer_IsRefused()
        {
            using var model = new ImportDeepNet(seed: 1);
            var e = Assert.Throws<ArgumentException>(() => model.Load(FileOf("torch_sequential.safetensors"), new Dictionary<string, string> { ["0"] = "hidden" }));
            Assert.Contains("'hidden'", e.Message);
            Assert.Contains("dense_5", e.Message);
        }

        [Fact]
        public void ByLayerOrder_LayerCountMismatch_NamesBothLists()
        {
            using var model = new ImportShallowNet(seed: 1);
            var e = Assert.Throws<InvalidDataException>(() => model.LoadByLayerOrder(FileOf("torch_sequential.safetensors")));
            Assert.Contains("6 Linear/Dense layers (0, 2, 4, 6, 8, 10)", e.Message);
            Assert.Contains("5 Dense layers (dense, dense_1, dense_2, dense_3, dense_4)", e.Message);
        }

        [Fact]
        public void ByLayerOrder_ModelWithBatchNormalization_AsksForTheMap()
        {
            using var model = new BnBetweenTrainableNet(seed: 1);
            float[] before = model.ReadParameter("dense.kernel");
            var e = Assert.Throws<InvalidDataException>(() => model.LoadByLayerOrder(FileOf("torch_sequential.safetensors")));
            Assert.Contains("maps Dense layers only", e.Message);
            Assert.Contains("batch_normalization", e.Message);
            Assert.Contains("0.weight", e.Message); // the file's own names, to write the map from
            Assert.Equal(before, model.ReadParameter("dense.kernel"));
        }

        [Theory]
        [InlineData("dense", "dense_1", -1)]
        [InlineData("dense_2", "dense_10", -1)]
        [InlineData("2", "10", -1)]
        [InlineData("net.10", "net.9", 1)]
        [InlineData("a", "a", 0)]
        public void NaturalCompare_OrdersDigitRunsByValue(string a, string b, int sign) =>
            Assert.Equal(sign, Math.Sign(CompiledModel.NaturalCompare(a, b)));
    }
}
