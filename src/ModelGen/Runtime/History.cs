using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ModelGen
{
    /// <summary>Per-epoch metrics of a <c>Fit</c> call, as Keras' History.</summary>
    public sealed partial class History
    {
        /// <summary>Mean training loss of each epoch (each batch's loss before its update, weighted by batch size).</summary>
        public List<float> Loss { get; } = new();
        /// <summary>Training accuracy of each epoch; NaN for regression losses.</summary>
        public List<float> Accuracy { get; } = new();
        /// <summary>Validation loss after each epoch; empty without validation data.</summary>
        public List<float> ValLoss { get; } = new();
        /// <summary>Validation accuracy after each epoch; empty without validation data.</summary>
        public List<float> ValAccuracy { get; } = new();
        /// <summary>Training throughput of each epoch, in samples per second.</summary>
        public List<double> SamplesPerSecond { get; } = new();

        private readonly Dictionary<string, List<float>> _metrics = new();
        private readonly List<string> _names = new();

        /// <summary>
        /// The declared metrics of each epoch by Keras name: "mae", "accuracy", ... for training (running mean over the
        /// epoch, as Keras) and "val_mae", "val_accuracy", ... for the validation data. Empty when the model declares
        /// no metrics; the loss stays in <see cref="Loss"/> and <see cref="ValLoss"/>.
        /// </summary>
        public IReadOnlyDictionary<string, List<float>> Metrics => _metrics;

        /// <summary>The values of metric <paramref name="name"/> ("mae", "val_mae", ...), one per epoch.</summary>
        public List<float> this[string name] => _metrics.TryGetValue(name, out List<float>? values)
            ? values
            : throw new KeyNotFoundException($"History has no metric '{name}'. It has: {string.Join(", ", _names)}.");

        /// <summary>Adds an (empty) series for metric <paramref name="name"/>, and "val_" + name when there is validation data.</summary>
        internal void Declare(string name, bool validation)
        {
            Add(name);
            if (validation) Add("val_" + name);

            void Add(string key)
            {
                if (_metrics.ContainsKey(key)) return;
                _metrics.Add(key, new List<float>());
                _names.Add(key);
            }
        }

        /// <summary>Number of epochs recorded.</summary>
        public int Epochs => Loss.Count;

        /// <summary>One line per epoch.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            for (int e = 0; e < Epochs; e++) sb.AppendLine(FormatEpoch(e));
            return sb.ToString();
        }

        /// <summary>The metrics of epoch <paramref name="epoch"/> (0-based) as "loss: ... - accuracy: ..." text.</summary>
        public string FormatEpoch(int epoch)
        {
            // Keras' order and names, as Series() lists them; the learning rate a callback logs stays out of the line.
            var sb = new StringBuilder();
            foreach (KeyValuePair<string, IReadOnlyList<float>> series in Series())
            {
                if (series.Key != "learning_rate" && epoch < series.Value.Count) Append(sb, series.Key, series.Value[epoch]);
            }
            return sb.ToString();
        }

        private static void Append(StringBuilder sb, string name, float value)
        {
            if (float.IsNaN(value)) return;
            if (sb.Length > 0) sb.Append(" - ");
            sb.Append(name).Append(": ").Append(value.ToString("F4", CultureInfo.InvariantCulture));
        }
    }
}
