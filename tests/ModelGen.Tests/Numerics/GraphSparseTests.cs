using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Integer-label outputs (sparse categorical cross-entropy) and per-output Huber deltas of functional models:
    /// against PyTorch (Fixtures/graph_sparse.json from make_graph_sparse.py: losses, every gradient, metrics and three
    /// optimizer steps), finite differences, sparse accuracy counted by hand, the packed label column and its checks,
    /// the typed Fit with int[] labels on a real (synthetic, separable) task, and the base class's int[] overloads for
    /// a model whose only output is sparse. Run with DOTNET_EnableAVX512F=0 for AVX2.
    /// </summary>
    public class GraphSparseTests
    {
        private static JsonElement Fixture(string name)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "graph_sparse.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty(name).Clone();
        }

        private static float[] Data(JsonElement tensor) => tensor.GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

        private static int[] Labels(JsonElement labels) => labels.EnumerateArray().Select(e => e.GetInt32()).ToArray();

        private static T Load<T>(T model, JsonElement f) where T : CompiledModel
        {
            foreach (JsonProperty p in f.GetProperty("initial").EnumerateObject()) model.WriteParameter(p.Name, Data(p.Value));
            return model;
        }

        private static float[] ProbsTargets(JsonElement f) =>
            SparseProbNet.PackTargets(Data(f.GetProperty("targets").GetProperty("reg")), Labels(f.GetProperty("targets").GetProperty("cls")));

        private static float[] LogitsTargets(JsonElement f) =>
            SparseLogitsNet.PackTargets(Labels(f.GetProperty("targets").GetProperty("cls")), Data(f.GetProperty("targets").GetProperty("reg")));

        private static float[] HuberTargets(JsonElement f) =>
            HuberDeltaNet.PackTargets(Data(f.GetProperty("targets").GetProperty("narrow")), Data(f.GetProperty("targets").GetProperty("wide")));

        /// <summary>Loss, every gradient, each output's loss and metric (EvaluateMetrics), then three optimizer steps, all against the fixture.</summary>
        private static void AssertMatchesFixture(CompiledModel model, JsonElement f, float[] x, float[] t)
        {
            float loss = model.ComputeGradients(x, t);
            Tolerance.AssertClose(f.GetProperty("losses").GetProperty("loss").GetDouble(), loss, Tolerance.Reference, Tolerance.ReferenceFloor, "weighted loss");
            foreach (JsonProperty g in f.GetProperty("gradients").EnumerateObject())
            {
                Tolerance.AssertClose(Data(g.Value), model.ReadGradient(g.Name), Tolerance.Reference, Tolerance.ReferenceFloor, g.Name + " gradient");
            }
            Dictionary<string, float> evaluated = model.EvaluateMetrics(x, t, batchSize: 5);
            foreach (JsonProperty l in f.GetProperty("losses").EnumerateObject())
            {
                Tolerance.AssertClose(l.Value.GetDouble(), evaluated[l.Name], Tolerance.Reference, Tolerance.ReferenceFloor, l.Name);
            }
            foreach (JsonProperty m in f.GetProperty("metrics").EnumerateObject().Where(m => !m.Name.EndsWith("_outside", StringComparison.Ordinal)))
            {
                Tolerance.AssertClose(m.Value.GetDouble(), evaluated[m.Name], Tolerance.Reference, Tolerance.ReferenceFloor, m.Name);
            }

            double[] stepLosses = f.GetProperty("step_losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (int s = 0; s < stepLosses.Length; s++)
            {
                Tolerance.AssertClose(stepLosses[s], model.TrainBatch(x, t), Tolerance.Reference, Tolerance.ReferenceFloor, $"loss before step {s + 1}");
            }
            foreach (JsonProperty p in f.GetProperty("steps").EnumerateObject())
            {
                Tolerance.AssertClose(Data(p.Value), model.ReadParameter(p.Name), Tolerance.Reference, Tolerance.ReferenceFloor, p.Name + $" after {stepLosses.Length} steps");
            }
        }

        [Fact]
        public void SparseOnProbabilities_LossGradientsMetricsAndSteps_MatchPyTorch()
        {
            JsonElement f = Fixture("sparse_probs");
            using SparseProbNet model = Load(new SparseProbNet(1), f);
            float[] x = Data(f.GetProperty("inputs"));
            float[] t = ProbsTargets(f);
            Assert.Equal(3, model.Layout.TargetSize); // reg's 2 columns, then cls's class index
            Assert.Equal(6, model.OutputSize);
            AssertMatchesFixture(model, f, x, t);
        }

        [Fact]
        public void SparseFromLogits_LossGradientsMetricsAndSteps_MatchPyTorch()
        {
            JsonElement f = Fixture("sparse_logits");
            using SparseLogitsNet model = Load(new SparseLogitsNet(1), f);
            float[] x = Data(f.GetProperty("inputs"));
            AssertMatchesFixture(model, f, x, LogitsTargets(f));
        }

        [Fact]
        public void HuberDeltaPerOutput_LossGradientsAndSteps_MatchPyTorchHuberLoss()
        {
            JsonElement f = Fixture("huber");
            Assert.InRange(f.GetProperty("metrics").GetProperty("narrow_outside").GetDouble(), 0.1, 0.9); // both sides of delta 0.5
            Assert.InRange(f.GetProperty("metrics").GetProperty("wide_outside").GetDouble(), 0.1, 0.9);   // and of delta 2.5
            using HuberDeltaNet model = Load(new HuberDeltaNet(1), f);
            AssertMatchesFixture(model, f, Data(f.GetProperty("inputs")), HuberTargets(f));
        }

        [Fact]
        public void SparseOutputs_GradientsMatchFiniteDifferences()
        {
            foreach (string name in new[] { "sparse_probs", "sparse_logits", "huber" })
            {
                JsonElement f = Fixture(name);
                using CompiledModel model = name switch
                {
                    "sparse_probs" => Load(new SparseProbNet(1), f),
                    "sparse_logits" => Load(new SparseLogitsNet(1), f),
                    _ => Load(new HuberDeltaNet(1), f),
                };
                float[] x = Data(f.GetProperty("inputs"));
                float[] t = name switch { "sparse_probs" => ProbsTargets(f), "sparse_logits" => LogitsTargets(f), _ => HuberTargets(f) };
                string[] tensors = f.GetProperty("gradients").EnumerateObject().Select(p => p.Name).ToArray();
                model.ComputeGradients(x, t);
                var gradients = tensors.ToDictionary(n => n, n => model.ReadGradient(n));
                foreach (string tensor in tensors)
                {
                    float[] numeric = CentralDifferences.Of(model, tensor, x, t, 1e-2f);
                    Tolerance.AssertClose(numeric, gradients[tensor], Tolerance.FiniteDifference, Tolerance.FiniteDifferenceFloor, $"{name} {tensor} gradient vs finite differences");
                    Assert.True(numeric.Max(Math.Abs) > 3 * Tolerance.FiniteDifferenceFloor, $"{name} {tensor}: gradients too small for the check to bite");
                }
            }
        }

        [Fact]
        public void SparseAccuracy_CountsArgmaxEqualToLabel()
        {
            JsonElement f = Fixture("sparse_probs");
            using SparseProbNet model = Load(new SparseProbNet(1), f);
            float[] x = Data(f.GetProperty("inputs"));
            int[] labels = Labels(f.GetProperty("targets").GetProperty("cls"));
            // By hand: the predicted class of each sample from PredictBatch (cls's 4 probabilities follow reg's 2 columns).
            float[] rows = model.PredictBatch(x);
            int hits = 0;
            for (int n = 0; n < labels.Length; n++)
            {
                int best = 0;
                for (int j = 1; j < 4; j++) if (rows[n * 6 + 2 + j] > rows[n * 6 + 2 + best]) best = j;
                if (best == labels[n]) hits++;
            }
            Assert.InRange(hits, 1, labels.Length - 1); // neither all right nor all wrong: the count is informative
            Dictionary<string, float> evaluated = model.EvaluateMetrics(x, ProbsTargets(f), batchSize: 7);
            Assert.Equal((double)hits / labels.Length, evaluated["cls_accuracy"], 6);

            // Moving one label onto the predicted class adds exactly one hit.
            int wrong = Enumerable.Range(0, labels.Length).First(n => Enumerable.Range(0, 4).OrderByDescending(j => rows[n * 6 + 2 + j]).First() != labels[n]);
            labels[wrong] = Enumerable.Range(0, 4).OrderByDescending(j => rows[wrong * 6 + 2 + j]).First();
            float[] t = SparseProbNet.PackTargets(Data(f.GetProperty("targets").GetProperty("reg")), labels);
            Assert.Equal((double)(hits + 1) / labels.Length, model.EvaluateMetrics(x, t)["cls_accuracy"], 6);
        }

        [Fact]
        public void PackTargets_StoresTheClassIndexInOneColumnAndChecksIt()
        {
            float[] reg = { 1f, 2f, 3f, 4f };
            float[] packed = SparseProbNet.PackTargets(reg, new[] { 3, 0 });
            Assert.Equal(new[] { 1f, 2f, 3f, 3f, 4f, 0f }, packed);
            float[] first = SparseLogitsNet.PackTargets(new[] { 2, 1 }, reg);
            Assert.Equal(new[] { 2f, 1f, 2f, 1f, 3f, 4f }, first);

            var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => SparseProbNet.PackTargets(reg, new[] { 1, 4 }));
            Assert.Contains("'cls'", outOfRange.Message);
            Assert.Contains("sample 1", outOfRange.Message);
            Assert.Contains("4 classes", outOfRange.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => SparseProbNet.PackTargets(reg, new[] { -1, 0 }));
            Assert.Throws<ArgumentException>(() => SparseProbNet.PackTargets(reg, new[] { 1, 2, 3 }));

            // Packed rows that bypass PackTargets are checked where the loss reads them.
            using var model = new SparseProbNet(1);
            float[] x = new float[2 * 5];
            var notALabel = Assert.Throws<ArgumentOutOfRangeException>(() => model.ComputeGradients(x, new[] { 0f, 0f, 1.5f, 0f, 0f, 2f }));
            Assert.Contains("'cls'", notALabel.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.ComputeGradients(x, new[] { 0f, 0f, 4f, 0f, 0f, 2f }));
        }

        /// <summary>Three blobs in the plane, one per class; the radius target is the distance from the origin.</summary>
        private static (float[] X, int[] Labels, float[] Radius) Blobs(int count, int seed)
        {
            var rng = new Random(seed);
            var centers = new[] { (-2.0, 0.0), (2.0, 0.0), (0.0, 2.5) };
            var x = new float[count * 2];
            var labels = new int[count];
            var radius = new float[count];
            for (int n = 0; n < count; n++)
            {
                int c = n % 3;
                double px = centers[c].Item1 + (rng.NextDouble() * 2 - 1) * 0.8, py = centers[c].Item2 + (rng.NextDouble() * 2 - 1) * 0.8;
                x[n * 2] = (float)px;
                x[n * 2 + 1] = (float)py;
                labels[n] = c;
                radius[n] = (float)Math.Sqrt(px * px + py * py);
            }
            return (x, labels, radius);
        }

        [Fact]
        public void TypedFit_WithIntLabels_LearnsSeparableBlobs()
        {
            (float[] x, int[] labels, float[] radius) = Blobs(300, 5);
            (float[] testX, int[] testLabels, float[] testRadius) = Blobs(150, 6);
            using var model = new BlobsNet(3);
            History h = model.Fit(x, (labels, radius), epochs: 30, batchSize: 16, verbose: false);
            Assert.Equal(new[] { "loss", "Blob_loss", "Blob_accuracy", "Radius_loss" }, h.Series().Select(s => s.Key).Where(k => k != "learning_rate").ToArray());
            Assert.True(h.Loss[^1] < h.Loss[0] / 3, $"loss {h.Loss[0]} -> {h.Loss[^1]}");

            Dictionary<string, float> evaluated = model.EvaluateMetrics(testX, BlobsNet.PackTargets(testLabels, testRadius));
            Assert.True(evaluated["Blob_accuracy"] >= 0.98f, $"held-out accuracy {evaluated["Blob_accuracy"]}");
            Assert.True(h["Blob_accuracy"][^1] >= 0.98f, $"training accuracy {h["Blob_accuracy"][^1]}");
        }

        [Fact]
        public void OneSparseOutput_BaseIntOverloadsTrainAndEvaluate()
        {
            (float[] x, int[] labels, _) = Blobs(240, 7);
            (float[] testX, int[] testLabels, _) = Blobs(90, 8);
            using var model = new SingleSparseNet(2);
            Assert.Equal(1, model.Layout.TargetSize);
            Assert.True(model.Layout.LabelsAsTargets);

            // The int[] labels and the packed float column give the same loss and gradients.
            float fromLabels = model.ComputeGradients(x.AsSpan(0, 20), labels.AsSpan(0, 10));
            float[] kernel = model.ReadGradient("Blob.kernel");
            float fromPacked = model.ComputeGradients(x.AsSpan(0, 20), SingleSparseNet.PackTargets(labels[..10]));
            Assert.Equal(fromLabels, fromPacked);
            Assert.Equal(kernel, model.ReadGradient("Blob.kernel"));
            Assert.Throws<ArgumentOutOfRangeException>(() => model.TrainBatch(x.AsSpan(0, 4), new[] { 0, 3 }));

            History h = model.Fit(x, labels, epochs: 25, batchSize: 16, validation: (testX, testLabels), verbose: false);
            Assert.Equal(new[] { "loss", "accuracy", "val_loss", "val_accuracy" }, h.Series().Select(s => s.Key).Where(k => k != "learning_rate").ToArray());
            (float loss, float accuracy) = model.Evaluate(testX, testLabels);
            Assert.True(accuracy >= 0.98f, $"held-out accuracy {accuracy}");
            Assert.Equal(h.ValLoss[^1], loss, 5);
            Assert.Equal(h.ValAccuracy[^1], accuracy, 5);
            Assert.Equal(accuracy, model.EvaluateMetrics(testX, testLabels)["accuracy"], 6);

            // Keras' validation_split slices the labels, which then go to the target column as well.
            using var split = new SingleSparseNet(2);
            History hs = split.Fit(x, labels, epochs: 2, batchSize: 16, validationSplit: 0.25, verbose: false);
            Assert.Equal(2, hs.ValAccuracy.Count);
            Assert.Equal(split.Evaluate(x[(180 * 2)..], labels[180..]).Accuracy, hs.ValAccuracy[^1], 5);
        }

        [Fact]
        public void TrainingStepWithSparseOutputs_AllocatesNothing()
        {
            JsonElement f = Fixture("sparse_probs");
            using SparseProbNet model = Load(new SparseProbNet(1), f);
            float[] x = Data(f.GetProperty("inputs"));
            float[] t = ProbsTargets(f);
            using var single = new SingleSparseNet(1);
            float[] px = new float[12 * 2];
            int[] labels = Enumerable.Range(0, 12).Select(n => n % 3).ToArray();
            for (int warm = 0; warm < 3; warm++)
            {
                model.TrainBatch(x, t);
                single.TrainBatch(px, labels);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                model.TrainBatch(x, t);
                single.TrainBatch(px, labels);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
