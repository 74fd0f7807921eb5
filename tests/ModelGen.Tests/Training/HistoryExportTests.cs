using System;
using System.Linq;
using System.Xml.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Training
{
    /// <summary>History's CSV and JSON round trips, the SVG learning curves, the learning-rate finder and the progress line.</summary>
    public class HistoryExportTests
    {
        private static History Trained()
        {
            var (x, y) = TrainingData.Xor(60, 4);
            using var model = new XorNet(seed: 3);
            return model.Fit(x, y, epochs: 4, batchSize: 16, verbose: false, validationSplit: 0.25f);
        }

        [Fact]
        public void Series_UseKerasNamesInKerasOrder()
        {
            Assert.Equal(new[] { "loss", "accuracy", "val_loss", "val_accuracy", "learning_rate" }, Trained().Series().Select(s => s.Key).ToArray());
        }

        [Fact]
        public void Csv_RoundTripsExactly()
        {
            History h = Trained();
            string csv = h.ToCsv();
            Assert.StartsWith("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate\n0,", csv);
            History back = History.FromCsv(csv);
            Assert.Equal(h.Loss, back.Loss);
            Assert.Equal(h.Accuracy, back.Accuracy);
            Assert.Equal(h.ValLoss, back.ValLoss);
            Assert.Equal(h.ValAccuracy, back.ValAccuracy);
            Assert.Equal(h.LearningRate, back.LearningRate);
            Assert.Equal(csv, back.ToCsv());
        }

        [Fact]
        public void Json_RoundTripsExactly_WithDeclaredMetricsAndNaN()
        {
            var (x, y) = TrainingData.Linear(40, 2);
            using var model = new LinearRegressor(seed: 4);
            History h = model.Fit(x, y, epochs: 3, batchSize: 8, verbose: false, validationSplit: 0.25f);
            h.Loss[1] = float.NaN; // NaN is written as null and read back as NaN
            string json = h.ToJson();
            History back = History.FromJson(json);
            Assert.Equal(json, back.ToJson());
            Assert.True(float.IsNaN(back.Loss[1]));
            Assert.Equal(h.ValLoss, back.ValLoss);
            Assert.Equal(h.Series().Select(s => s.Key), back.Series().Select(s => s.Key));

            using var metricModel = new MetricRegressor(seed: 1);
            var y2 = new float[40 * metricModel.OutputSize];
            var x2 = new float[40 * metricModel.InputSize];
            for (int i = 0; i < x2.Length; i++) x2[i] = (i % 7) * 0.1f;
            for (int i = 0; i < y2.Length; i++) y2[i] = (i % 5) * 0.2f;
            History m = metricModel.Fit(x2, y2, epochs: 2, batchSize: 8, verbose: false, validationSplit: 0.2f);
            History mBack = History.FromJson(m.ToJson());
            Assert.Equal(m.ToJson(), mBack.ToJson());
            Assert.Equal(m["val_mae"], mBack["val_mae"]);
        }

        [Fact]
        public void Svg_IsWellFormedWithTrainAndValidationSeries()
        {
            History h = Trained();
            XDocument doc = XDocument.Parse(h.ToSvg());
            XNamespace svg = "http://www.w3.org/2000/svg";
            Assert.Equal(svg + "svg", doc.Root!.Name);
            var series = doc.Descendants(svg + "polyline").Where(p => (string?)p.Attribute("class") == "series").ToList();
            Assert.Equal(new[] { "loss", "val_loss", "accuracy", "val_accuracy" }, series.Select(p => (string)p.Attribute("data-series")!).ToArray());
            foreach (XElement p in series)
            {
                string[] points = ((string)p.Attribute("points")!).Split(' ');
                Assert.Equal(h.Epochs, points.Length);
            }
            var panels = doc.Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "panel").Select(g => (string)g.Attribute("data-panel")!).ToArray();
            Assert.Equal(new[] { "loss", "accuracy" }, panels);
            Assert.Contains(doc.Descendants(svg + "text"), t => t.Value == "epoch");
            Assert.Contains(doc.Descendants(svg + "text"), t => t.Value == "val_loss"); // the legend
        }

        [Fact]
        public void Svg_ShowsTheLearningRateWhenItChanges()
        {
            var (x, y) = TrainingData.Xor(60, 4);
            using var model = new XorNet(seed: 3);
            model.Schedule = new ExponentialDecay(0.02f, 4, 0.5f);
            History h = model.Fit(x, y, epochs: 3, batchSize: 16, verbose: false);
            XDocument doc = XDocument.Parse(h.ToSvg("a <title> & more"));
            Assert.Contains(doc.Descendants().Where(e => e.Name.LocalName == "polyline"), p => (string?)p.Attribute("data-series") == "learning_rate");
            Assert.Contains(doc.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "a <title> & more");
        }

        [Fact]
        public void LearningRateFinder_GrowsTheRateExponentially_AndRestoresTheModel()
        {
            var (x, y) = TrainingData.Xor(200, 5);
            using var model = new XorNet(seed: 8);
            model.Fit(x, y, epochs: 1, batchSize: 32, verbose: false);
            float[] before = model.ReadParameter("dense.kernel");
            long iterations = model.Iterations;
            float rate = model.LearningRate;
            var schedule = new ExponentialDecay(0.02f, 100, 0.5f);
            model.Schedule = schedule;

            LearningRateFinderResult r = model.FindLearningRate(x, y, minRate: 1e-5f, maxRate: 100f, steps: 200, batchSize: 16);

            Assert.Equal(before, model.ReadParameter("dense.kernel"));
            Assert.Equal(iterations, model.Iterations);
            Assert.Equal(rate, model.LearningRate);
            Assert.Same(schedule, model.Schedule);
            Assert.True(r.Rates.Length >= 20 && r.Rates.Length <= 200);
            Assert.Equal(1e-5f, r.Rates[0]);
            for (int i = 1; i < r.Rates.Length; i++)
            {
                Assert.Equal(1e-5 * Math.Pow(1e7, i / 199.0), r.Rates[i], 1e-5 * r.Rates[i]);
            }
            int argmin = Array.IndexOf(r.SmoothedLosses, r.SmoothedLosses.Min());
            Assert.Equal(argmin, r.MinimumIndex);
            Assert.Equal(r.Rates[argmin] / 10, r.SuggestedRate);
            // The huge rates diverge: the finder stops before the last step.
            Assert.True(r.Rates.Length < 200, $"the finder ran all {r.Rates.Length} steps");

            // After the finder, training continues exactly as a twin that never ran it.
            using var twin = new XorNet(seed: 8);
            twin.Fit(x, y, epochs: 1, batchSize: 32, verbose: false);
            twin.Schedule = schedule;
            model.Fit(x, y, epochs: 1, batchSize: 32, verbose: false);
            twin.Fit(x, y, epochs: 1, batchSize: 32, verbose: false);
            Assert.Equal(twin.ReadParameter("dense.kernel"), model.ReadParameter("dense.kernel"));

            XDocument doc = XDocument.Parse(r.ToSvg());
            Assert.Equal(2, doc.Descendants().Count(e => e.Name.LocalName == "polyline"));
            Assert.Single(doc.Descendants(), e => (string?)e.Attribute("class") == "marker");
        }

        [Fact]
        public void ProgressBar_RendersStepsLossRateAndEta()
        {
            string line = ProgressBar.Render(1, 10, 15, 60, 0.43216, 1e-3f, 3.0);
            Assert.Equal("Epoch 2/10 [=======>......................] 15/60 - ETA 9s - loss: 0.4322 - lr: 1.000e-03", line);
            Assert.Equal("1:05", ProgressBar.FormatSeconds(64.2));
            var writer = new System.IO.StringWriter();
            var bar = new ProgressBar(writer, 1, TimeSpan.Zero);
            bar.Begin(0, 2);
            bar.Update(1, 1.0, 0.1f);
            bar.Update(2, 0.5, 0.1f);
            bar.End("Epoch 1/1 - done");
            string text = writer.ToString();
            Assert.StartsWith("\rEpoch 1/1 [", text);
            Assert.Equal(3, text.Count(c => c == '\r'));
            Assert.Contains("\rEpoch 1/1 - done ", text); // padded with spaces over the longer bar
            Assert.EndsWith(Environment.NewLine, text);
        }
    }
}
