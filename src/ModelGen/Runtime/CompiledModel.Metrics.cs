using System;
using System.Collections.Generic;

namespace ModelGen
{
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// The running sums of one epoch or one evaluation: Keras' metrics are each a running Mean (total / count) reset
        /// at the start of every epoch and of evaluate, so the epoch value weighs every sample once whatever the
        /// batches. The columns match the OpenCL loss kernel's metrics rows.
        /// </summary>
        private struct MetricTotals
        {
            /// <summary>Σ batch-mean loss × batch size.</summary>
            public double Loss;
            /// <summary>Σ per-sample binary-accuracy hits (mean over outputs).</summary>
            public double BinaryHits;
            /// <summary>Samples whose predicted class is right.</summary>
            public double ClassHits;
            /// <summary>Σ per-sample mean squared error.</summary>
            public double SquaredError;
            /// <summary>Σ per-sample mean absolute error.</summary>
            public double AbsoluteError;
            /// <summary>Samples seen.</summary>
            public long Count;
            /// <summary>Per-output entry sums of a functional model (<see cref="ModelLayout.OutputEntries"/>); null when it has none.</summary>
            public double[]? Entries;
        }

        /// <summary>Which metric columns the model reports: a sparse classifier always reports its accuracy.</summary>
        private bool NeedsColumn(int column)
        {
            if (column == ClassColumn && _layout.Loss == Loss.SparseCategoricalCrossEntropy) return true;
            foreach (MetricSpec m in _layout.Metrics)
            {
                if (Column(m.Kind) == column) return true;
            }
            return false;
        }

        private const int BinaryColumn = 1, ClassColumn = 2, SquaredColumn = 3, AbsoluteColumn = 4;

        private static int Column(Metric kind) => kind switch
        {
            Metric.BinaryAccuracy => BinaryColumn,
            Metric.CategoricalAccuracy or Metric.SparseCategoricalAccuracy => ClassColumn,
            Metric.MeanAbsoluteError => AbsoluteColumn,
            _ => SquaredColumn,
        };

        /// <summary>
        /// Adds the metric terms of the last forward pass (CPU) to <paramref name="totals"/>: scalar loops over the
        /// output rows, only for the columns the model reports. Allocation-free.
        /// </summary>
        private void AccumulateMetrics(int count, ref MetricTotals totals)
        {
            float* output = Output;
            int k = OutputSize, stride = _layout.OutputStride;
            bool labels = _layout.Loss == Loss.SparseCategoricalCrossEntropy;
            bool binary = NeedsColumn(BinaryColumn), classes = NeedsColumn(ClassColumn);
            bool squared = NeedsColumn(SquaredColumn), absolute = NeedsColumn(AbsoluteColumn);
            for (int r = 0; r < count; r++)
            {
                float* y = output + (long)r * stride;
                float* t = Targets + (long)r * k;
                if (classes)
                {
                    int truth = labels ? Labels[r] : ArgMax(t, k);
                    if (ArgMax(y, k) == truth) totals.ClassHits++;
                }
                if (binary)
                {
                    // Keras' binary_accuracy: (p > threshold) cast to the target's type, compared for equality.
                    float hits = 0f;
                    for (int j = 0; j < k; j++) hits += ((y[j] > 0.5f) ? 1f : 0f) == t[j] ? 1f : 0f;
                    totals.BinaryHits += hits / k;
                }
                if (squared || absolute)
                {
                    float sq = 0f, abs = 0f;
                    for (int j = 0; j < k; j++)
                    {
                        float e = y[j] - t[j];
                        sq += e * e;
                        abs += MathF.Abs(e);
                    }
                    totals.SquaredError += sq / k;
                    totals.AbsoluteError += abs / k;
                }
            }
        }

