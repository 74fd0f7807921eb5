using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// <see cref="CompiledModel.Save"/> and <see cref="CompiledModel.Load"/>: exact round trips, all-or-nothing loading
    /// with errors that name the tensor and shapes, PyTorch's <c>weight</c> layout, and a file Python can read.
    /// </summary>
    public sealed class SaveLoadTests : IDisposable
    {
        private readonly string _directory;

        public SaveLoadTests()
        {
            _directory = Path.Combine(Path.GetTempPath(), "modelgen-saveload-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private string PathOf(string name) => Path.Combine(_directory, name);

        private static float[] Inputs(int count, int size, int seed)
        {
            var rng = new Random(seed);
            var x = new float[count * size];
            for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
            return x;
        }

        /// <summary>Every parameter tensor, copied.</summary>
        private static Dictionary<string, float[]> Snapshot(CompiledModel model)
        {
            var tensors = new Dictionary<string, float[]>();
            foreach (TensorSpec t in model.Layout.Tensors) tensors[t.Name] = model.ReadParameter(t.Name);
            return tensors;
        }

        private static void AssertBitIdentical(Dictionary<string, float[]> expected, CompiledModel model)
        {
            foreach (KeyValuePair<string, float[]> t in expected)
            {
                float[] actual = model.ReadParameter(t.Key);
                Assert.Equal(t.Value.Length, actual.Length);
                for (int i = 0; i < actual.Length; i++)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(t.Value[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                        $"{t.Key}[{i}]: expected {t.Value[i]:R}, got {actual[i]:R}.");
                }
            }
        }

        /// <summary>A ClassifierNet trained a few steps, so no tensor (biases included) holds its initial value.</summary>
        private static ClassifierNet Trained(int seed)
        {
            var model = new ClassifierNet(seed);
            float[] x = Inputs(8, model.InputSize, seed);
            int[] y = { 0, 1, 2, 0, 1, 2, 0, 1 };
            for (int i = 0; i < 5; i++) model.TrainBatch(x, y);
            return model;
        }

        /// <summary>The model's tensors as SafeTensors, to write modified files from.</summary>
        private static List<SafeTensor> TensorsOf(CompiledModel model)
        {
            var list = new List<SafeTensor>();
            foreach (TensorSpec t in model.Layout.Tensors) list.Add(new SafeTensor(t.Name, "F32", (int[])t.Shape.Clone(), model.ReadParameter(t.Name)));
            return list;
        }

        // ---- Round trip ----------------------------------------------------------------------------------------

        [Fact]
        public void SaveThenLoad_IntoOtherSeed_IdenticalParametersAndPredictions()
        {
            using ClassifierNet source = Trained(seed: 1);
            string path = PathOf("classifier.safetensors");
            source.Save(path);

            using var target = new ClassifierNet(seed: 2);
            Assert.NotEqual(source.ReadParameter("dense.kernel")[0], target.ReadParameter("dense.kernel")[0]);
            target.Load(path);

            AssertBitIdentical(Snapshot(source), target);
            float[] x = Inputs(10, source.InputSize, 3);
            Assert.Equal(source.PredictBatch(x), target.PredictBatch(x));
        }

        [Fact]
        public void SaveThenLoad_LargeFlattenModel_IdenticalParametersAndPredictions()
        {
            using var source = new AllocationMlp(seed: 1);
            string path = PathOf("mlp.safetensors");
            source.Save(path);
            using var target = new AllocationMlp(seed: 2);
            target.Load(path);
            AssertBitIdentical(Snapshot(source), target);
            float[] x = Inputs(3, source.InputSize, 4);
            Assert.Equal(source.PredictBatch(x), target.PredictBatch(x));
        }

        [Fact]
        public void Save_WritesEveryTensorWithKerasNameShapeAndModelMetadata()
        {
            using ClassifierNet model = Trained(seed: 1);
            string path = PathOf("names.safetensors");
            model.Save(path);
            IReadOnlyDictionary<string, SafeTensor> file = SafeTensors.Read(path);
            Assert.Equal(model.Layout.Tensors.Length, file.Count);
            foreach (TensorSpec t in model.Layout.Tensors)
            {
                Assert.Equal("F32", file[t.Name].DType);
                Assert.Equal(t.Shape, file[t.Name].Shape);
            }
            Assert.Equal(new[] { 6, 5 }, file["dense.kernel"].Shape); // [inputs, units], as Keras
            IReadOnlyDictionary<string, string> metadata = SafeTensors.ReadMetadata(path);
            Assert.Equal("ClassifierNet", metadata["model"]);
        }

        [Fact]
        public void Load_ResetsOptimizerState()
        {
            using ClassifierNet source = Trained(seed: 1);
            string path = PathOf("reset.safetensors");
            source.Save(path);
            using ClassifierNet target = Trained(seed: 2);
            Assert.Equal(5, target.Iterations);
            target.Load(path);
            Assert.Equal(0, target.Iterations);

            // A fresh model loaded from the same file takes the very same next Adam step.
            using var fresh = new ClassifierNet(seed: 3);
            fresh.Load(path);
            float[] x = Inputs(4, 6, 9);
            int[] y = { 2, 1, 0, 2 };
            target.TrainBatch(x, y);
            fresh.TrainBatch(x, y);
            AssertBitIdentical(Snapshot(fresh), target);
        }

        // ---- Errors leave the model unchanged ------------------------------------------------------------------

        [Fact]
        public void Load_MissingTensor_ThrowsNamingTensorAndShape_ModelUnchanged()
        {
            using ClassifierNet source = Trained(seed: 1);
            List<SafeTensor> tensors = TensorsOf(source);
            tensors.RemoveAll(t => t.Name == "dense_1.bias");
            string path = PathOf("missing.safetensors");
            SafeTensors.Write(path, tensors);

            using var target = new ClassifierNet(seed: 2);
            Dictionary<string, float[]> before = Snapshot(target);
            var ex = Assert.Throws<InvalidDataException>(() => target.Load(path));
            Assert.Contains("dense_1.bias", ex.Message);
            Assert.Contains("[4]", ex.Message);
            AssertBitIdentical(before, target); // dense.kernel and dense.bias come first in the file: they must not have been copied
        }

        [Fact]
        public void Load_WrongShape_ThrowsNamingTensorAndBothShapes_ModelUnchanged()
        {
            using ClassifierNet source = Trained(seed: 1);
            List<SafeTensor> tensors = TensorsOf(source);
            int last = tensors.FindIndex(t => t.Name == "dense_2.kernel");
            // Same element count (12), other shape: only a shape check can catch it.
            tensors[last] = tensors[last] with { Shape = new[] { 3, 4 } };
            string path = PathOf("shape.safetensors");
            SafeTensors.Write(path, tensors);

            using var target = new ClassifierNet(seed: 2);
            Dictionary<string, float[]> before = Snapshot(target);
            var ex = Assert.Throws<InvalidDataException>(() => target.Load(path));
            Assert.Contains("dense_2.kernel", ex.Message);
            Assert.Contains("[3, 4]", ex.Message);
            Assert.Contains("[4, 3]", ex.Message);
            AssertBitIdentical(before, target);
        }

        [Fact]
        public void Load_TorchWeightOfWrongShape_ThrowsNamingBothShapes_ModelUnchanged()
        {
            using ClassifierNet source = Trained(seed: 1);
            List<SafeTensor> tensors = TensorsOf(source);
            int k = tensors.FindIndex(t => t.Name == "dense_1.kernel");
            // A PyTorch-named tensor in Keras' [inputs, units] layout: [5, 4] where [4, 5] is expected.
            tensors[k] = new SafeTensor("dense_1.weight", "F32", new[] { 5, 4 }, tensors[k].Data);
            string path = PathOf("torch-shape.safetensors");
            SafeTensors.Write(path, tensors);

            using var target = new ClassifierNet(seed: 2);
            Dictionary<string, float[]> before = Snapshot(target);
            var ex = Assert.Throws<InvalidDataException>(() => target.Load(path));
            Assert.Contains("dense_1.weight", ex.Message);
            Assert.Contains("[5, 4]", ex.Message);
            Assert.Contains("[4, 5]", ex.Message);
            AssertBitIdentical(before, target);
        }

        // ---- PyTorch layout ------------------------------------------------------------------------------------

        [Fact]
        public void Load_TorchStyleWeight_IsTransposedIntoKernel()
        {
            using ClassifierNet source = Trained(seed: 1);
            var tensors = new List<SafeTensor>();
            foreach (TensorSpec t in source.Layout.Tensors)
            {
                float[] data = source.ReadParameter(t.Name);
                if (t.Name.EndsWith(".kernel", StringComparison.Ordinal))
                {
                    // nn.Linear.weight is [out, in]: weight[o, i] = kernel[i, o].
                    int inputs = t.Shape[0], units = t.Shape[1];
                    var weight = new float[data.Length];
                    for (int i = 0; i < inputs; i++)
                        for (int o = 0; o < units; o++) weight[o * inputs + i] = data[i * units + o];
                    string stem = t.Name.Substring(0, t.Name.Length - ".kernel".Length);
                    tensors.Add(new SafeTensor(stem + ".weight", "F32", new[] { units, inputs }, weight));
                }
                else
                {
                    tensors.Add(new SafeTensor(t.Name, "F32", (int[])t.Shape.Clone(), data));
                }
            }
            string path = PathOf("torch.safetensors");
            SafeTensors.Write(path, tensors);

            using var target = new ClassifierNet(seed: 2);
            target.Load(path);
            AssertBitIdentical(Snapshot(source), target);
            float[] x = Inputs(6, source.InputSize, 5);
            Assert.Equal(source.PredictBatch(x), target.PredictBatch(x));
        }

        // ---- Python can read the file --------------------------------------------------------------------------

        /// <summary>
        /// Parses the file with plain Python (struct + json, as the format is specified), rebuilds the network in
        /// PyTorch from it (Linear.weight = kernel.T), and compares PyTorch's forward pass with Predict. Debian's
        /// PyTorch 1.13 has no safetensors module, hence the hand parsing. Passes vacuously without python3 + torch.
        /// </summary>
        [Fact]
        public void Save_FileReadByPythonAndTorch_GivesSamePredictions()
        {
            const string python = "/usr/bin/python3";
            if (!File.Exists(python) || Run(python, "-c \"import torch\"", out _) != 0) return; // no PyTorch here: nothing to compare with

            using ClassifierNet model = Trained(seed: 1);
            string path = PathOf("for-python.safetensors");
            model.Save(path);
            float[] x = Inputs(4, model.InputSize, 6);
            float[] expected = model.PredictBatch(x);
            string inputJson = PathOf("inputs.json");
            File.WriteAllText(inputJson, JsonSerializer.Serialize(x));
            string script = PathOf("check.py");
            File.WriteAllText(script, PythonCheck);

            int rc = Run(python, $"\"{script}\" \"{path}\" \"{inputJson}\"", out string output);
            Assert.True(rc == 0, $"python exited with {rc}:\n{output}");
            float[] actual = JsonSerializer.Deserialize<float[]>(output.Trim().Split('\n')[^1])!;
            Tolerance.AssertClose(expected, actual, Tolerance.Reference, Tolerance.ReferenceFloor, "PyTorch forward from the saved file");
        }

        private const string PythonCheck = """
            import json, struct, sys
            import torch

            path, inputs_path = sys.argv[1], sys.argv[2]
            with open(path, "rb") as f:
                blob = f.read()
            (n,) = struct.unpack("<Q", blob[:8])
            assert (8 + n) % 8 == 0, "data section not 8-byte aligned"
            header = json.loads(blob[8:8 + n].decode("utf-8"))
            data = blob[8 + n:]
            meta = header.pop("__metadata__", {})
            assert meta.get("model") == "ClassifierNet", meta
            end = 0
            tensors = {}
            for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
                begin, stop = info["data_offsets"]
                assert info["dtype"] == "F32", (name, info)
                assert begin == end, ("gap or overlap before", name)
                count = 1
                for d in info["shape"]:
                    count *= d
                assert stop - begin == 4 * count, ("size", name)
                values = struct.unpack("<%df" % count, data[begin:stop])
                tensors[name] = torch.tensor(values, dtype=torch.float64).reshape(info["shape"])
                end = stop
            assert end == len(data), "trailing bytes"

            x = torch.tensor(json.load(open(inputs_path)), dtype=torch.float64).reshape(-1, 6)
            def linear(a, layer):
                lin = torch.nn.Linear(*tensors[layer + ".kernel"].shape).double()
                with torch.no_grad():
                    lin.weight.copy_(tensors[layer + ".kernel"].T)
                    lin.bias.copy_(tensors[layer + ".bias"])
                return lin(a)
            h = torch.relu(linear(x, "dense"))
            h = torch.tanh(linear(h, "dense_1"))
            y = torch.softmax(linear(h, "dense_2"), dim=1)
            print(json.dumps([float(v) for v in y.flatten()]))
            """;

        private static int Run(string file, string arguments, out string output)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // On success the caller parses stdout alone; on failure it shows both.
            output = process.ExitCode == 0 ? stdout : stdout + stderr.Result;
            return process.ExitCode;
        }
    }
}
