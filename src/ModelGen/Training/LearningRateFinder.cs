using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ModelGen
{
    /// <summary>
    /// The result of <see cref="CompiledModel.FindLearningRate(float[], int[], float, float, int, int)"/>: the rate
    /// and the loss of every step, the smoothed loss and the suggested rate.
    /// </summary>
    public sealed class LearningRateFinderResult
    {
        internal LearningRateFinderResult(float[] rates, float[] losses, float[] smoothed, int minimum, float suggested)
        {
            Rates = rates;
            Losses = losses;
            SmoothedLosses = smoothed;
            MinimumIndex = minimum;
            SuggestedRate = suggested;
        }

        /// <summary>The learning rate of each step, growing exponentially.</summary>
        public float[] Rates { get; }

        /// <summary>Each step's batch loss, before that step's update (as Fit reports it).</summary>
        public float[] Losses { get; }

        /// <summary>
        /// The losses smoothed by an exponential moving average (β = 0.98) with bias correction:
        /// a_i = β a_{i-1} + (1 - β) loss_i, smoothed_i = a_i / (1 - β^(i+1)).
        /// </summary>
        public float[] SmoothedLosses { get; }

        /// <summary>The step whose smoothed loss is lowest.</summary>
        public int MinimumIndex { get; }

        /// <summary>
        /// The suggested rate: the rate at the lowest smoothed loss divided by 10 (the book's rule: about ten times
        /// below the rate at which the loss stops falling and starts to climb).
        /// </summary>
        public float SuggestedRate { get; }

        /// <summary>The (rate, loss) pairs.</summary>
        public IEnumerable<(float Rate, float Loss)> Pairs()
        {
            for (int i = 0; i < Rates.Length; i++) yield return (Rates[i], Losses[i]);
        }

        /// <summary>Loss against rate (log scale) as SVG: raw and smoothed loss, the suggested rate marked.</summary>
        public string ToSvg(string title = "Learning-rate finder")
        {
            var x = new double[Rates.Length];
            var raw = new double[Rates.Length];
            var smooth = new double[Rates.Length];
            for (int i = 0; i < x.Length; i++) { x[i] = Rates[i]; raw[i] = Losses[i]; smooth[i] = SmoothedLosses[i]; }
            var panel = new SvgPlot.Panel("loss against learning rate", "learning rate (log scale)", "loss", LogX: true, LogY: false,
                new List<SvgPlot.Line>
                {
                    new("loss", x, raw, "#9ecae1", Dashed: false),
                    new("smoothed loss", x, smooth, SvgPlot.TrainColor, Dashed: false),
                })
            {
                Marker = (SuggestedRate, "suggested " + SuggestedRate.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture)),
            };
            return SvgPlot.Render(title, new[] { panel });
        }

        /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/>.</summary>
        public void SaveSvg(string path, string title = "Learning-rate finder") => File.WriteAllText(path, ToSvg(title), new UTF8Encoding(false));
    }

    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// The book's learning-rate finder: trains for up to <paramref name="steps"/> steps from the current weights while
        /// the rate grows exponentially from <paramref name="minRate"/> to <paramref name="maxRate"/>
        /// (rate_i = min · (max/min)^(i/(steps-1))), records each batch loss, stops early once the smoothed loss exceeds
        /// four times its minimum (divergence), then puts back the weights, the optimizer state, Iterations, the learning
        /// rate and the schedule exactly as they were. Batches cycle through the rows in a fixed order shuffled from
        /// the model's seed; the model's own shuffling stream is not touched.
        /// </summary>
        public LearningRateFinderResult FindLearningRate(float[] x, int[] y, float minRate = 1e-6f, float maxRate = 10f, int steps = 300, int batchSize = 32)
        {
            RequireLoss(labelsAreClasses: true);
            CheckLabels(y);
            return FindLearningRateCore(new LabeledData(x, y, null), minRate, maxRate, steps, batchSize);
        }

        /// <summary>The learning-rate finder on float targets; see the classification overload.</summary>
        public LearningRateFinderResult FindLearningRate(float[] x, float[] y, float minRate = 1e-6f, float maxRate = 10f, int steps = 300, int batchSize = 32)
        {
            RequireLoss(labelsAreClasses: false);
            return FindLearningRateCore(new LabeledData(x, null, y), minRate, maxRate, steps, batchSize);
        }

        private LearningRateFinderResult FindLearningRateCore(LabeledData data, float minRate, float maxRate, int steps, int batchSize)
        {
            ThrowIfDisposed();
            if (!(minRate > 0 && float.IsFinite(minRate) && maxRate > minRate && float.IsFinite(maxRate)))
            {
                throw new ArgumentOutOfRangeException(nameof(minRate), $"The finder needs 0 < minRate < maxRate, finite; got {minRate} and {maxRate}.");
            }
            if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, "The finder needs at least 2 steps (a few hundred is usual).");
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be 1 or more.");
            int n = CountSamples(data);
            if (n == 0) throw new ArgumentException($"{_layout.ModelName}: the finder's data is empty.");
            EnsureBatchCapacity(Math.Min(batchSize, n));

            // Everything the steps change, so the model leaves exactly as it came.
            float[] weights = CopyWeights(), state = CopyOptimizerState();
            long iterations = Iterations;
            float rate = LearningRate;
            LearningRateSchedule? schedule = _schedule;
            _schedule = null;

            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            var rng = new Rng((ulong)Seed ^ 0x5EED_F1D0UL);
            rng.Shuffle(order);

            const double beta = 0.98;
            var rates = new List<float>(steps);
            var losses = new List<float>(steps);
            var smoothed = new List<float>(steps);
            double average = 0, best = double.PositiveInfinity;
            int bestIndex = 0, first = 0;
            try
            {
                for (int i = 0; i < steps; i++)
                {
                    float lr = (float)(minRate * Math.Pow((double)maxRate / minRate, (double)i / (steps - 1)));
                    LearningRate = lr;
                    if (first >= n) first = 0;
                    int count = Math.Min(batchSize, n - first);
                    Gather(data, order, first, count);
                    first += count;
                    float loss = TrainStaged(count);
                    average = beta * average + (1 - beta) * loss;
                    double smooth = average / (1 - Math.Pow(beta, i + 1));
                    rates.Add(lr);
                    losses.Add(loss);
                    smoothed.Add((float)smooth);
                    if (smooth < best) { best = smooth; bestIndex = i; }
                    // Divergence: the loss has blown up, later steps only add noise (and NaN).
                    if (!double.IsFinite(smooth) || (i >= 10 && smooth > 4 * best)) break;
                }
            }
            finally
            {
                RestoreWeights(weights);
                RestoreOptimizerState(state);
                Iterations = iterations;
                LearningRate = rate;
                _schedule = schedule;
            }
            float suggested = rates[bestIndex] / 10;
            return new LearningRateFinderResult(rates.ToArray(), losses.ToArray(), smoothed.ToArray(), bestIndex, suggested);
        }
    }
}
