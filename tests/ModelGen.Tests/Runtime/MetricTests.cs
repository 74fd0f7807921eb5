using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Declared metrics: Keras' resolution and names, each value against a direct computation from the predictions,
    /// Keras' running-mean epoch semantics in History (training metrics at each batch's pre-update weights, weighted
    /// by batch size; RMSE the root of the epoch's mean), the validation series, the progress line, and no
    /// allocation per batch.
    /// </summary>
    public class MetricTests
    {
        private static (float[] X, float[] Targets, int[] Labels) Data(CompiledModel model, int n, int seed, bool oneHot, bool binary)
        {
            var rng = new Random(seed);
            int k = model.OutputSize;
            float[] x = Enumerable.Range(0, n * model.InputSize).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            int[] labels = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            var t = new float[n * k];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    t[i * k + j] = oneHot ? (labels[i] == j ? 1f : 0f) : binary ? rng.Next(2) : (float)(rng.NextDouble() * 2 - 1);
                }
            }
            return (x, t, labels);
        }

        [Fact]
        public void Accuracy_IsResolvedAndNamedAsKerasDoes()
        {
            static string Describe(CompiledModel m) => string.Join(", ", m.Layout.Metrics.Select(s => $"{s.Name}={s.Kind}"));
            using (var m = new MetricBinary(seed: 1)) Assert.Equal("accuracy=BinaryAccuracy, mae=MeanAbsoluteError", Describe(m));
            using (var m = new MetricMultiLabel(seed: 1)) Assert.Equal("binary_accuracy=BinaryAccuracy, accuracy=CategoricalAccuracy", Describe(m));
            using (var m = new MetricCategorical(seed: 1)) Assert.Equal("accuracy=CategoricalAccuracy, categorical_accuracy=CategoricalAccuracy, mse=MeanSquaredError", Describe(m));
            using (var m = new MetricSparse(seed: 1)) Assert.Equal("sparse_categorical_accuracy=SparseCategoricalAccuracy, accuracy=SparseCategoricalAccuracy", Describe(m));
            using (var m = new MetricRegressor(seed: 1)) Assert.Equal("mae=MeanAbsoluteError, root_mean_squared_error=RootMeanSquaredError, mse=MeanSquaredError", Describe(m));
            using (var m = new LrMse(seed: 1)) Assert.Empty(m.Layout.Metrics);
        }

        /// <summary>Each metric straight from the predictions, in double, as Keras defines it.</summary>
        private static double Direct(Metric kind, float[] p, float[] t, int[]? labels, int n, int k)
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                var pi = p.AsSpan(i * k, k);
                int best = ArgMax(pi);
                switch (kind)
                {
                    case Metric.BinaryAccuracy:
                        double hits = 0;
                        for (int j = 0; j < k; j++) hits += (pi[j] > 0.5f ? 1f : 0f) == t[i * k + j] ? 1 : 0;
                        total += hits / k;
                        break;
                    case Metric.SparseCategoricalAccuracy:
                        total += best == labels![i] ? 1 : 0;
                        break;
                    case Metric.CategoricalAccuracy:
                        total += best == ArgMax(t.AsSpan(i * k, k)) ? 1 : 0;
                        break;
                    case Metric.MeanAbsoluteError:
                        for (int j = 0; j < k; j++) total += Math.Abs((double)pi[j] - t[i * k + j]) / k;
                        break;
                    default:
                        for (int j = 0; j < k; j++) total += Math.Pow((double)pi[j] - t[i * k + j], 2) / k;
                        break;
                }
            }
            double mean = total / n;
            return kind == Metric.RootMeanSquaredError ? Math.Sqrt(mean) : mean;
        }

        private static int ArgMax(ReadOnlySpan<float> v)
        {
            int best = 0;
            for (int j = 1; j < v.Length; j++) if (v[j] > v[best]) best = j;
            return best;
        }

        public static TheoryData<string> Models => new() { "regressor", "binary", "multilabel", "categorical", "sparse", "wide" };

        internal static (CompiledModel Model, bool Labels, bool OneHot, bool Binary) Create(string name) => name switch
        {
            "regressor" => (new MetricRegressor(seed: 2), false, false, false),
            "binary" => (new MetricBinary(seed: 2), false, false, true),
            "multilabel" => (new MetricMultiLabel(seed: 2), false, false, true),
            "categorical" => (new MetricCategorical(seed: 2), false, true, false),
            "sparse" => (new MetricSparse(seed: 2), true, true, false),
            "wide" => (new MetricWide(seed: 2), false, true, false),
            _ => throw new ArgumentException(name),
        };

        internal static Dictionary<string, float> Evaluate(CompiledModel m, bool labels, (float[] X, float[] Targets, int[] Labels) d, int batchSize) =>
            labels ? m.EvaluateMetrics(d.X, d.Labels, batchSize) : m.EvaluateMetrics(d.X, d.Targets, batchSize);

        [Theory]
        [MemberData(nameof(Models))]
        public void EvaluateMetrics_MatchDirectComputation(string name)
        {
            var (model, labels, oneHot, binary) = Create(name);
            using (model)
            {
                var d = Data(model, 23, 5, oneHot, binary);
                Dictionary<string, float> result = Evaluate(model, labels, d, batchSize: 7); // 3 full batches and a partial one
                float[] p = model.PredictBatch(d.X);
                Assert.Equal(new[] { "loss" }.Concat(model.Layout.Metrics.Select(s => s.Name)), result.Keys);
                foreach (MetricSpec s in model.Layout.Metrics)
                {
                    double expected = Direct(s.Kind, p, d.Targets, d.Labels, 23, model.OutputSize);
                    Numerics.Tolerance.AssertClose(expected, result[s.Name], 1e-6, 1e-7, $"{name} {s.Name}");
                }
                float loss = labels ? model.Evaluate(d.X, d.Labels, 7).Loss : model.Evaluate(d.X, d.Targets, 7);
                Assert.Equal(loss, result["loss"]);
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Fit_HistoryHoldsKerasRunningMeans(string name)
        {
            var (model, labels, oneHot, binary) = Create(name);
            var (twin, _, _, _) = Create(name);
            using (model)
            using (twin)
            {
                var train = Data(model, 30, 6, oneHot, binary);
                var valid = Data(model, 11, 7, oneHot, binary);
                History h = labels
                    ? model.Fit(train.X, train.Labels, epochs: 1, batchSize: 8, validation: (valid.X, valid.Labels), shuffle: false, verbose: false)
                    : model.Fit(train.X, train.Targets, epochs: 1, batchSize: 8, validation: (valid.X, valid.Targets), shuffle: false, verbose: false);

                var names = model.Layout.Metrics.Select(s => s.Name).ToList();
                Assert.Equal(names.Concat(names.Select(n => "val_" + n)).OrderBy(n => n, StringComparer.Ordinal), h.Metrics.Keys.OrderBy(n => n, StringComparer.Ordinal));
                Assert.All(h.Metrics.Values, v => Assert.Single(v));

                // The twin replays the epoch: each batch's metrics at its pre-update weights, then the step.
                var sums = new Dictionary<string, double>();
                int k = model.OutputSize, inSize = model.InputSize;
                for (int first = 0; first < 30; first += 8)
                {
                    int count = Math.Min(8, 30 - first);
                    var batch = (train.X.AsSpan(first * inSize, count * inSize).ToArray(), train.Targets.AsSpan(first * k, count * k).ToArray(), train.Labels.AsSpan(first, count).ToArray());
                    foreach (MetricSpec s in model.Layout.Metrics)
                    {
                        Metric mean = s.Kind == Metric.RootMeanSquaredError ? Metric.MeanSquaredError : s.Kind;
                        float[] p = twin.PredictBatch(batch.Item1);
                        sums[s.Name] = sums.GetValueOrDefault(s.Name) + Direct(mean, p, batch.Item2, batch.Item3, count, k) * count;
                    }
                    if (labels) twin.TrainBatch(batch.Item1, batch.Item3); else twin.TrainBatch(batch.Item1, batch.Item2);
                }
                foreach (MetricSpec s in model.Layout.Metrics)
                {
                    double mean = sums[s.Name] / 30;
                    double expected = s.Kind == Metric.RootMeanSquaredError ? Math.Sqrt(mean) : mean;
                    Numerics.Tolerance.AssertClose(expected, h[s.Name][0], 1e-5, 1e-6, $"{name} epoch {s.Name}");
                }

                // Validation metrics: the trained model evaluated on the validation data, in Fit's batches (the same
                // batches give the same bits).
                Dictionary<string, float> val = Evaluate(model, labels, valid, 8);
                foreach (string n in names) Assert.Equal(val[n], h["val_" + n][0]);
                Assert.Equal(val["loss"], h.ValLoss[0]);

                // Keras' progress line order: loss, metrics, val_loss, validation metrics.
                string line = h.FormatEpoch(0);
                var order = new[] { "loss" }.Concat(names).Concat(new[] { "val_loss" }).Concat(names.Select(n => "val_" + n)).ToList();
                Assert.Equal(string.Join(" - ", order), string.Join(" - ", line.Split(" - ").Select(part => part.Split(':')[0])));
            }
        }

        [Fact]
        public void LegacyAccuracy_IsTheDeclaredAccuracy_OrTheSparseAccuracyWithoutDeclarations()
        {
            using var sparse = new MetricSparse(seed: 3);
            var d = Data(sparse, 20, 8, true, false);
            History h = sparse.Fit(d.X, d.Labels, epochs: 2, batchSize: 5, verbose: false);
            Assert.Equal(h["accuracy"], h.Accuracy);
            Assert.Equal(h["sparse_categorical_accuracy"], h.Accuracy);

            using var plain = new LrScceSoftmax(seed: 3);
            var e = Data(plain, 12, 9, true, false);
            History hp = plain.Fit(e.X, e.Labels, epochs: 2, batchSize: 5, verbose: false);
            Assert.Empty(hp.Metrics);
            Assert.All(hp.Accuracy, a => Assert.InRange(a, 0f, 1f));
            Assert.Contains("accuracy: ", hp.FormatEpoch(0));

            using var regressor = new MetricRegressor(seed: 3);
            var r = Data(regressor, 12, 10, false, false);
            History hr = regressor.Fit(r.X, r.Targets, epochs: 1, verbose: false);
            Assert.True(float.IsNaN(hr.Accuracy[0]));
            Assert.Throws<KeyNotFoundException>(() => hr["val_mae"]);
        }

        [Fact]
        public void Evaluate_WithEveryMetricDeclared_AllocatesNothing()
        {
            using var model = new MetricWide(seed: 4);
            var d = Data(model, 40, 11, true, false);
            float loss = 0;
            for (int i = 0; i < 20; i++) loss = model.Evaluate(d.X, d.Targets, batchSize: 8);
            long smallest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && smallest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 50; i++) loss = model.Evaluate(d.X, d.Targets, batchSize: 8);
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            Assert.Equal(0, smallest);
            Assert.True(float.IsFinite(loss));
        }

        [Fact]
        public void Fit_MetricsAllocateNothingPerBatch()
        {
            // Fit allocates per call (the shuffle order, History), never per batch: ten times the batches costs only
            // the larger order array.
            using var model = new MetricWide(seed: 5);
            var small = Data(model, 16, 12, true, false);
            var large = Data(model, 160, 13, true, false);
            for (int i = 0; i < 5; i++) { model.Fit(small.X, small.Targets, 1, 4, verbose: false); model.Fit(large.X, large.Targets, 1, 4, verbose: false); }
            long Measure(float[] x, float[] y)
            {
                long smallest = long.MaxValue;
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    model.Fit(x, y, 1, 4, verbose: false);
                    smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
                }
                return smallest;
            }
            long few = Measure(small.X, small.Targets), many = Measure(large.X, large.Targets);
            Assert.InRange(many - few, 0, (160 - 16) * sizeof(int) + 64);
        }
    }
}
