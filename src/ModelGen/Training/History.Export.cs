using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ModelGen
{
    /// <summary>History's export: Keras-named series, CSV and JSON (with round-trip readers) and SVG learning curves.</summary>
    public sealed partial class History
    {
        /// <summary>
        /// The learning rate of each epoch's last step, as Keras logs it under "learning_rate" (a rate changed by a
        /// callback such as <see cref="ReduceLROnPlateau"/> at the end of epoch e shows from epoch e + 1).
        /// </summary>
        public List<float> LearningRate { get; } = new();

        /// <summary>
        /// Every series by Keras name, in Keras' order: "loss", the training metrics ("accuracy", "mae", ...),
        /// "val_loss", the validation metrics, then "learning_rate". The legacy accuracy appears as "accuracy" (and
        /// "val_accuracy") only when it was computed (a classifier) and no declared metric has that name.
        /// Throughput (<see cref="SamplesPerSecond"/>) is not a Keras log and is left out.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, IReadOnlyList<float>>> Series()
        {
            var series = new List<KeyValuePair<string, IReadOnlyList<float>>>();
            bool declaredAccuracy = _metrics.ContainsKey("accuracy");
            series.Add(new("loss", Loss));
            if (!declaredAccuracy && HasValues(Accuracy)) series.Add(new("accuracy", Accuracy));
            foreach (string name in _names)
            {
                if (!name.StartsWith("val_", StringComparison.Ordinal)) series.Add(new(name, _metrics[name]));
            }
            if (ValLoss.Count > 0) series.Add(new("val_loss", ValLoss));
            if (!declaredAccuracy && HasValues(ValAccuracy)) series.Add(new("val_accuracy", ValAccuracy));
            foreach (string name in _names)
            {
                if (name.StartsWith("val_", StringComparison.Ordinal)) series.Add(new(name, _metrics[name]));
            }
            if (LearningRate.Count > 0) series.Add(new("learning_rate", LearningRate));
            return series;
        }

        private static bool HasValues(List<float> values)
        {
            foreach (float v in values)
            {
                if (!float.IsNaN(v)) return true;
            }
            return false;
        }

        /// <summary>The logs of epoch <paramref name="epoch"/> by Keras name, as callbacks receive them.</summary>
        internal Dictionary<string, float> EpochLogs(int epoch)
        {
            var logs = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, IReadOnlyList<float>> s in Series())
            {
                if (epoch < s.Value.Count) logs[s.Key] = s.Value[epoch];
            }
            return logs;
        }

        // ---- CSV ----

        /// <summary>
        /// The history as CSV, one row per epoch: "epoch" (0-based, as Keras' CSVLogger) then every series of
        /// <see cref="Series"/>; numbers in invariant culture with round-trip precision; a missing value is empty.
        /// </summary>
        public string ToCsv()
        {
            IReadOnlyList<KeyValuePair<string, IReadOnlyList<float>>> series = Series();
            var sb = new StringBuilder();
            sb.Append("epoch");
            foreach (var s in series) sb.Append(',').Append(s.Key);
            sb.Append('\n');
            for (int e = 0; e < Epochs; e++)
            {
                sb.Append(e.ToString(CultureInfo.InvariantCulture));
                foreach (var s in series)
                {
                    sb.Append(',');
                    if (e < s.Value.Count) sb.Append(HistoryFormat.Number(s.Value[e]));
                }
                sb.Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/>.</summary>
        public void SaveCsv(string path) => File.WriteAllText(path, ToCsv(), new UTF8Encoding(false));

        /// <summary>Reads a history written by <see cref="ToCsv"/> (or by <see cref="CsvLogger"/>, comma-separated).</summary>
        public static History FromCsv(string csv)
        {
            if (csv is null) throw new ArgumentNullException(nameof(csv));
            string[] lines = csv.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0) throw new FormatException("The CSV is empty: expected a header row starting with 'epoch'.");
            string[] header = lines[0].Split(',');
            if (header[0] != "epoch") throw new FormatException($"The CSV header starts with '{header[0]}': expected 'epoch', as History.ToCsv writes.");
            var columns = new List<float>[header.Length - 1];
            for (int c = 0; c < columns.Length; c++) columns[c] = new List<float>();
            for (int r = 1; r < lines.Length; r++)
            {
                string[] cells = lines[r].Split(',');
                if (cells.Length != header.Length) throw new FormatException($"CSV row {r} has {cells.Length} cells; the header has {header.Length}.");
                for (int c = 1; c < cells.Length; c++)
                {
                    columns[c - 1].Add(cells[c].Length == 0 ? float.NaN : HistoryFormat.Parse(cells[c]));
                }
            }
            var series = new List<KeyValuePair<string, List<float>>>();
            for (int c = 0; c < columns.Length; c++) series.Add(new(header[c + 1], columns[c]));
            return FromSeries(series);
        }

        // ---- JSON ----

        /// <summary>
        /// The history as JSON, Keras' <c>history.history</c>: an object of series name → array of per-epoch numbers,
        /// in the order of <see cref="Series"/>. NaN (not representable in JSON) is written as null.
        /// </summary>
        public string ToJson()
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                foreach (var s in Series())
                {
                    json.WriteStartArray(s.Key);
                    foreach (float v in s.Value)
                    {
                        if (float.IsFinite(v)) json.WriteNumberValue(v);
                        else json.WriteNullValue();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
        public void SaveJson(string path) => File.WriteAllText(path, ToJson(), new UTF8Encoding(false));

        /// <summary>Reads a history written by <see cref="ToJson"/> (or Keras' <c>json.dump(history.history)</c>).</summary>
        public static History FromJson(string json)
        {
            if (json is null) throw new ArgumentNullException(nameof(json));
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("The history JSON must be an object of series name → array of numbers.");
            var series = new List<KeyValuePair<string, List<float>>>();
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Array) throw new FormatException($"History series '{p.Name}' is not an array.");
                var values = new List<float>();
                foreach (JsonElement e in p.Value.EnumerateArray()) values.Add(e.ValueKind == JsonValueKind.Null ? float.NaN : e.GetSingle());
                series.Add(new(p.Name, values));
            }
            return FromSeries(series);
        }

        /// <summary>Rebuilds a History from named series: the Keras names fill the typed lists, the rest become metrics.</summary>
        private static History FromSeries(List<KeyValuePair<string, List<float>>> series)
        {
            var h = new History();
            bool hasLoss = false;
            foreach (var s in series)
            {
                switch (s.Key)
                {
                    case "loss": h.Loss.AddRange(s.Value); hasLoss = true; break;
                    case "val_loss": h.ValLoss.AddRange(s.Value); break;
                    case "accuracy": h.Accuracy.AddRange(s.Value); break;
                    case "val_accuracy": h.ValAccuracy.AddRange(s.Value); break;
                    case "learning_rate": h.LearningRate.AddRange(s.Value); break;
                    default:
                        h.Declare(s.Key, validation: false);
                        h._metrics[s.Key].AddRange(s.Value);
                        break;
                }
            }
            if (!hasLoss) throw new FormatException("The history has no 'loss' series.");
            // The typed accuracy lists hold one value per epoch (NaN for regression), as Fit fills them.
            while (h.Accuracy.Count < h.Epochs) h.Accuracy.Add(float.NaN);
            if (h.ValLoss.Count > 0)
            {
                while (h.ValAccuracy.Count < h.ValLoss.Count) h.ValAccuracy.Add(float.NaN);
            }
            return h;
        }

        // ---- SVG ----

        /// <summary>
        /// Learning curves as a standalone SVG document: one panel for the loss and one per metric, each with the
        /// training series (solid) and the validation series (dashed) against the epoch (1-based), axes with ticks,
        /// a title and a legend; a last panel shows the learning rate (log scale) when it changed.
        /// </summary>
        public string ToSvg(string title = "Learning curves")
        {
            var panels = new List<SvgPlot.Panel>();
            IReadOnlyList<KeyValuePair<string, IReadOnlyList<float>>> series = Series();
            var byName = new Dictionary<string, IReadOnlyList<float>>(StringComparer.Ordinal);
            foreach (var s in series) byName[s.Key] = s.Value;
            foreach (var s in series)
            {
                if (s.Key.StartsWith("val_", StringComparison.Ordinal) || s.Key == "learning_rate") continue;
                var lines = new List<SvgPlot.Line> { new(s.Key, Epochs1(s.Value.Count), ToDoubles(s.Value), SvgPlot.TrainColor, Dashed: false) };
                if (byName.TryGetValue("val_" + s.Key, out IReadOnlyList<float>? val))
                {
                    lines.Add(new("val_" + s.Key, Epochs1(val.Count), ToDoubles(val), SvgPlot.ValidationColor, Dashed: true));
                }
                panels.Add(new SvgPlot.Panel(s.Key, "epoch", s.Key, LogX: false, LogY: false, lines));
            }
            if (byName.TryGetValue("learning_rate", out IReadOnlyList<float>? rates) && rates.Count > 1 && !AllEqual(rates))
            {
                panels.Add(new SvgPlot.Panel("learning_rate", "epoch", "learning rate", LogX: false, LogY: true,
                    new List<SvgPlot.Line> { new("learning_rate", Epochs1(rates.Count), ToDoubles(rates), SvgPlot.RateColor, Dashed: false) }));
            }
            return SvgPlot.Render(title, panels);
        }

        /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/>.</summary>
        public void SaveSvg(string path, string title = "Learning curves") => File.WriteAllText(path, ToSvg(title), new UTF8Encoding(false));

        private static double[] Epochs1(int count)
        {
            var x = new double[count];
            for (int i = 0; i < count; i++) x[i] = i + 1;
            return x;
        }

        private static double[] ToDoubles(IReadOnlyList<float> values)
        {
            var y = new double[values.Count];
            for (int i = 0; i < y.Length; i++) y[i] = values[i];
            return y;
        }

        private static bool AllEqual(IReadOnlyList<float> values)
        {
            for (int i = 1; i < values.Count; i++)
            {
                if (values[i] != values[0]) return false;
            }
            return true;
        }
    }

    /// <summary>Number formatting shared by the CSV writers: invariant culture, shortest round-trip form.</summary>
    internal static class HistoryFormat
    {
        internal static string Number(float value) =>
            float.IsNaN(value) ? "nan" : value.ToString("R", CultureInfo.InvariantCulture);

        internal static float Parse(string text) =>
            text == "nan" || text == "NaN" ? float.NaN : float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
