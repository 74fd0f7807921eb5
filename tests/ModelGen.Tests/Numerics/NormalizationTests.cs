using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Keras' Normalization layer: Adapt against NumPy/PyTorch on real rows (Fixtures/normalization.json, written by
    /// make_normalization.py), the layer's forward pass against the same model without it fed pre-standardized rows,
    /// non-trainable statistics (training leaves them alone), Save/Load under Keras' names, zero allocations, finite
    /// differences through a Normalization between graph nodes. The OpenCL path: OpenCl/NormalizationOpenClTests.cs. Run with
    /// DOTNET_EnableAVX512F=0 for the AVX2 path.
    /// </summary>
    public class NormalizationTests
    {
        private static JsonElement Fixture()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "normalization.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.Clone();
        }

        private static float[] Floats(JsonElement e) =>
            (e.ValueKind == JsonValueKind.Object ? e.GetProperty("data") : e).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

        [Fact]
        public void Adapt_MatchesNumPyMeanAndPopulationVariance()
        {
            JsonElement f = Fixture();
            using var model = new NormalizedMlp(1);
            Assert.Equal(new float[11], model.ReadParameter("normalization.mean"));                       // Keras: starts at 0
            Assert.Equal(Enumerable.Repeat(1f, 11).ToArray(), model.ReadParameter("normalization.variance")); // and 1
            model.Adapt(Floats(f.GetProperty("rows")));
            Tolerance.AssertClose(Floats(f.GetProperty("mean")), model.ReadParameter("normalization.mean"), Tolerance.Reference, Tolerance.ReferenceFloor, "mean");
            Tolerance.AssertClose(Floats(f.GetProperty("variance")), model.ReadParameter("normalization.variance"), Tolerance.Reference, Tolerance.ReferenceFloor, "variance");
            Assert.Equal(0f, model.ReadParameter("normalization.variance")[10]); // the constant feature

            // The typed method of the layer does the same.
            using var other = new NormalizedMlp(1);
            other.AdaptNormalization(Floats(f.GetProperty("rows")));
            Assert.Equal(model.ReadParameter("normalization.variance"), other.ReadParameter("normalization.variance"));
            Assert.Throws<ArgumentException>(() => other.Adapt(new float[12]));
        }

        /// <summary>Copies the Dense tensors of <paramref name="from"/> into a model without the layer.</summary>
        private static UnnormalizedMlp Without(NormalizedMlp from)
        {
            var plain = new UnnormalizedMlp(2);
            foreach (string name in new[] { "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias" }) plain.WriteParameter(name, from.ReadParameter(name));
            return plain;
        }

        [Fact]
        public void Predict_EqualsTheModelWithoutTheLayerOnStandardizedRows()
        {
            JsonElement f = Fixture();
            float[] rows = Floats(f.GetProperty("rows")), standardized = Floats(f.GetProperty("normalized"));
            using var model = new NormalizedMlp(3);
            model.WriteParameter("dense.bias", Enumerable.Range(0, 8).Select(i => 0.1f * i - 0.3f).ToArray());
            model.Adapt(rows);
            using UnnormalizedMlp plain = Without(model);
            float[] expected = plain.PredictBatch(standardized), actual = model.PredictBatch(rows);
            Tolerance.AssertClose(expected, actual, Tolerance.Reference, Tolerance.ReferenceFloor, "Predict with the layer vs standardized rows");
            var one = new float[1];
            for (int n = 0; n < 64; n += 9)
            {
                model.Predict(rows.AsSpan(n * 11, 11), one);
                Tolerance.AssertClose(expected[n], one[0], Tolerance.Reference, Tolerance.ReferenceFloor, $"Predict row {n}");
            }
        }

        [Fact]
        public void Training_LeavesTheStatisticsAloneAndMatchesTheModelWithoutTheLayer()
        {
            JsonElement f = Fixture();
            float[] rows = Floats(f.GetProperty("rows")), standardized = Floats(f.GetProperty("normalized"));
            float[] y = Enumerable.Range(0, 64).Select(n => standardized[n * 11 + 2] * 0.5f - standardized[n * 11 + 8]).ToArray();
            using var model = new NormalizedMlp(4);
            model.Adapt(rows);
            float[] mean = model.ReadParameter("normalization.mean"), variance = model.ReadParameter("normalization.variance");
            using UnnormalizedMlp plain = Without(model);
            for (int step = 0; step < 5; step++)
            {
                float a = model.TrainBatch(rows, y), b = plain.TrainBatch(standardized, y);
                Tolerance.AssertClose(b, a, 1e-4, 1e-6, $"loss at step {step}");
            }
            Assert.Equal(mean, model.ReadParameter("normalization.mean"));
            Assert.Equal(variance, model.ReadParameter("normalization.variance"));
            Assert.Equal(new float[11], model.ReadGradient("normalization.mean"));
            Tolerance.AssertClose(plain.ReadParameter("dense.kernel"), model.ReadParameter("dense.kernel"), 1e-4, 1e-6, "kernel after 5 Adam steps");
        }

        [Fact]
        public void SaveLoad_RoundTripsTheStatisticsUnderKerasNames()
        {
            JsonElement f = Fixture();
            float[] rows = Floats(f.GetProperty("rows"));
            string path = Path.Combine(Path.GetTempPath(), $"modelgen-norm-{Guid.NewGuid():N}.safetensors");
            try
            {
                using var model = new NormalizedMlp(5);
                model.Adapt(rows);
                model.Save(path);
                Assert.Contains("normalization.mean", SafeTensors.Read(path).Keys);
                Assert.Contains("normalization.variance", SafeTensors.Read(path).Keys);
                using var loaded = new NormalizedMlp(6);
                loaded.Load(path);
                Assert.Equal(model.ReadParameter("normalization.mean"), loaded.ReadParameter("normalization.mean"));
                Assert.Equal(model.ReadParameter("normalization.variance"), loaded.ReadParameter("normalization.variance"));
                Assert.Equal(model.PredictBatch(rows), loaded.PredictBatch(rows));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void FlattenThenNormalize_BothVectorPathsAndTailsAgreeWithScalarMath()
        {
            var rng = new Random(8);
            float[] x = Enumerable.Range(0, 10 * 37).Select(_ => (float)(rng.NextDouble() * 20 - 5)).ToArray();
            using var model = new FlattenedNormalizedNet(1);
            model.AdaptScaler(x);
            float[] mean = model.ReadParameter("scaler.mean"), variance = model.ReadParameter("scaler.variance");
            float[] standardized = x.Select((v, i) => (v - mean[i % 37]) / MathF.Max(MathF.Sqrt(variance[i % 37]), 1e-7f)).ToArray();
            float[] k = model.ReadParameter("dense.kernel"), b = model.ReadParameter("dense.bias");
            float[] actual = model.PredictBatch(x);
            for (int n = 0; n < 10; n++)
            {
                for (int u = 0; u < 3; u++)
                {
                    double z = b[u];
                    for (int j = 0; j < 37; j++) z += standardized[n * 37 + j] * k[j * 3 + u];
                    Tolerance.AssertClose(1 / (1 + Math.Exp(-z)), actual[n * 3 + u], Tolerance.Reference, Tolerance.ReferenceFloor, $"row {n} unit {u}");
                }
            }
        }

        [Fact]
        public void Graph_GradientsThroughANormalizationMatchFiniteDifferences()
        {
            var rng = new Random(12);
            const int Count = 6;
            float[] wide = Enumerable.Range(0, Count * 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] deep = Enumerable.Range(0, Count * 21).Select(_ => (float)(rng.NextDouble() * 40 + 10)).ToArray();
            float[] t = NormalizedGraph.PackTargets(Enumerable.Range(0, Count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(),
                Enumerable.Range(0, Count * 2).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray());
            using var model = new NormalizedGraph(3);
            model.AdaptDeepNorm(deep);
            // The hidden statistics: any positive variances that differ from 1, so the 1/std scaling is visible.
            model.WriteParameter("HiddenNorm.mean", Enumerable.Range(0, 19).Select(i => 0.05f * i - 0.4f).ToArray());
            model.WriteParameter("HiddenNorm.variance", Enumerable.Range(0, 19).Select(i => 0.2f + 0.15f * i).ToArray());
            float[] x = NormalizedGraph.PackInputs(wide, deep);
            string[] tensors = new[] { "Hidden.kernel", "Hidden.bias", "Y.kernel", "Aux.kernel", "Aux.bias" };
            // Every analytic gradient is read before any perturbation: each finite difference leaves the gradients of a perturbed model behind.
            model.ComputeGradients(x, t);
            var gradients = tensors.ToDictionary(n => n, n => model.ReadGradient(n));
            const float H = 1e-2f;
            foreach (string name in tensors)
            {
                float[] analytic = gradients[name];
                float[] numeric = CentralDifferences.Of(model, name, x, t, H);
                Tolerance.AssertClose(numeric, analytic, Tolerance.FiniteDifference, Tolerance.FiniteDifferenceFloor, name + " gradient vs finite differences");
                Assert.True(numeric.Max(Math.Abs) > 3 * Tolerance.FiniteDifferenceFloor, $"{name}: gradients too small for the check to bite");
            }
            Assert.Equal(new float[19], model.ReadGradient("HiddenNorm.variance"));
        }

        [Fact]
        public void Graph_SummaryCountsTheStatisticsAsNonTrainable()
        {
            string summary = NormalizedGraph.Summary();
            Assert.Contains("DeepNorm (Normalization)", summary);
            Assert.Contains("non-trainable parameters: 80 (Normalization mean and variance)", summary);
        }

        [Fact]
        public void PredictAndTrainingStep_AllocateNothing()
        {
            JsonElement f = Fixture();
            float[] rows = Floats(f.GetProperty("rows")).AsSpan(0, 32 * 11).ToArray(), y = new float[32], one = new float[1];
            using var model = new NormalizedMlp(1);
            model.Adapt(rows);
            using var graph = new NormalizedGraph(1);
            float[] gx = new float[32 * 24], gt = new float[32 * 3];
            for (int warm = 0; warm < 3; warm++)
            {
                model.TrainBatch(rows, y);
                model.Predict(rows.AsSpan(0, 11), one);
                graph.TrainBatch(gx, gt);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                model.TrainBatch(rows, y);
                model.Predict(rows.AsSpan(0, 11), one);
                graph.TrainBatch(gx, gt);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
