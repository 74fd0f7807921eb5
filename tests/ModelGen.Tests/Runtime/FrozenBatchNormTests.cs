using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Frozen models with batch normalization (folded at compile time as the trainable model folds it for inference, or
    /// one pass with constants where it folds nowhere) and with learned activation tensors (PReLU's alpha, a learned
    /// Swish beta), docs/embedding.md: Predict equals the trainable twin's Predict after Load of the same file, bit for
    /// bit, and matches PyTorch in eval mode (Fixtures/make_frozen_bn.py, frozen_bn.json).
    /// </summary>
    public class FrozenBatchNormTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public FrozenBatchNormTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        /// <summary>The largest |a - e| / max(|e|, 1e-6), reported with the check (for the docs' figures).</summary>
        private void ReportError(float[] expected, float[] actual, string what)
        {
            double worst = expected.Select((e, i) => Math.Abs((double)actual[i] - e) / Math.Max(Math.Abs((double)e), 1e-6)).Max();
            _output.WriteLine($"{what}: max relative error {worst:E2}");
            Console.WriteLine($"{what}: max relative error {worst:E2}");
        }

        private static string WeightsPath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "frozen", name);

        private static (float[] Inputs, float[] Outputs) Fixture(string model)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "frozen_bn.json")));
            JsonElement m = doc.RootElement.GetProperty("models").GetProperty(model);
            float[] Read(string name) => m.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
            return (Read("inputs"), Read("outputs"));
        }

        private static float[] PredictEach(Action<float[], float[]> predict, float[] inputs, int inputSize, int outputSize)
        {
            var outputs = new float[inputs.Length / inputSize * outputSize];
            for (int i = 0; i < inputs.Length / inputSize; i++)
            {
                var o = new float[outputSize];
                predict(inputs.AsSpan(i * inputSize, inputSize).ToArray(), o);
                o.CopyTo(outputs, i * outputSize);
            }
            return outputs;
        }

        private static void AssertBitwiseEqual(float[] expected, float[] actual, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                    Assert.Fail($"{what}: element {i} differs: trainable {expected[i]:R}, frozen {actual[i]:R}");
            }
        }

        private static void AssertEqualsTrainable(CompiledModel trainable, FrozenModel frozen, float[] inputs, string what)
        {
            int inputSize = frozen.InputSize, outputSize = frozen.OutputSize;
            float[] expected = PredictEach((x, o) => trainable.Predict(x, o), inputs, inputSize, outputSize);
            float[] actual = PredictEach((x, o) => frozen.Predict(x, o), inputs, inputSize, outputSize);
            AssertBitwiseEqual(expected, actual, what + " Predict");
            trainable.Threads = 1;
            AssertBitwiseEqual(trainable.PredictBatch(inputs), frozen.PredictBatchArray(inputs), what + " PredictBatch");
        }

        [Fact]
        public void BnChain_PyTorchFile_PredictEqualsTrainableAfterLoad_Bitwise()
        {
            (float[] inputs, _) = Fixture("bn_chain");
            using var frozen = new FrozenBnChain();
            using var trainable = new TrainableBnChain(seed: 3);
            trainable.Load(WeightsPath("bn_chain.safetensors"));
            AssertEqualsTrainable(trainable, frozen, inputs, "FrozenBnChain");
        }

        [Fact]
        public void BnChain_MatchesPyTorchEval()
        {
            (float[] inputs, float[] outputs) = Fixture("bn_chain");
            using var frozen = new FrozenBnChain();
            ReportError(outputs, frozen.PredictBatchArray(inputs), "FrozenBnChain vs PyTorch");
            Tolerance.AssertClose(outputs, frozen.PredictBatchArray(inputs), Tolerance.Reference, Tolerance.ReferenceFloor, "FrozenBnChain vs PyTorch");
        }

        /// <summary>The trainable model without folding (its unfolded inference pass) agrees too: folding is exact up to rounding.</summary>
        [Fact]
        public void BnChain_MatchesTrainableUnfolded_1e6()
        {
            (float[] inputs, _) = Fixture("bn_chain");
            using var frozen = new FrozenBnChain();
            using var trainable = new TrainableBnChain(seed: 3);
            trainable.Load(WeightsPath("bn_chain.safetensors"));
            trainable.FoldBatchNormalization = false;
            ReportError(trainable.PredictBatch(inputs), frozen.PredictBatchArray(inputs), "FrozenBnChain vs unfolded trainable");
            Tolerance.AssertClose(trainable.PredictBatch(inputs), frozen.PredictBatchArray(inputs), 1e-6, 1e-6, "FrozenBnChain vs unfolded trainable");
        }

        /// <summary>
        /// A file the trainable model's Save wrote after training (Keras names, moving statistics moved away from 0 and 1):
        /// compiled in, it predicts what the trainable model predicts after Load, bit for bit.
        /// </summary>
        [Fact]
        public void BnTrained_SavedByTrainableModel_PredictEqualsTrainableAfterLoad_Bitwise()
        {
            (float[] inputs, _) = Fixture("bn_chain");
            using var frozen = new FrozenBnTrained();
            using var trainable = new TrainableBnChain(seed: 5);
            trainable.Load(WeightsPath("bn_trained.safetensors"));
            AssertEqualsTrainable(trainable, frozen, inputs, "FrozenBnTrained");
        }

        /// <summary>
        /// Writes Fixtures/frozen/bn_trained.safetensors: TrainableBnChain, seed 42, trained 3 epochs on a fixed
        /// regression problem, then Save. Run only on request (the file is committed):
        /// MODELGEN_WRITE_FROZEN_BN=path/to/tests/ModelGen.Tests/Fixtures/frozen dotnet test --filter WriteTrainedFile
        /// </summary>
        [Fact]
        public void WriteTrainedFile()
        {
            string? folder = Environment.GetEnvironmentVariable("MODELGEN_WRITE_FROZEN_BN");
            if (string.IsNullOrEmpty(folder)) return;
            var random = new Random(7);
            int n = 256;
            float[] x = Enumerable.Range(0, n * 20).Select(_ => (float)(random.NextDouble() * 4 - 1)).ToArray();
            float[] y = new float[n * 3];
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < 3; k++) y[i * 3 + k] = (float)Math.Sin(x[i * 20 + k] + 0.5 * x[i * 20 + k + 3]) + 2f;
            }
            using var model = new TrainableBnChain(seed: 42);
            model.Fit(x, y, epochs: 3, batchSize: 32, verbose: false);
            model.Save(Path.Combine(folder, "bn_trained.safetensors"));
        }

        [Fact]
        public void LearnedActivations_PredictEqualsTrainableAfterLoad_Bitwise()
        {
            (float[] inputs, _) = Fixture("learned_acts");
            using var frozen = new FrozenLearnedActivations();
            using var trainable = new TrainableLearnedActivations(seed: 3);
            trainable.Load(WeightsPath("learned_acts.safetensors"));
            AssertEqualsTrainable(trainable, frozen, inputs, "FrozenLearnedActivations");
        }

        [Fact]
        public void LearnedActivations_MatchPyTorch()
        {
            (float[] inputs, float[] outputs) = Fixture("learned_acts");
            using var frozen = new FrozenLearnedActivations();
            ReportError(outputs, frozen.PredictBatchArray(inputs), "FrozenLearnedActivations vs PyTorch");
            Tolerance.AssertClose(outputs, frozen.PredictBatchArray(inputs), Tolerance.Reference, Tolerance.ReferenceFloor, "FrozenLearnedActivations vs PyTorch");
        }

        [Fact]
        public void Predict_AllocatesNothing()
        {
            using var bn = new FrozenBnChain();
            using var acts = new FrozenLearnedActivations();
            float[] x20 = new float[20], x10 = new float[10], o3 = new float[3];
            float[] batch = new float[40 * 20], batchOut = new float[40 * 3];
            Action calls = () =>
            {
                bn.Predict(x20, o3);
                bn.PredictBatch(batch, batchOut);
                acts.Predict(x10, o3);
            };
            for (int i = 0; i < 50; i++) calls();
            long smallest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && smallest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++) calls();
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            Assert.Equal(0, smallest);
        }
    }
}
