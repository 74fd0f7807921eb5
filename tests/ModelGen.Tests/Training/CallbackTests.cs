using System;
using System.Collections.Generic;
using System.IO;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Training
{
    /// <summary>Callbacks as Keras runs them: early stopping, plateau reduction, checkpoints, NaN, CSV, validation split.</summary>
    public class CallbackTests
    {
        /// <summary>Feeds a callback one monitored value per epoch, as Fit would, and returns the epochs after which it asked to stop.</summary>
        private static List<int> Drive(CompiledModel model, ICallback callback, string monitor, params float[] values)
        {
            var stops = new List<int>();
            model.StopTraining = false;
            callback.OnTrainBegin(model);
            for (int epoch = 0; epoch < values.Length; epoch++)
            {
                callback.OnEpochBegin(model, epoch);
                callback.OnEpochEnd(model, epoch, new Dictionary<string, float> { [monitor] = values[epoch], ["loss"] = 1 });
                if (model.StopTraining) { stops.Add(epoch); model.StopTraining = false; }
            }
            callback.OnTrainEnd(model);
            return stops;
        }

        [Fact]
        public void EarlyStopping_StopsAfterPatienceEpochsWithoutImprovement()
        {
            using var model = new XorNet(seed: 1);
            var es = new EarlyStopping(patience: 2);
            // best 0.8 at epoch 1; epochs 2 and 3 do not improve: wait reaches 2 at epoch 3.
            Assert.Equal(3, Drive(model, es, "val_loss", 1f, 0.8f, 0.9f, 0.85f)[0]);
            Assert.Equal(3, es.StoppedEpoch);
            Assert.Equal(1, es.BestEpoch);
        }

        [Fact]
        public void EarlyStopping_MinDeltaIsAbsoluteAndStrict()
        {
            using var model = new XorNet(seed: 1);
            // 0.95 is not better than 1.0 by more than 0.05 (strict): no improvement, patience 0 stops at epoch 1.
            Assert.Equal(new[] { 1 }, Drive(model, new EarlyStopping(minDelta: 0.05f), "val_loss", 1f, 0.95f).ToArray());
            Assert.Empty(Drive(model, new EarlyStopping(minDelta: 0.05f), "val_loss", 1f, 0.94f));
        }

        [Fact]
        public void EarlyStopping_ModeAutoMaximizesAccuracy_BaselineAndStartFromEpoch()
        {
            using var model = new XorNet(seed: 1);
            Assert.Equal(new[] { 2 }, Drive(model, new EarlyStopping("val_accuracy", patience: 1), "val_accuracy", 0.5f, 0.7f, 0.6f).ToArray());
            // The baseline 0.9 is never beaten: improvements do not reset wait (3 at epoch 2), so the first
            // non-improving epoch stops with patience 2; without the baseline wait is only 1 there.
            Assert.Equal(new[] { 2 }, Drive(model, new EarlyStopping("val_accuracy", patience: 2, baseline: 0.9f), "val_accuracy", 0.5f, 0.6f, 0.55f).ToArray());
            Assert.Empty(Drive(model, new EarlyStopping("val_accuracy", patience: 2), "val_accuracy", 0.5f, 0.6f, 0.55f));
            // Epochs before startFromEpoch are ignored.
            Assert.Empty(Drive(model, new EarlyStopping(patience: 0, startFromEpoch: 3), "val_loss", 1f, 2f, 3f));
            Assert.Throws<ArgumentException>(() => new EarlyStopping("val_something"));
        }

        [Fact]
        public void EarlyStopping_RestoreBestWeights_PutsBackTheBestEpochsWeights()
        {
            var (x, y) = TrainingData.Xor(64, 2);
            using var model = new XorNet(seed: 5);
            var snapshots = new List<float[]>();
            var recorder = new WeightRecorder(snapshots);
            // Monitor "loss" reversed (mode Max): the best epoch is the one with the highest loss, the first.
            var es = new EarlyStopping("loss", patience: 2, mode: MonitorMode.Max, restoreBestWeights: true);
            History h = model.Fit(x, y, epochs: 10, batchSize: 16, verbose: false, callbacks: new ICallback[] { recorder, es });
            Assert.Equal(3, h.Epochs); // stopped after 2 epochs without "improvement"
            Assert.Equal(0, es.BestEpoch);
            Assert.Equal(snapshots[0], model.ReadParameter("dense.kernel"));
            Assert.NotEqual(snapshots[2], model.ReadParameter("dense.kernel"));
        }

        private sealed class WeightRecorder : ICallback
        {
            private readonly List<float[]> _snapshots;
            public WeightRecorder(List<float[]> snapshots) => _snapshots = snapshots;
            void ICallback.OnEpochEnd(CompiledModel model, int epoch, IDictionary<string, float> logs) => _snapshots.Add(model.ReadParameter("dense.kernel"));
        }

        [Fact]
        public void ReduceLROnPlateau_ReducesAfterPatience_WithCooldownAndFloor()
        {
            using var model = new XorNet(seed: 1);
            model.LearningRate = 1f;
            var rates = new List<float>();
            var cb = new ReduceLROnPlateau(factor: 0.5f, patience: 2, cooldown: 1, minLr: 0.2f);
            ICallback c = cb;
            c.OnTrainBegin(model);
            float[] losses = { 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f };
            for (int e = 0; e < losses.Length; e++)
            {
                c.OnEpochEnd(model, e, new Dictionary<string, float> { ["val_loss"] = losses[e] });
                rates.Add(model.LearningRate);
            }
            // Epoch 0 sets best. Epochs 1, 2: wait 1, 2 -> reduce to 0.5 at epoch 2, cooldown 1.
            // Epoch 3: cooldown 1 -> 0, wait 0, then wait 1. Epoch 4: wait 2 -> 0.25. Epoch 5: cooldown; 6: wait 2 -> max(0.125, 0.2) = 0.2.
            // Then the rate is at the floor and stays.
            Assert.Equal(new[] { 1f, 1f, 0.5f, 0.5f, 0.25f, 0.25f, 0.2f, 0.2f, 0.2f }, rates.ToArray());
        }

        [Fact]
        public void ReduceLROnPlateau_InFit_LogsTheRateAndRefusesASchedule()
        {
            var (x, y) = TrainingData.Linear(32, 3);
            using var model = new LinearRegressor(seed: 1);
            History h = model.Fit(x, y, epochs: 3, batchSize: 8, verbose: false, validationSplit: 0.25f,
                callbacks: new ICallback[] { new ReduceLROnPlateau(monitor: "val_loss", factor: 0.5f, patience: 0, minDelta: 10f) });
            // Epoch 0 sets the best; epochs 1 and 2 do not improve by 10: the rate halves after each. The logged rate is the
            // one the epoch trained with, as Keras logs it.
            Assert.Equal(new[] { 0.1f, 0.1f, 0.05f }, h.LearningRate.ToArray());
            Assert.Equal(0.025f, model.LearningRate);
            model.Schedule = new ExponentialDecay(0.1f, 10, 0.5f);
            Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, verbose: false, callbacks: new ICallback[] { new ReduceLROnPlateau() }));
        }

        [Fact]
        public void MissingMonitor_ThrowsAClearError()
        {
            var (x, y) = TrainingData.Linear(32, 3);
            using var model = new LinearRegressor(seed: 1);
            var e = Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, verbose: false, callbacks: new ICallback[] { new EarlyStopping() }));
            Assert.Contains("val_loss", e.Message);
        }

        [Fact]
        public void TerminateOnNaN_StopsAtTheFirstNonFiniteBatch()
        {
            var (x, y) = TrainingData.Linear(64, 3);
            using var model = new LinearRegressor(seed: 1);
            model.LearningRate = 1e6f; // diverges within a few steps
            var nan = new TerminateOnNaN();
            History h = model.Fit(x, y, epochs: 5, batchSize: 4, shuffle: false, verbose: false, callbacks: new ICallback[] { nan });
            Assert.Equal(1, h.Epochs);
            Assert.True(nan.StoppedAtBatch >= 0 && nan.StoppedAtBatch < 16);
            Assert.Equal(nan.StoppedAtBatch + 1, model.Iterations);
        }

        [Fact]
        public void CsvLogger_WritesOneRowPerEpochWithSortedKeys()
        {
            string path = Path.Combine(Path.GetTempPath(), "modelgen-csvlogger-" + Guid.NewGuid().ToString("N") + ".csv");
            try
            {
                var (x, y) = TrainingData.Xor(40, 3);
                using var model = new XorNet(seed: 2);
                History h = model.Fit(x, y, epochs: 3, batchSize: 8, verbose: false, validationSplit: 0.2f, callbacks: new ICallback[] { new CsvLogger(path) });
                string[] lines = File.ReadAllLines(path);
                Assert.Equal("epoch,accuracy,learning_rate,loss,val_accuracy,val_loss", lines[0]);
                Assert.Equal(4, lines.Length);
                string[] row = lines[2].Split(',');
                Assert.Equal("1", row[0]);
                Assert.Equal(h.Loss[1], float.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(h.ValLoss[1], float.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture));
                // Append adds rows under the same header.
                model.Fit(x, y, epochs: 1, batchSize: 8, verbose: false, validationSplit: 0.2f, callbacks: new ICallback[] { new CsvLogger(path, append: true) });
                Assert.Equal(5, File.ReadAllLines(path).Length);
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void ValidationSplit_IsTheLastRowsBeforeShuffling()
        {
            var (x, y) = TrainingData.Xor(50, 8);
            // floor(50 · 0.7) = 35 training rows, the last 15 for validation.
            using var split = new XorNet(seed: 6);
            using var explicitly = new XorNet(seed: 6);
            History a = split.Fit(x, y, epochs: 3, batchSize: 8, verbose: false, validationSplit: 0.3);
            History b = explicitly.Fit(x[..70], y[..35], epochs: 3, batchSize: 8, verbose: false, validation: (x[70..], y[35..]));
            Assert.Equal(b.Loss.ToArray(), a.Loss.ToArray());
            Assert.Equal(b.ValLoss.ToArray(), a.ValLoss.ToArray());
            Assert.Equal(b.ValAccuracy.ToArray(), a.ValAccuracy.ToArray());
            Assert.Throws<ArgumentOutOfRangeException>(() => split.Fit(x, y, verbose: false, validationSplit: 1f));
            Assert.Throws<ArgumentException>(() => split.Fit(x[..2], y[..1], verbose: false, validationSplit: 0.5f));
        }

        [Fact]
        public void ModelCheckpoint_SaveBestOnly_KeepsTheBestEpoch()
        {
            string dir = Directory.CreateTempSubdirectory("modelgen-ckpt-").FullName;
            try
            {
                var (x, y) = TrainingData.Xor(64, 3);
                using var model = new XorNet(seed: 9);
                string path = Path.Combine(dir, "best.safetensors");
                var best = new ModelCheckpoint(path, monitor: "loss", saveBestOnly: true);
                var record = new List<float[]>();
                History h = model.Fit(x, y, epochs: 6, batchSize: 16, verbose: false, callbacks: new ICallback[] { best, new WeightRecorder(record) });
                int bestEpoch = 0;
                for (int e = 1; e < h.Epochs; e++) if (h.Loss[e] < h.Loss[bestEpoch]) bestEpoch = e;
                Assert.Equal(bestEpoch, best.LastSavedEpoch);
                using var loaded = new XorNet(seed: 1);
                loaded.Load(path);
                Assert.Equal(record[bestEpoch], loaded.ReadParameter("dense.kernel"));

                // "{epoch:02d}" names one file per epoch, 1-based as Keras.
                model.Fit(x, y, epochs: 2, batchSize: 16, verbose: false, callbacks: new ICallback[] { new ModelCheckpoint(Path.Combine(dir, "e{epoch:02d}.safetensors")) });
                Assert.True(File.Exists(Path.Combine(dir, "e01.safetensors")));
                Assert.True(File.Exists(Path.Combine(dir, "e02.safetensors")));
            }
            finally { Directory.Delete(dir, recursive: true); }
        }

        [Fact]
        public void ModelCheckpoint_ACrashDuringTheWriteLeavesThePreviousCheckpointLoadable()
        {
            string dir = Directory.CreateTempSubdirectory("modelgen-crash-").FullName;
            try
            {
                var (x, y) = TrainingData.Xor(64, 3);
                using var model = new XorNet(seed: 9);
                string path = Path.Combine(dir, "ckpt.safetensors");
                model.Fit(x, y, epochs: 1, batchSize: 16, verbose: false, callbacks: new ICallback[] { new ModelCheckpoint(path) });
                float[] saved = model.ReadParameter("dense.kernel");
                byte[] savedBytes = File.ReadAllBytes(path);

                // 1. A write that fails half-way (the tensor list changes after the header and the first tensor are
                //    written): the exception propagates, the old file is untouched and no temporary file is left.
                var tensors = new FailingList(new SafeTensor("dense.kernel", "F32", new[] { 2, 16 }, new float[32]),
                                              new SafeTensor("dense.bias", "F32", new[] { 16 }, new float[16]));
                Assert.Throws<InvalidOperationException>(() => SafeTensors.Write(path, tensors));
                Assert.Equal(savedBytes, File.ReadAllBytes(path));
                Assert.Single(Directory.GetFiles(dir));

                // 2. A process killed during the write leaves a truncated temporary file beside the checkpoint:
                //    the checkpoint still loads, and the next checkpoint replaces it normally.
                File.WriteAllBytes(path + ".tmp-deadbeef0000", savedBytes[..(savedBytes.Length / 3)]);
                using var loaded = new XorNet(seed: 1);
                loaded.Load(path);
                Assert.Equal(saved, loaded.ReadParameter("dense.kernel"));
                model.Fit(x, y, epochs: 1, batchSize: 16, verbose: false, callbacks: new ICallback[] { new ModelCheckpoint(path) });
                loaded.Load(path);
                Assert.Equal(model.ReadParameter("dense.kernel"), loaded.ReadParameter("dense.kernel"));
            }
            finally { Directory.Delete(dir, recursive: true); }
        }

        /// <summary>A list whose second tensor changes length after the header is built: SafeTensors.Write fails mid-file.</summary>
        private sealed class FailingList : IReadOnlyList<SafeTensor>
        {
            private readonly SafeTensor _a, _b;
            private int _reads;
            public FailingList(SafeTensor a, SafeTensor b) { _a = a; _b = b; }
            public int Count => 2;
            public SafeTensor this[int index]
            {
                get
                {
                    _reads++;
                    // The header pass reads each tensor once; the data pass then sees a different second tensor.
                    if (index == 1 && _reads > 2) return new SafeTensor("dense.bias", "F32", new[] { 3 }, new float[3]);
                    return index == 0 ? _a : _b;
                }
            }
            public IEnumerator<SafeTensor> GetEnumerator() { yield return this[0]; yield return this[1]; }
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        [Fact]
        public void StopTraining_FromAUserCallback_EndsFitAfterTheEpoch()
        {
            var (x, y) = TrainingData.Linear(32, 3);
            using var model = new LinearRegressor(seed: 1);
            var calls = new List<string>();
            History h = model.Fit(x, y, epochs: 5, batchSize: 8, verbose: false, callbacks: new ICallback[] { new StopAt(1, calls) });
            Assert.Equal(2, h.Epochs);
            Assert.Equal(new[] { "train_begin", "epoch_begin 0", "epoch_end 0", "epoch_begin 1", "epoch_end 1", "train_end" }, calls.ToArray());
        }

        private sealed class StopAt : ICallback
        {
            private readonly int _epoch;
            private readonly List<string> _calls;
            public StopAt(int epoch, List<string> calls) { _epoch = epoch; _calls = calls; }
            public void OnTrainBegin(CompiledModel model) => _calls.Add("train_begin");
            public void OnTrainEnd(CompiledModel model) => _calls.Add("train_end");
            public void OnEpochBegin(CompiledModel model, int epoch) => _calls.Add("epoch_begin " + epoch);
            public void OnEpochEnd(CompiledModel model, int epoch, IDictionary<string, float> logs)
            {
                _calls.Add("epoch_end " + epoch);
                if (epoch == _epoch) model.StopTraining = true;
            }
        }
    }
}
