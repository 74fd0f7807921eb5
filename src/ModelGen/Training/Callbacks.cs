using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace ModelGen
{
    /// <summary>
    /// Hooks into <c>Fit</c>, as Keras' <c>Callback</c>; every method has an empty default, so implement only what you
    /// need. The order per call of Fit: <see cref="OnTrainBegin"/>; for each epoch <see cref="OnEpochBegin"/>, the
    /// batches (<see cref="OnBatchEnd"/> after each, only when <see cref="WantsBatchEvents"/>), validation,
    /// <see cref="OnEpochEnd"/>; then <see cref="OnTrainEnd"/>. Set <see cref="CompiledModel.StopTraining"/> to stop:
    /// checked after each batch and after each epoch (the epoch's validation and OnEpochEnd still run).
    /// </summary>
    public interface ICallback
    {
        /// <summary>
        /// Whether <see cref="OnBatchEnd"/> should be called. False by default, so that Fit's per-batch loop makes no
        /// callback calls at all when no callback needs them.
        /// </summary>
        bool WantsBatchEvents => false;

        /// <summary>Before the first epoch of a Fit call.</summary>
        void OnTrainBegin(CompiledModel model) { }

        /// <summary>After the last epoch (also after an early stop).</summary>
        void OnTrainEnd(CompiledModel model) { }

        /// <summary>Before epoch <paramref name="epoch"/> (0-based, as Keras).</summary>
        void OnEpochBegin(CompiledModel model, int epoch) { }

        /// <summary>
        /// After epoch <paramref name="epoch"/> and its validation. <paramref name="logs"/> holds the epoch's values by
        /// Keras name ("loss", "accuracy", "mae", "val_loss", ..., "learning_rate"); a callback may add entries, which
        /// later callbacks see (Keras' ReduceLROnPlateau adds the rate the same way).
        /// </summary>
        void OnEpochEnd(CompiledModel model, int epoch, IDictionary<string, float> logs) { }

        /// <summary>After batch <paramref name="batch"/> (0-based within the epoch) with its mean loss before the update.</summary>
        void OnBatchEnd(CompiledModel model, int batch, float loss) { }
    }

    /// <summary>Whether a monitored quantity improves by going down or up (Keras' <c>mode</c>).</summary>
    public enum MonitorMode
    {
        /// <summary>Min for a loss or an error ("loss", "val_mae", ...), max for an accuracy; other names are an error.</summary>
        Auto,
        /// <summary>Lower is better.</summary>
        Min,
        /// <summary>Higher is better.</summary>
        Max,
    }

    /// <summary>Keras' shared improvement test (<c>MonitorCallback</c>): best value so far and a direction.</summary>
    internal readonly struct Improvement
    {
        private readonly bool _lowerIsBetter;
        private readonly float _delta;

        internal Improvement(string monitor, MonitorMode mode, float minDelta)
        {
            _lowerIsBetter = Resolve(monitor, mode);
            _delta = Math.Abs(minDelta);
        }

        internal bool LowerIsBetter => _lowerIsBetter;

        /// <summary>
        /// Min mode: current + |minDelta| &lt; best; max mode: current - |minDelta| &gt; best; always true without a best (strict, as Keras).
        /// </summary>
        internal bool Improved(float current, float? best)
        {
            if (best is not { } b) return true;
            return _lowerIsBetter ? current + _delta < b : current - _delta > b;
        }

        internal static bool Resolve(string monitor, MonitorMode mode)
        {
            if (mode == MonitorMode.Min) return true;
            if (mode == MonitorMode.Max) return false;
            string name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor.Substring(4) : monitor;
            // The directions of Keras' metrics: losses and errors go down, accuracies go up.
            switch (name)
            {
                case "loss":
                case "mse":
                case "mae":
                case "rmse":
                case "root_mean_squared_error":
                case "mean_squared_error":
                case "mean_absolute_error":
                    return true;
            }
            if (name.EndsWith("accuracy", StringComparison.Ordinal)) return false;
            throw new ArgumentException(
                $"Cannot tell whether '{monitor}' should go up or down: pass mode: MonitorMode.Min or MonitorMode.Max.", nameof(monitor));
        }

        internal static float Read(IDictionary<string, float> logs, string monitor, string callback)
        {
            if (logs.TryGetValue(monitor, out float value)) return value;
            throw new InvalidOperationException(
                $"{callback} monitors '{monitor}', which this Fit does not report. It reports: {string.Join(", ", logs.Keys)}. " +
                "Monitor one of those, or pass validation data (validation or validationSplit) for the val_ values.");
        }
    }

    /// <summary>
    /// Keras' <c>EarlyStopping</c>: stops training when <c>monitor</c> has not improved by more than
    /// <c>minDelta</c> for <c>patience</c> epochs, optionally restoring the weights of the best epoch at the end of
    /// training (Keras 3 restores them even when training ran all its epochs; tf.keras 2 only when it stopped).
    /// </summary>
    public sealed class EarlyStopping : ICallback
    {
        private readonly string _monitor;
        private readonly int _patience, _startFromEpoch;
        private readonly float? _baseline;
        private readonly bool _restoreBestWeights;
        private readonly MonitorMode _mode;
        private readonly float _minDelta;
        private Improvement _test;
        private int _wait;
        private float? _best;
        private float[]? _bestWeights;

        /// <param name="monitor">The quantity to watch (Keras default "val_loss").</param>
        /// <param name="minDelta">The smallest change that counts as an improvement, absolute (default 0).</param>
        /// <param name="patience">Epochs without improvement before stopping (default 0).</param>
        /// <param name="mode">Whether lower or higher is better (default Auto).</param>
        /// <param name="baseline">A value the monitor must beat for the patience counter to reset (default none).</param>
        /// <param name="restoreBestWeights">Whether to put back the best epoch's weights at the end (default false).</param>
        /// <param name="startFromEpoch">Epochs to ignore at the start, a warm-up (default 0).</param>
        public EarlyStopping(string monitor = "val_loss", float minDelta = 0, int patience = 0, MonitorMode mode = MonitorMode.Auto,
            float? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
        {
            _monitor = monitor ?? throw new ArgumentNullException(nameof(monitor));
            if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be 0 or more.");
            if (startFromEpoch < 0) throw new ArgumentOutOfRangeException(nameof(startFromEpoch), startFromEpoch, "startFromEpoch must be 0 or more.");
            _minDelta = minDelta;
            _patience = patience;
            _mode = mode;
            _baseline = baseline;
            _restoreBestWeights = restoreBestWeights;
            _startFromEpoch = startFromEpoch;
            _test = new Improvement(monitor, mode, minDelta);
        }

        /// <summary>The epoch (0-based) at which training was stopped; 0 when it was not (Keras' <c>stopped_epoch</c>).</summary>
        public int StoppedEpoch { get; private set; }

        /// <summary>The epoch (0-based) of the best monitored value (Keras' <c>best_epoch</c>).</summary>
        public int BestEpoch { get; private set; }

        /// <summary>The best monitored value; null before any epoch counted.</summary>
        public float? Best => _best;

        void ICallback.OnTrainBegin(CompiledModel model)
        {
            _test = new Improvement(_monitor, _mode, _minDelta);
            _wait = 0;
            _best = null;
            _bestWeights = null;
            BestEpoch = 0;
            StoppedEpoch = 0;
        }

        void ICallback.OnEpochEnd(CompiledModel model, int epoch, IDictionary<string, float> logs)
        {
            float current = Improvement.Read(logs, _monitor, nameof(EarlyStopping));
            if (epoch < _startFromEpoch) return;
            if (_restoreBestWeights && _bestWeights is null)
            {
                _bestWeights = model.CopyWeights();
                BestEpoch = epoch;
            }
            _wait++;
            if (_test.Improved(current, _best))
            {
                _best = current;
                BestEpoch = epoch;
                if (_restoreBestWeights) _bestWeights = model.CopyWeights();
                if (_baseline is not { } b || _test.Improved(current, b)) _wait = 0;
                return;
            }
            if (_wait >= _patience && epoch > 0)
            {
                StoppedEpoch = epoch;
                model.StopTraining = true;
            }
        }

        void ICallback.OnTrainEnd(CompiledModel model)
        {
            if (_restoreBestWeights && _bestWeights is not null) model.RestoreWeights(_bestWeights);
        }
    }

    /// <summary>
    /// Keras' <c>ReduceLROnPlateau</c>, the book's performance scheduling: multiplies the learning rate by
    /// <c>factor</c> once <c>monitor</c> has not improved by more than <c>minDelta</c> (absolute; PyTorch's default is
    /// relative) for <c>patience</c> epochs in a row (PyTorch needs patience + 1), then waits <c>cooldown</c> epochs,
    /// never going below <c>minLr</c>. Adds "learning_rate" to the epoch logs. Cannot be combined with a
    /// <see cref="CompiledModel.Schedule"/>, which would overwrite the rate every step.
    /// </summary>
    public sealed class ReduceLROnPlateau : ICallback
    {
        private readonly string _monitor;
        private readonly float _factor, _minLr;
        private readonly int _patience, _cooldown;
        private readonly MonitorMode _mode;
        private readonly float _minDelta;
        private Improvement _test;
        private float? _best;
        private int _wait, _cooldownCounter;

        /// <param name="monitor">Keras default "val_loss".</param>
        /// <param name="factor">The multiplier, in (0, 1) (default 0.1).</param>
        /// <param name="patience">Epochs without improvement before a reduction (default 10).</param>
        /// <param name="mode">Default Auto.</param>
        /// <param name="minDelta">Absolute improvement threshold (default 1e-4).</param>
        /// <param name="cooldown">Epochs after a reduction during which no reduction happens (default 0).</param>
        /// <param name="minLr">The floor (default 0).</param>
        public ReduceLROnPlateau(string monitor = "val_loss", float factor = 0.1f, int patience = 10, MonitorMode mode = MonitorMode.Auto,
            float minDelta = 1e-4f, int cooldown = 0, float minLr = 0f)
        {
            _monitor = monitor ?? throw new ArgumentNullException(nameof(monitor));
            if (!(factor > 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau does not support a factor >= 1 (or <= 0): it must be in (0, 1).");
            if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be 0 or more.");
            if (cooldown < 0) throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "cooldown must be 0 or more.");
            if (!(minLr >= 0)) throw new ArgumentOutOfRangeException(nameof(minLr), minLr, "minLr must not be negative.");
            _factor = factor;
            _patience = patience;
            _mode = mode;
            _minDelta = minDelta;
            _cooldown = cooldown;
            _minLr = minLr;
            _test = new Improvement(monitor, mode, minDelta);
        }

        void ICallback.OnTrainBegin(CompiledModel model)
        {
            if (model.Schedule is not null)
            {
                throw new InvalidOperationException(
                    "ReduceLROnPlateau changes LearningRate, but the model has a Schedule that sets it every step: use one or the other (set Schedule = null).");
            }
            _test = new Improvement(_monitor, _mode, _minDelta);
            _best = null;
            _wait = 0;
            _cooldownCounter = 0;
        }

        void ICallback.OnEpochEnd(CompiledModel model, int epoch, IDictionary<string, float> logs)
        {
            logs["learning_rate"] = model.LearningRate;
            float current = Improvement.Read(logs, _monitor, nameof(ReduceLROnPlateau));
            if (_cooldownCounter > 0)
            {
                _cooldownCounter--;
                _wait = 0;
            }
            if (_test.Improved(current, _best))
            {
                _best = current;
                _wait = 0;
            }
            else if (_cooldownCounter == 0)
            {
                _wait++;
                if (_wait >= _patience)
                {
                    float old = model.LearningRate;
                    if (old > _minLr)
                    {
                        model.LearningRate = Math.Max(old * _factor, _minLr);
                        _cooldownCounter = _cooldown;
                        _wait = 0;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Keras' <c>LearningRateScheduler</c>: at the start of each epoch (0-based) sets the rate to
    /// <c>schedule(epoch, currentRate)</c>: the per-epoch schedules of the book and of PyTorch. For per-step schedules
    /// use <see cref="CompiledModel.Schedule"/>.
    /// </summary>
    public sealed class LearningRateScheduler : ICallback
    {
        private readonly Func<int, float, float> _schedule;

        /// <param name="schedule">The new rate from the epoch and the current rate.</param>
        public LearningRateScheduler(Func<int, float, float> schedule) => _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

        void ICallback.OnEpochBegin(CompiledModel model, int epoch)
        {
            float rate = _schedule(epoch, model.LearningRate);
            if (!(rate > 0 && float.IsFinite(rate)))
            {
                throw new InvalidOperationException($"The learning-rate schedule returned {rate} for epoch {epoch}: it must return a positive finite rate.");
            }
            model.LearningRate = rate;
        }
    }

    /// <summary>
    /// Keras' <c>ModelCheckpoint</c> (weights only): saves the model with <see cref="CompiledModel.Save"/> after each
    /// epoch, or only when <c>monitor</c> improves (strictly) with <c>saveBestOnly</c>. Save writes a temporary file
    /// and renames it over the target, so a crash during a write leaves the previous checkpoint loadable.
    /// "{epoch}" in the path is replaced by the 1-based epoch number, as Keras' "{epoch:02d}" (write "{epoch:02}" for padding).
    /// </summary>
    public sealed class ModelCheckpoint : ICallback
    {
        private readonly string _path, _monitor;
        private readonly bool _saveBestOnly;
        private readonly MonitorMode _mode;
        private Improvement _test;
        private float? _best;

        /// <param name="path">The file to write (safetensors); may contain "{epoch}".</param>
        /// <param name="monitor">Keras default "val_loss"; read only with saveBestOnly.</param>
        /// <param name="saveBestOnly">Whether to save only when the monitored value improves (default false).</param>
        /// <param name="mode">Default Auto.</param>
        public ModelCheckpoint(string path, string monitor = "val_loss", bool saveBestOnly = false, MonitorMode mode = MonitorMode.Auto)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("The checkpoint path is empty.", nameof(path));
            _path = path;
            _monitor = monitor ?? throw new ArgumentNullException(nameof(monitor));
            _saveBestOnly = saveBestOnly;
            _mode = mode;
            _test = new Improvement(monitor, mode, 0);
        }

        /// <summary>The best monitored value saved so far (with saveBestOnly).</summary>
        public float? Best => _best;

        /// <summary>The epoch (0-based) of the last save; -1 before any.</summary>
        public int LastSavedEpoch { get; private set; } = -1;

        void ICallback.OnTrainBegin(CompiledModel model)
        {
            _test = new Improvement(_monitor, _mode, 0);
        }

        void ICallback.OnEpochEnd(CompiledModel model, int epoch, IDictionary<string, float> logs)
        {
            if (_saveBestOnly)
            {
                float current = Improvement.Read(logs, _monitor, nameof(ModelCheckpoint));
                if (float.IsNaN(current) || !_test.Improved(current, _best)) return;
                _best = current;
            }
            model.Save(FormatPath(epoch));
            LastSavedEpoch = epoch;
        }

        private string FormatPath(int epoch)
        {
            int open = _path.IndexOf("{epoch", StringComparison.Ordinal);
            if (open < 0) return _path;
            int close = _path.IndexOf('}', open);
            if (close < 0) return _path;
            // "{epoch}" or "{epoch:02d}" / "{epoch:02}": the digits after the colon are a minimum width.
            string spec = _path.Substring(open + 6, close - open - 6).TrimStart(':').TrimEnd('d');
            int width = int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out int w) ? w : 0;
            string number = (epoch + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            return _path.Substring(0, open) + number + _path.Substring(close + 1);
        }
    }

    /// <summary>
    /// Keras' <c>TerminateOnNaN</c>: stops training after the first batch whose loss is NaN or infinite (the epoch
    /// ends there; its validation and OnEpochEnd still run).
    /// </summary>
    public sealed class TerminateOnNaN : ICallback
    {
        /// <summary>The epoch-relative index of the batch that stopped training; -1 while none did.</summary>
        public int StoppedAtBatch { get; private set; } = -1;

        bool ICallback.WantsBatchEvents => true;

        void ICallback.OnTrainBegin(CompiledModel model) => StoppedAtBatch = -1;

        void ICallback.OnBatchEnd(CompiledModel model, int batch, float loss)
        {
            if (float.IsFinite(loss)) return;
            StoppedAtBatch = batch;
            model.StopTraining = true;
        }
    }

    /// <summary>
    /// Keras' <c>CSVLogger</c>: one row per epoch, "epoch" (0-based) then the logs' keys in ordinal order, written and
    /// flushed at each epoch end so a crashed run keeps its rows. With <c>append</c>, an existing file keeps its rows
    /// and no second header is written.
    /// </summary>
    public sealed class CsvLogger : ICallback
    {
        private readonly string _path;
        private readonly char _separator;
        private readonly bool _append;
        private string[]? _keys;
        private StreamWriter? _writer;

        /// <param name="path">The CSV file.</param>
        /// <param name="separator">The field separator (default ',').</param>
        /// <param name="append">Whether to add to an existing file (default false: overwrite).</param>
        public CsvLogger(string path, char separator = ',', bool append = false)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("The CSV path is empty.", nameof(path));
            _path = path;
            _separator = separator;
            _append = append;
        }

        void ICallback.OnTrainBegin(CompiledModel model)
        {
            bool hasRows = _append && File.Exists(_path) && new FileInfo(_path).Length > 0;
            _writer = new StreamWriter(_path, _append, new UTF8Encoding(false));
            _keys = null;
            _headerWritten = hasRows;
        }

        private bool _headerWritten;

        void ICallback.OnEpochEnd(CompiledModel model, int epoch, IDictionary<string, float> logs)
        {
            if (_writer is null) return;
            if (_keys is null)
            {
                _keys = new string[logs.Count];
                logs.Keys.CopyTo(_keys, 0);
                Array.Sort(_keys, StringComparer.Ordinal);
                if (!_headerWritten)
                {
                    _writer.WriteLine("epoch" + _separator + string.Join(_separator.ToString(), _keys));
                    _headerWritten = true;
                }
            }
            var row = new StringBuilder();
            row.Append(epoch.ToString(CultureInfo.InvariantCulture));
            foreach (string key in _keys)
            {
                row.Append(_separator);
                if (logs.TryGetValue(key, out float v)) row.Append(HistoryFormat.Number(v));
            }
            _writer.WriteLine(row.ToString());
            _writer.Flush();
        }

        void ICallback.OnTrainEnd(CompiledModel model)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}
