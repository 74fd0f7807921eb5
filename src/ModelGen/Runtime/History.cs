using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ModelGen
{
    /// <summary>Per-epoch metrics of a <c>Fit</c> call, as Keras' History.</summary>
    public sealed class History
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
            var sb = new StringBuilder();
            Append(sb, "loss", Loss[epoch]);
            Append(sb, "accuracy", Accuracy[epoch]);
            if (epoch < ValLoss.Count) Append(sb, "val_loss", ValLoss[epoch]);
            if (epoch < ValAccuracy.Count) Append(sb, "val_accuracy", ValAccuracy[epoch]);
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
