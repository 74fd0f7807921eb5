using System;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Training versus inference (RReLU: random slopes in training, their mean at inference; seeded and deterministic)
    /// and the allocation-free hot paths of models built from the new activations.
    /// </summary>
    public class ActivationRuntimeTests
    {
        private const float Lower = 0.125f, Upper = 1f / 3f;

        private static RReluProbeNet Probe(int seed, float secondKernel)
        {
            var model = new RReluProbeNet(seed);
            model.WriteParameter("dense.kernel", Enumerable.Repeat(-1f, 32).ToArray());
            model.WriteParameter("dense_1.kernel", Enumerable.Repeat(secondKernel, 32).ToArray());
            return model;
        }

        /// <summary>The 32 slopes of one training pass (see <see cref="RReluProbeNet"/>).</summary>
        private static float[] TrainingSlopes(RReluProbeNet model)
        {
            model.ComputeGradients(new[] { 1f }, new[] { 1f });
            return model.ReadGradient("dense_1.kernel").Select(g => g / 2f).ToArray();
        }

        [Fact]
        public void RRelu_Inference_UsesTheMeanSlope()
        {
            using RReluProbeNet model = Probe(seed: 1, secondKernel: 1f);
            var output = new float[1];
            model.Predict(new[] { 1f }, output);
            Assert.Equal(-32 * (Lower + Upper) / 2, output[0], 4);
            TrainingSlopes(model); // a training pass in between changes nothing at inference
            model.Predict(new[] { 1f }, output);
            Assert.Equal(-32 * (Lower + Upper) / 2, output[0], 4);
        }

        [Fact]
        public void RRelu_TrainingSlopes_AreInRangeAndVary()
        {
            using RReluProbeNet model = Probe(seed: 1, secondKernel: 0f);
            float[] all = Enumerable.Range(0, 20).SelectMany(_ => TrainingSlopes(model)).ToArray();
            Assert.All(all, s => Assert.InRange(s, Lower - 1e-6f, Upper + 1e-6f));
            Assert.True(all.Distinct().Count() > all.Length * 9 / 10, "slopes should be drawn per element");
            Assert.InRange(all.Average(), (Lower + Upper) / 2 - 0.01, (Lower + Upper) / 2 + 0.01); // 640 uniform draws
            Assert.True(all.Min() < Lower + 0.02 && all.Max() > Upper - 0.02, "the draws should cover the range");
        }

        [Fact]
        public void RRelu_TrainingSlopes_AreDeterministicForASeed_AndFreshEachPass()
        {
            using RReluProbeNet a = Probe(seed: 7, secondKernel: 0f), b = Probe(seed: 7, secondKernel: 0f), c = Probe(seed: 8, secondKernel: 0f);
            float[] a1 = TrainingSlopes(a), a2 = TrainingSlopes(a);
            Assert.Equal(a1, TrainingSlopes(b));
            Assert.Equal(a2, TrainingSlopes(b));
            Assert.NotEqual(a1, a2);               // each training pass draws anew
            Assert.NotEqual(a1, TrainingSlopes(c)); // another seed, other draws
            Assert.Equal(2, a.TrainingForwardPasses);
        }

        [Fact]
        public void EveryActivation_TrainsAndStaysFinite()
        {
            using var model = new ActEverythingNet(seed: 2);
            var rng = new Random(3);
            float[] x = Enumerable.Range(0, 64 * model.InputSize).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            int[] y = Enumerable.Range(0, 64).Select(i => (int)(Math.Abs(x[i * model.InputSize] + x[i * model.InputSize + 1]) * 5) % 10).ToArray();
            History history = model.Fit(x, y, epochs: 15, batchSize: 16, verbose: false);
            Assert.All(history.Loss, l => Assert.True(float.IsFinite(l)));
            Assert.True(history.Loss[^1] < history.Loss[0], $"loss {history.Loss[0]} -> {history.Loss[^1]}");
            Assert.NotEqual(0f, model.ReadParameter("dense_1.alpha").Select(Math.Abs).Max()); // PReLU's alpha learned from 0
        }

        [Fact]
        public void LearnedActivationTensors_AreSavedAndLoaded()
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"modelgen-activations-{Guid.NewGuid():N}.safetensors");
            try
            {
                using var trained = new ActEverythingNet(seed: 4);
                trained.WriteParameter("dense_1.alpha", Enumerable.Range(0, 24).Select(i => 0.01f * i - 0.1f).ToArray());
                trained.WriteParameter("dense_3.beta", new[] { 1.25f });
                trained.Save(path);
                using var loaded = new ActEverythingNet(seed: 5);
                loaded.Load(path);
                Assert.Equal(trained.ReadParameter("dense_1.alpha"), loaded.ReadParameter("dense_1.alpha"));
                Assert.Equal(new[] { 1.25f }, loaded.ReadParameter("dense_3.beta"));
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        // ---- Allocations ----

        private static long AllocatedBy(Action action, int calls)
        {
            for (int i = 0; i < 50; i++) action();
            long smallest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && smallest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < calls; i++) action();
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return smallest;
        }

        [Fact]
        public void PredictAndTrain_EveryActivation_AllocateNothing()
        {
            using var model = new ActEverythingNet(seed: 1);
            var rng = new Random(4);
            float[] input = Enumerable.Range(0, model.InputSize).Select(_ => (float)rng.NextDouble()).ToArray();
            float[] output = new float[model.OutputSize];
            float[] inputs = Enumerable.Range(0, 40 * model.InputSize).Select(_ => (float)rng.NextDouble()).ToArray();
            float[] outputs = new float[40 * model.OutputSize];
            int[] labels = Enumerable.Range(0, 40).Select(i => i % 10).ToArray();
            Assert.Equal(0, AllocatedBy(() => model.Predict(input, output), 200));
            Assert.Equal(0, AllocatedBy(() => model.PredictBatch(inputs, outputs), 20));
            Assert.Equal(0, AllocatedBy(() => model.TrainBatch(inputs, labels), 20));
            Assert.Equal(0, AllocatedBy(() => model.ComputeGradients(inputs, labels), 20));
        }

        [Fact]
        public void PredictAndTrain_RegisterActivations_AllocateNothing()
        {
            using var model = new ActWideChainNet(seed: 1);
            var rng = new Random(5);
            float[] input = Enumerable.Range(0, model.InputSize).Select(_ => (float)rng.NextDouble()).ToArray();
            float[] output = new float[model.OutputSize];
            float[] inputs = Enumerable.Range(0, 12 * model.InputSize).Select(_ => (float)rng.NextDouble()).ToArray();
            float[] targets = Enumerable.Range(0, 12 * model.OutputSize).Select(_ => (float)rng.NextDouble()).ToArray();
            Assert.Equal(0, AllocatedBy(() => model.Predict(input, output), 200));
            Assert.Equal(0, AllocatedBy(() => model.TrainBatch(inputs, targets), 20));
        }
    }
}
