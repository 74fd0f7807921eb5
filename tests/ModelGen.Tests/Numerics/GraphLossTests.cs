using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Per-output losses, weights and metrics of functional models: a three-output model (MSE, BCE from logits, CCE)
    /// against PyTorch (Fixtures/graph_losses.json from make_graph_losses.py: every loss, gradient and metric), finite
    /// differences through MAE, Huber, BCE on probabilities and CCE from logits, Keras' History names (with and without
    /// validation, one output and several) and Evaluate's dictionary. Run with DOTNET_EnableAVX512F=0 for AVX2.
    /// </summary>
    public class GraphLossTests
    {
        private static JsonElement Fixture()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "graph_losses.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.Clone();
        }

        private static float[] Data(JsonElement tensor) => tensor.GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

        private static MultiLossNet FromFixture(JsonElement f, out float[] x, out float[] t)
        {
            var model = new MultiLossNet(1);
            foreach (JsonProperty p in f.GetProperty("initial").EnumerateObject()) model.WriteParameter(p.Name, Data(p.Value));
            x = Data(f.GetProperty("inputs"));
            JsonElement targets = f.GetProperty("targets");
            t = MultiLossNet.PackTargets(Data(targets.GetProperty("reg")), Data(targets.GetProperty("flag")), Data(targets.GetProperty("cls")));
            return model;
        }

        [Fact]
        public void ThreeLosses_LossGradientsAndMetrics_MatchPyTorch()
        {
            JsonElement f = Fixture();
            using MultiLossNet model = FromFixture(f, out float[] x, out float[] t);

            float loss = model.ComputeGradients(x, t);
            Tolerance.AssertClose(f.GetProperty("losses").GetProperty("loss").GetDouble(), loss, Tolerance.Reference, Tolerance.ReferenceFloor, "weighted loss");
            foreach (JsonProperty g in f.GetProperty("gradients").EnumerateObject())
            {
                Tolerance.AssertClose(Data(g.Value), model.ReadGradient(g.Name), Tolerance.Reference, Tolerance.ReferenceFloor, g.Name + " gradient");
            }

            // Evaluate: the weighted loss, each output's own (unweighted) loss and its metrics, by Keras name.
            Dictionary<string, float> evaluated = model.EvaluateMetrics(x, t, batchSize: 4);
            Assert.Equal(new[] { "loss", "reg_loss", "reg_mae", "reg_root_mean_squared_error", "flag_loss", "flag_binary_accuracy", "cls_loss", "cls_accuracy" },
                evaluated.Keys.ToArray());
            foreach (JsonProperty l in f.GetProperty("losses").EnumerateObject())
            {
                Tolerance.AssertClose(l.Value.GetDouble(), evaluated[l.Name], Tolerance.Reference, Tolerance.ReferenceFloor, l.Name);
            }
            foreach (JsonProperty m in f.GetProperty("metrics").EnumerateObject())
            {
                Tolerance.AssertClose(m.Value.GetDouble(), evaluated[m.Name], Tolerance.Reference, Tolerance.ReferenceFloor, m.Name);
            }
        }

        [Fact]
        public void Fit_HistoryHasKerasNamesForEveryOutput()
        {
            JsonElement f = Fixture();
            using MultiLossNet model = FromFixture(f, out float[] x, out float[] t);
            History h = model.Fit(x, t, epochs: 3, batchSize: 4, validation: (x, t), verbose: false);
            string[] expected =
            {
                "loss", "reg_loss", "reg_mae", "reg_root_mean_squared_error", "flag_loss", "flag_binary_accuracy", "cls_loss", "cls_accuracy",
                "val_loss", "val_reg_loss", "val_reg_mae", "val_reg_root_mean_squared_error", "val_flag_loss", "val_flag_binary_accuracy", "val_cls_loss", "val_cls_accuracy",
            };
            Assert.Equal(expected, h.Series().Select(s => s.Key).Where(k => k != "learning_rate").ToArray());
            for (int e = 0; e < 3; e++)
            {
                // The total is the weighted sum of the per-output running means (every mean weighs each sample once).
                double weighted = 0.5 * h["reg_loss"][e] + 0.3 * h["flag_loss"][e] + 0.2 * h["cls_loss"][e];
                Tolerance.AssertClose(weighted, h.Loss[e], 1e-5, 1e-6, $"epoch {e} loss");
                weighted = 0.5 * h["val_reg_loss"][e] + 0.3 * h["val_flag_loss"][e] + 0.2 * h["val_cls_loss"][e];
                Tolerance.AssertClose(weighted, h.ValLoss[e], 1e-5, 1e-6, $"epoch {e} val_loss");
            }
            // The validation entries after the last epoch are what Evaluate reports for the same weights.
            Dictionary<string, float> evaluated = model.EvaluateMetrics(x, t, batchSize: 4);
            foreach (string key in evaluated.Keys.Where(k => k != "loss")) Tolerance.AssertClose(evaluated[key], h["val_" + key][^1], 1e-6, 1e-7, key);
        }

        [Fact]
        public void OneOutput_MetricsKeepTheirPlainKerasNames()
        {
            var rng = new Random(2);
            float[] x = Enumerable.Range(0, 40 * 3).Select(_ => (float)rng.NextDouble()).ToArray();
            float[] y = Enumerable.Range(0, 40).Select(n => x[n * 3] - x[n * 3 + 2]).ToArray();
            using var model = new SingleOutputMetricsNet(1);
            History h = model.Fit(x, y, epochs: 2, batchSize: 8, verbose: false);
            Assert.Equal(new[] { "loss", "mse" }, h.Series().Select(s => s.Key).Where(k => k != "learning_rate").ToArray());
            Assert.Equal(new[] { "loss", "mse" }, model.EvaluateMetrics(x, y).Keys.ToArray());
        }

        [Fact]
        public void OtherLosses_GradientsMatchFiniteDifferences()
        {
            using var model = new OtherLossNet(4);
            var rng = new Random(21);
            const int Count = 6;
            float[] x = Enumerable.Range(0, Count * 5).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            // Targets: Huber residuals on both sides of delta = 1, binary targets in [0, 1], soft class rows.
            float[] robust = Enumerable.Range(0, Count * 2).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            float[] sum = Enumerable.Range(0, Count * 2).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] prob = Enumerable.Range(0, Count * 2).Select(_ => (float)rng.NextDouble()).ToArray();
            float[] logits = Enumerable.Range(0, Count * 4).Select(i => i % 4 == (i / 4) % 4 ? 0.7f : 0.1f).ToArray();
            float[] t = OtherLossNet.PackTargets(robust, sum, prob, logits);
            foreach (string bias in new[] { "Hidden.bias", "Robust.bias", "Side.bias", "Prob.bias", "Logits.bias" })
            {
                model.WriteParameter(bias, model.ReadParameter(bias).Select(_ => (float)(rng.NextDouble() * 0.4 - 0.2)).ToArray());
            }
            string[] tensors = new[] { "Hidden.kernel", "Hidden.bias", "Robust.kernel", "Robust.bias", "Side.kernel", "Prob.kernel", "Logits.kernel", "Logits.bias" };
            // Every analytic gradient is read before any perturbation: each finite difference leaves the gradients of a perturbed model behind.
            model.ComputeGradients(x, t);
            var gradients = tensors.ToDictionary(n => n, n => model.ReadGradient(n));
            const float H = 1e-3f;
            foreach (string name in tensors)
            {
                float[] analytic = gradients[name];
                float[] numeric = CentralDifferences.Of(model, name, x, t, H);
                Tolerance.AssertClose(numeric, analytic, Tolerance.FiniteDifference, Tolerance.FiniteDifferenceFloor, name + " gradient vs finite differences");
                Assert.True(numeric.Max(Math.Abs) > 3 * Tolerance.FiniteDifferenceFloor, $"{name}: gradients too small for the check to bite");
            }
        }

        [Fact]
        public void TrainingStepWithMetrics_AllocatesNothing()
        {
            JsonElement f = Fixture();
            using MultiLossNet model = FromFixture(f, out float[] x, out float[] t);
            for (int warm = 0; warm < 3; warm++) model.TrainBatch(x, t);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) model.TrainBatch(x, t);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