        /// <summary>
        /// Adds one device batch's metrics rows, [count, <paramref name="columns"/>], to <paramref name="totals"/> (only
        /// the columns the kernel wrote; a functional model's per-output History terms follow the first
        /// <see cref="OpenClSession.MetricColumns"/>), and returns the batch-mean loss in float, as every path reports it.
        /// </summary>
        private float AccumulateDeviceMetrics(float* rows, int count, int columns, ref MetricTotals totals)
        {
            bool binary = NeedsColumn(BinaryColumn), classes = NeedsColumn(ClassColumn);
            bool squared = NeedsColumn(SquaredColumn), absolute = NeedsColumn(AbsoluteColumn);
            double loss = 0;
            for (int i = 0; i < count; i++)
            {
                float* row = rows + (long)i * columns;
                loss += row[0];
                if (binary) totals.BinaryHits += row[BinaryColumn];
                if (classes && row[ClassColumn] != 0) totals.ClassHits++;
                if (squared) totals.SquaredError += row[SquaredColumn];
                if (absolute) totals.AbsoluteError += row[AbsoluteColumn];
                if (totals.Entries is { } sums)
                {
                    for (int e = 0; e < sums.Length; e++) sums[e] += row[OpenClSession.MetricColumns + e];
                }
            }
            float batchLoss = (float)(loss / count);
            totals.Loss += (double)batchLoss * count;
            totals.Count += count;
            return batchLoss;
        }

        /// <summary>The value of <paramref name="kind"/> over what <paramref name="totals"/> saw (NaN when it saw nothing).</summary>
        private static float MetricValue(Metric kind, in MetricTotals totals)
        {
            if (totals.Count == 0) return float.NaN;
            double n = totals.Count;
            return kind switch
            {
                Metric.BinaryAccuracy => (float)(totals.BinaryHits / n),
                Metric.CategoricalAccuracy or Metric.SparseCategoricalAccuracy => (float)(totals.ClassHits / n),
                Metric.MeanSquaredError => (float)(totals.SquaredError / n),
                Metric.MeanAbsoluteError => (float)(totals.AbsoluteError / n),
                // The root of the epoch's mean squared error, not the mean of the batches' roots (Keras' RootMeanSquaredError).
                _ => (float)Math.Sqrt(totals.SquaredError / n),
            };
        }

        /// <summary>
        /// History's legacy <c>Accuracy</c>: the declared "accuracy" metric when there is one, else for a sparse
        /// classifier the fraction of right classes (reported before metrics could be declared), else NaN.
        /// </summary>
        private float LegacyAccuracy(in MetricTotals totals)
        {
            foreach (MetricSpec m in _layout.Metrics)
            {
                if (m.Name == "accuracy") return MetricValue(m.Kind, totals);
            }
            for (int e = 0; e < _layout.OutputEntries.Length; e++)
            {
                if (_layout.OutputEntries[e].Name == "accuracy") return EntryValue(e, totals); // a single-output functional model's
            }
            return _layout.Loss == Loss.SparseCategoricalCrossEntropy ? MetricValue(Metric.SparseCategoricalAccuracy, totals) : float.NaN;
        }

        /// <summary>Evaluates and returns the loss and every declared metric by Keras name, as Keras' <c>evaluate(return_dict=True)</c>.</summary>
        private Dictionary<string, float> MetricDictionary(in MetricTotals totals)
        {
            var result = new Dictionary<string, float> { ["loss"] = totals.Count == 0 ? float.NaN : (float)(totals.Loss / totals.Count) };
            foreach (MetricSpec m in _layout.Metrics) result[m.Name] = MetricValue(m.Kind, totals);
            AddEntries(result, totals);
            return result;
        }

        /// <summary>
        /// The loss and every declared metric over classification data, in inference mode, keyed by Keras' names
        /// ("loss", "accuracy", ...), as Keras' <c>evaluate(..., return_dict=True)</c>.
        /// </summary>
        public Dictionary<string, float> EvaluateMetrics(float[] x, int[] y, int batchSize = 32)
        {
            RequireLoss(labelsAreClasses: true);
            CheckLabels(y);
            return MetricDictionary(EvaluateTotals(new LabeledData(x, y, null), batchSize));
        }

        /// <summary>The loss and every declared metric over float-target data ("loss", "mae", ...). See the label overload.</summary>
        public Dictionary<string, float> EvaluateMetrics(float[] x, float[] y, int batchSize = 32)
        {
            RequireLoss(labelsAreClasses: false);
            return MetricDictionary(EvaluateTotals(new LabeledData(x, null, y), batchSize));
        }
    }
}
