using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace ModelGen
{
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// Trains on classification data for <paramref name="epochs"/> epochs, as Keras' <c>fit</c>: the rows are
        /// reshuffled every epoch (from the model's seed), cut into batches of <paramref name="batchSize"/> with the last
        /// partial batch kept, and each batch takes one optimizer step.
        /// </summary>
        /// <param name="x">Inputs, [n, InputSize] row-major.</param>
        /// <param name="y">Class labels, [n].</param>
        /// <param name="epochs">Passes over the data.</param>
        /// <param name="batchSize">Samples per optimizer step (Keras' default 32).</param>
        /// <param name="validation">Data evaluated after each epoch, reported as val_loss and val_accuracy.</param>
        /// <param name="shuffle">Whether to reshuffle the rows every epoch.</param>
        /// <param name="verbose">
        /// Whether to report progress: a live bar per epoch in a terminal, one plain line per epoch when the output is
        /// redirected (logs, CI).
        /// </param>
        /// <param name="validationSplit">
        /// A fraction in [0, 1) of the data held out for validation, as Keras: the last rows, taken before any
        /// shuffling (training keeps rows [0, floor(n·(1 - f)))). Ignored when <paramref name="validation"/> is given.
        /// </param>
        /// <param name="callbacks">Callbacks (<see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/>, your own <see cref="ICallback"/>), called in order.</param>
        public History Fit(float[] x, int[] y, int epochs = 1, int batchSize = 32,
            (float[] X, int[] Y)? validation = null, bool shuffle = true, bool verbose = true,
            double validationSplit = 0, ICallback[]? callbacks = null)
        {
            RequireLoss(labelsAreClasses: true);
            CheckLabels(y);
            if (validation is { } v) CheckLabels(v.Y);
            return FitCore(new LabeledData(x, y, null), epochs, batchSize,
                validation is { } val ? new LabeledData(val.X, val.Y, null) : null, shuffle, verbose, validationSplit, callbacks);
        }

        /// <summary>
        /// Trains on float targets, [n, TargetSize] (every loss but sparse categorical cross-entropy: regression values,
        /// one-hot rows, binary targets; TargetSize is OutputSize, but a functional model's sparse output takes one
        /// column, its class index). See the classification overload; declared metrics go to History by Keras name.
        /// </summary>
        public History Fit(float[] x, float[] y, int epochs = 1, int batchSize = 32,
            (float[] X, float[] Y)? validation = null, bool shuffle = true, bool verbose = true,
            double validationSplit = 0, ICallback[]? callbacks = null)
        {
            RequireLoss(labelsAreClasses: false);
            return FitCore(new LabeledData(x, null, y), epochs, batchSize,
                validation is { } val ? new LabeledData(val.X, null, val.Y) : null, shuffle, verbose, validationSplit, callbacks);
        }

        /// <summary>Mean loss and accuracy over classification data, in inference mode.</summary>
        public (float Loss, float Accuracy) Evaluate(float[] x, int[] y, int batchSize = 32)
        {
            RequireLoss(labelsAreClasses: true);
            CheckLabels(y);
            return EvaluateCore(new LabeledData(x, y, null), batchSize);
        }

        /// <summary>Mean loss over float-target data. For the declared metrics too, use <see cref="EvaluateMetrics(float[], float[], int)"/>.</summary>
        public float Evaluate(float[] x, float[] y, int batchSize = 32)
        {
            RequireLoss(labelsAreClasses: false);
            return EvaluateCore(new LabeledData(x, null, y), batchSize).Loss;
        }

        /// <summary>Inputs with either class labels or float targets.</summary>
        private readonly record struct LabeledData(float[] X, int[]? Labels, float[]? Values);

        /// <summary>The number of samples in <paramref name="data"/>, after checking inputs and targets agree.</summary>
        private int CountSamples(LabeledData data)
        {
            int count = ShapeChecks.Batch(_layout, "inputs", data.X.Length, InputSize);
            int targets = data.Labels?.Length ?? ShapeChecks.Batch(_layout, "targets", data.Values!.Length, _layout.TargetSize);
            ShapeChecks.SameCount(_layout, count, targets);
            return count;
        }

        private History FitCore(LabeledData train, int epochs, int batchSize, LabeledData? validation, bool shuffle, bool verbose,
            double validationSplit, ICallback[]? callbacks)
        {
            ThrowIfDisposed();
            if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), $"epochs is {epochs}: expected 0 or more.");
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize is {batchSize}: expected 1 or more.");
            if (validation is null && validationSplit != 0) (train, validation) = SplitForValidation(train, validationSplit);
            int n = CountSamples(train);
            if (n == 0) throw new ArgumentException($"{_layout.ModelName}: the training data is empty.");
            if (validation is { } v) CountSamples(v);

            EnsureBatchCapacity(Math.Min(batchSize, n));
            var order = new int[n];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            var history = new History();
            foreach (MetricSpec m in _layout.Metrics) history.Declare(m.Name, validation is not null);
            foreach (HistoryEntrySpec e in _layout.OutputEntries) history.Declare(e.Name, validation is not null);
            double[]? entrySums = NewEntrySums(); // allocated once per Fit, cleared every epoch

            // Why a FitRun only when needed: without callbacks or a live bar the batch loop below makes no calls at all.
            ProgressBar? bar = verbose && !Console.IsOutputRedirected ? new ProgressBar(Console.Out, epochs) : null;
            FitRun? run = callbacks is { Length: > 0 } || bar is not null ? new FitRun(this, callbacks ?? Array.Empty<ICallback>(), bar) : null;
            FitRun? batchRun = run is { BatchEvents: true } ? run : null;
            int batches = (n + batchSize - 1) / batchSize;
            StopTraining = false;
            run?.TrainBegin();

            for (int epoch = 0; epoch < epochs && !StopTraining; epoch++)
            {
                run?.EpochBegin(epoch, batches);
                if (shuffle) _shuffleRng.Shuffle(order);
                long start = Stopwatch.GetTimestamp();
                var totals = new MetricTotals { Entries = entrySums };
                if (entrySums is not null) Array.Clear(entrySums);
                int steps = 0;
                if (_cl is not null)
                {
                    DeviceEpoch(train, order, batchSize, n, ref totals, ref steps, batchRun);
                }
                else
                {
                    for (int first = 0; first < n; first += batchSize)
                    {
                        int count = Math.Min(batchSize, n - first);
                        Gather(train, order, first, count);
                        TrainingForward(count);
                        float loss = ComputeLoss(count);
                        totals.Loss += (double)loss * count;
                        totals.Count += count;
                        AccumulateMetrics(count, ref totals);
                        AccumulateEntries(count, ref totals);
                        Backward(InputBatch, count);
                        ApplySchedule();
                        ApplyOptimizer();
                        MarkParametersChanged();
                        Iterations++;
                        steps++;
                        if (batchRun is not null && batchRun.BatchEnd(steps - 1, loss, totals.Loss / totals.Count)) break;
                    }
                }
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

                // Means over the samples seen: all n, unless a callback stopped the epoch early.
                long seen = Math.Max(totals.Count, 1);
                history.Loss.Add((float)(totals.Loss / seen));
                history.Accuracy.Add(LegacyAccuracy(totals));
                foreach (MetricSpec m in _layout.Metrics) history[m.Name].Add(MetricValue(m.Kind, totals));
                for (int e = 0; e < _layout.OutputEntries.Length; e++) history[_layout.OutputEntries[e].Name].Add(EntryValue(e, totals));
                history.SamplesPerSecond.Add(totals.Count / Math.Max(seconds, 1e-9));
                history.LearningRate.Add(LearningRate);
                if (validation is { } vt)
                {
                    MetricTotals val = EvaluateTotals(vt, batchSize);
                    history.ValLoss.Add(val.Count == 0 ? float.NaN : (float)(val.Loss / val.Count));
                    history.ValAccuracy.Add(LegacyAccuracy(val));
                    foreach (MetricSpec m in _layout.Metrics) history["val_" + m.Name].Add(MetricValue(m.Kind, val));
                    for (int e = 0; e < _layout.OutputEntries.Length; e++) history["val_" + _layout.OutputEntries[e].Name].Add(EntryValue(e, val));
                }
                string? line = verbose || run is not null
                    ? string.Format(CultureInfo.InvariantCulture, "Epoch {0}/{1} - {2} steps - {3:F1}s - {4:N0} samples/s - {5}",
                        epoch + 1, epochs, steps, seconds, history.SamplesPerSecond[epoch], history.FormatEpoch(epoch))
                    : null;
                if (run is not null)
                {
                    Dictionary<string, float> logs = history.EpochLogs(epoch);
                    run.EpochEnd(epoch, logs, line!);
                }
                if (verbose && bar is null) Console.WriteLine(line);
            }
            run?.TrainEnd();
            return history;
        }

        /// <summary>
        /// Keras' validation_split: the last floor-complement of the rows, before any shuffling: training keeps rows
        /// [0, floor(n·(1 - f))), validation the rest. Copies the two parts once, before training.
        /// </summary>
        private (LabeledData Train, LabeledData Validation) SplitForValidation(LabeledData data, double fraction)
        {
            if (!(fraction > 0 && fraction < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "validationSplit must be in [0, 1): the fraction of the rows held out for validation.");
            }
            int n = CountSamples(data);
            // In double, as Keras' int(math.floor(num_samples * (1.0 - validation_split))): 50 rows at 0.3 give 35, not 34.
            int splitAt = (int)Math.Floor(n * (1.0 - fraction));
            if (splitAt == 0 || splitAt == n)
            {
                throw new ArgumentException(
                    $"{_layout.ModelName}: validationSplit {fraction} of {n} samples leaves {splitAt} for training and {n - splitAt} for validation; both need at least one. Pass more data or another fraction.");
            }
            int outSize = _layout.TargetSize;
            return (Slice(0, splitAt), Slice(splitAt, n - splitAt));

            LabeledData Slice(int first, int count) => new(
                data.X.AsSpan(first * InputSize, count * InputSize).ToArray(),
                data.Labels?.AsSpan(first, count).ToArray(),
                data.Values?.AsSpan(first * outSize, count * outSize).ToArray());
        }

        private (float Loss, float Accuracy) EvaluateCore(LabeledData data, int batchSize)
        {
            MetricTotals totals = EvaluateTotals(data, batchSize);
            return (totals.Count == 0 ? float.NaN : (float)(totals.Loss / totals.Count), LegacyAccuracy(totals));
        }

        /// <summary>Forward passes over <paramref name="data"/> in inference mode, summing the loss and the metric terms.</summary>
        private MetricTotals EvaluateTotals(LabeledData data, int batchSize)
        {
            ThrowIfDisposed();
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize is {batchSize}: expected 1 or more.");
            var totals = new MetricTotals { Entries = NewEntrySums() };
            int n = CountSamples(data);
            if (n == 0) return totals;
            EnsureBatchCapacity(Math.Min(batchSize, n));
            int chunk = Math.Min(batchSize, BatchCapacity);
            for (int first = 0; first < n; first += chunk)
            {
                int count = Math.Min(chunk, n - first);
                Gather(data, null, first, count);
                if (_cl is not null)
                {
                    DeviceStep(count, backward: false, update: false, ref totals);
                    continue;
                }
                Forward(InputBatch, count);
                totals.Loss += (double)ComputeLoss(count) * count;
                totals.Count += count;
                AccumulateMetrics(count, ref totals);
                AccumulateEntries(count, ref totals);
            }
            return totals;
        }

        /// <summary>Copies rows <c>order[first..first+count)</c> (or consecutive rows) into the batch buffers.</summary>
        private void Gather(LabeledData data, int[]? order, int first, int count) =>
            Gather(data, order, first, count, InputBatch, Labels, Targets);

        /// <summary>Copies rows <c>order[first..first+count)</c> (or consecutive rows) into the given buffers.</summary>
        private void Gather(LabeledData data, int[]? order, int first, int count, float* inputs, int* labels, float* targets)
        {
            int inSize = InputSize, outSize = _layout.TargetSize;
            for (int r = 0; r < count; r++)
            {
                int row = order != null ? order[first + r] : first + r;
                data.X.AsSpan(row * inSize, inSize).CopyTo(new Span<float>(inputs + (long)r * inSize, inSize));
                if (data.Labels != null && _layout.LabelsAsTargets) targets[r] = data.Labels[row]; // the one target column (CompiledModel.SparseTargets.cs)
                else if (data.Labels != null) labels[r] = data.Labels[row];
                else data.Values.AsSpan(row * outSize, outSize).CopyTo(new Span<float>(targets + (long)r * outSize, outSize));
            }
        }
    }
}
