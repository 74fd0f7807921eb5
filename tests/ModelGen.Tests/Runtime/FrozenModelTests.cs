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
    /// [FrozenWeights] models (docs/embedding.md): Predict equals the trainable twin's Predict after Load of the same
    /// file, bit for bit (the same kernels in the same order), and both match PyTorch (Fixtures/frozen.json); the frozen
    /// model allocates nothing per prediction.
    /// </summary>
    public class FrozenModelTests
    {
        private static string WeightsPath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "frozen", name);

        private static (float[] Inputs, float[] Outputs) Fixture(string model)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "frozen.json")));
            JsonElement m = doc.RootElement.GetProperty("models").GetProperty(model);
            float[] Read(string name) => m.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
            return (Read("inputs"), Read("outputs"));
        }

        private static float[] PredictEach(Func<ReadOnlySpan<float>, float[]> predict, float[] inputs, int inputSize)
        {
            int n = inputs.Length / inputSize;
            return Enumerable.Range(0, n).SelectMany(i => predict(inputs.AsSpan(i * inputSize, inputSize))).ToArray();
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

        [Fact]
        public void SmallUnrolled_PredictEqualsTrainableAfterLoad_Bitwise()
        {
            (float[] inputs, _) = Fixture("small");
            using var frozen = new FrozenSmall();
            using var trainable = new TrainableSmall(seed: 1);
            trainable.Load(WeightsPath("small.safetensors"));
            float[] expected = PredictEach(x => { var o = new float[3]; trainable.Predict(x, o); return o; }, inputs, 4);
            float[] actual = PredictEach(x => { var o = new float[3]; frozen.Predict(x, o); return o; }, inputs, 4);
            AssertBitwiseEqual(expected, actual, "FrozenSmall");
        }

        [Fact]
        public void SmallUnrolled_MatchesPyTorch()
        {
            (float[] inputs, float[] outputs) = Fixture("small");
            using var frozen = new FrozenSmall();
            float[] actual = PredictEach(x => { var o = new float[3]; frozen.Predict(x, o); return o; }, inputs, 4);
            Tolerance.AssertClose(outputs, actual, Tolerance.Reference, Tolerance.ReferenceFloor, "FrozenSmall vs PyTorch");
        }

        [Fact]
        public void ActivationsThatKeepZ_PredictEqualsTrainableAfterLoad_Bitwise_AndMatchPyTorch()
        {
            (float[] inputs, float[] outputs) = Fixture("zacts");
            using var frozen = new FrozenZActivations();
            using var trainable = new TrainableZActivations(seed: 1);
            trainable.Load(WeightsPath("zacts.safetensors"));
            float[] expected = PredictEach(x => { var o = new float[4]; trainable.Predict(x, o); return o; }, inputs, 40);
            float[] actual = PredictEach(x => { var o = new float[4]; frozen.Predict(x, o); return o; }, inputs, 40);
            AssertBitwiseEqual(expected, actual, "FrozenZActivations");
            Tolerance.AssertClose(outputs, actual, Tolerance.Reference, Tolerance.ReferenceFloor, "FrozenZActivations vs PyTorch");
        }

        [Fact]
        public void F64Weights_ConvertToTheSameModel()
        {
            (float[] inputs, _) = Fixture("small");
            using var f32 = new FrozenSmall();
            using var f64 = new FrozenSmallF64();
            AssertBitwiseEqual(f32.PredictBatchArray(inputs), f64.PredictBatchArray(inputs), "F64 file");
        }

        [Fact]
        public void FashionSized_PredictEqualsTrainableAfterLoad_Bitwise()
        {
            (float[] inputs, _) = Fixture("mlp");
            using var frozen = new FrozenMlp();
            using var trainable = new TrainableMlp(seed: 1);
            trainable.Load(WeightsPath("mlp.safetensors"));
            float[] expected = PredictEach(x => { var o = new float[10]; trainable.Predict(x, o); return o; }, inputs, 784);
            float[] actual = PredictEach(x => { var o = new float[10]; frozen.Predict(x, o); return o; }, inputs, 784);
            AssertBitwiseEqual(expected, actual, "FrozenMlp Predict");
            // A batch runs the multi-row micro-kernels: still the trainable model's arithmetic (one thread here).
            trainable.Threads = 1;
            AssertBitwiseEqual(trainable.PredictBatch(inputs), frozen.PredictBatchArray(inputs), "FrozenMlp PredictBatch");
        }

        [Fact]
        public void FashionSized_MatchesPyTorch()
        {
            (float[] inputs, float[] outputs) = Fixture("mlp");
            using var frozen = new FrozenMlp();
            Tolerance.AssertClose(outputs, frozen.PredictBatchArray(inputs), Tolerance.Reference, Tolerance.ReferenceFloor, "FrozenMlp vs PyTorch");
            Assert.Equal(Enumerable.Range(0, 5).Select(i => ArgMax(outputs.AsSpan(i * 10, 10))), Enumerable.Range(0, 5).Select(i => frozen.PredictClass(inputs.AsSpan(i * 784, 784))));
        }

        [Fact]
        public void Predict_AllocatesNothing()
        {
            using var small = new FrozenSmall();
            using var mlp = new FrozenMlp();
            float[] x4 = new float[4], x784 = new float[784], o3 = new float[3], o10 = new float[10];
            float[] batch = new float[40 * 784], batchOut = new float[40 * 10];
            Action calls = () =>
            {
                small.Predict(x4, o3);
                mlp.Predict(x784, o10);
                mlp.PredictClass(x784);
                mlp.PredictBatch(batch, batchOut);
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

        [Fact]
        public void FrozenClass_HasNoTrainingApi()
        {
            Type type = typeof(FrozenMlp);
            Assert.False(typeof(CompiledModel).IsAssignableFrom(type));
            string[] training = { "Fit", "Evaluate", "TrainStep", "Save", "Load", "Backward", "LearningRate" };
            Assert.Empty(type.GetMembers().Select(m => m.Name).Intersect(training));
        }

        [Fact]
        public void WrongInputLength_Throws()
        {
            using var frozen = new FrozenSmall();
            var e = Assert.Throws<ArgumentException>(() => frozen.Predict(new float[5], new float[3]));
            Assert.Contains("FrozenSmall", e.Message);
        }

        private static int ArgMax(ReadOnlySpan<float> v)
        {
            int best = 0;
            for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
            return best;
        }
    }

    internal static class FrozenModelTestExtensions
    {
        /// <summary>PredictBatch into a new array (test convenience; the model's own overload writes into a span).</summary>
        public static float[] PredictBatchArray(this FrozenModel model, float[] inputs)
        {
            var outputs = new float[inputs.Length / model.InputSize * model.OutputSize];
            model.PredictBatch(inputs, outputs);
            return outputs;
        }
    }
}
