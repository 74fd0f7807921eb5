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
    /// Functional (graph) models: the wide &amp; deep model against PyTorch (Fixtures/graphs.json: forward values,
    /// per-output and weighted losses, every gradient), central finite differences through every merge kind with
    /// fan-out, zero allocations per training step and per typed Predict, training through the typed Fit, and the
    /// OpenCL backend's refusal. Run with DOTNET_EnableAVX512F=0 for the AVX2 path.
    /// </summary>
    public class GraphModelTests
    {
        private static JsonElement Fixture()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "graphs.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty("models").GetProperty("wide_and_deep").Clone();
        }

        private static float[] Data(JsonElement tensor) => tensor.GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

        private static WideAndDeepNet FromFixture(JsonElement f, out float[] x, out float[] t)
        {
            var model = new WideAndDeepNet(1);
            foreach (JsonProperty p in f.GetProperty("initial").EnumerateObject()) model.WriteParameter(p.Name, Data(p.Value));
            JsonElement inputs = f.GetProperty("inputs"), targets = f.GetProperty("targets");
            x = WideAndDeepNet.PackInputs(Data(inputs.GetProperty("Wide")), Data(inputs.GetProperty("Deep")));
            t = WideAndDeepNet.PackTargets(Data(targets.GetProperty("main_output")), Data(targets.GetProperty("aux_output")));
            return model;
        }

        [Fact]
        public void WideAndDeep_ForwardLossAndGradients_MatchPyTorch()
        {
            JsonElement f = Fixture();
            using WideAndDeepNet model = FromFixture(f, out float[] x, out float[] t);

            float loss = model.ComputeGradients(x, t);
            Tolerance.AssertClose(f.GetProperty("losses").GetProperty("loss").GetDouble(), loss, Tolerance.Reference, Tolerance.ReferenceFloor, "weighted loss");
            foreach (JsonProperty g in f.GetProperty("gradients").EnumerateObject())
            {
                Tolerance.AssertClose(Data(g.Value), model.ReadGradient(g.Name), Tolerance.Reference, Tolerance.ReferenceFloor, g.Name + " gradient");
            }

            // Predict: the packed rows hold main_output then aux_output.
            float[] packed = model.PredictBatch(x);
            float[] main = Data(f.GetProperty("values").GetProperty("main_output")), aux = Data(f.GetProperty("values").GetProperty("aux_output"));
            int count = main.Length;
            Tolerance.AssertClose(main, Enumerable.Range(0, count).Select(n => packed[n * 2]).ToArray(), Tolerance.Reference, Tolerance.ReferenceFloor, "main_output");
            Tolerance.AssertClose(aux, Enumerable.Range(0, count).Select(n => packed[n * 2 + 1]).ToArray(), Tolerance.Reference, Tolerance.ReferenceFloor, "aux_output");

            // The typed Predict: one span per input and per output.
            float[] wide = Data(f.GetProperty("inputs").GetProperty("Wide")), deep = Data(f.GetProperty("inputs").GetProperty("Deep"));
            var m = new float[1];
            var a = new float[1];
            for (int n = 0; n < count; n++)
            {
                model.Predict(wide.AsSpan(n * 5, 5), deep.AsSpan(n * 6, 6), m, a);
                Tolerance.AssertClose(main[n], m[0], Tolerance.Reference, Tolerance.ReferenceFloor, $"main_output[{n}]");
                Tolerance.AssertClose(aux[n], a[0], Tolerance.Reference, Tolerance.ReferenceFloor, $"aux_output[{n}]");
            }
        }

        [Fact]
        public void EveryMerge_GradientsMatchFiniteDifferences()
        {
            using var model = new EveryMergeNet(7);
            var rng = new Random(11);
            const int Count = 5;
            float[] x = Enumerable.Range(0, Count * 7).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] t = Enumerable.Range(0, Count * 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            string[] tensors = new[] { "A", "Gate", "Head", "Y", "Side" }.SelectMany(n => new[] { n + ".kernel", n + ".bias" }).ToArray();
            // Non-zero biases, so their gradients and every product in Multiply's backward are exercised.
            foreach (string name in tensors.Where(n => n.EndsWith(".bias", StringComparison.Ordinal)))
            {
                model.WriteParameter(name, model.ReadParameter(name).Select(_ => (float)(rng.NextDouble() * 0.4 - 0.2)).ToArray());
            }

            model.ComputeGradients(x, t);
            var analytic = tensors.ToDictionary(n => n, n => model.ReadGradient(n));
            const float H = 1e-2f;
            foreach (string name in tensors)
            {
                float[] numeric = CentralDifferences.Of(model, name, x, t, H);
                Tolerance.AssertClose(numeric, analytic[name], Tolerance.FiniteDifference, Tolerance.FiniteDifferenceFloor, name + " gradient vs finite differences");
                // A wrong factor (×2, ×½, ×0, ×-1) on this tensor would be rejected: some entry lies above 2.1e-3, where
                // |c - 1|·|g| exceeds the allowed 2e-2·|g| + 1e-3 for each of those factors (see FiniteDifferenceTests).
                Assert.True(numeric.Max(Math.Abs) > 3 * Tolerance.FiniteDifferenceFloor, $"{name}: gradients too small for the check to bite (largest {numeric.Max(Math.Abs)})");
            }
        }

        [Fact]
        public void ResidualMlp_GradientsMatchFiniteDifferences()
        {
            using var model = new ResidualMlp(3);
            var rng = new Random(5);
            const int Count = 4;
            float[] x = Enumerable.Range(0, Count * 40).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] t = Enumerable.Range(0, Count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            model.ComputeGradients(x, t);
            const float H = 1e-2f;
            foreach (string name in new[] { "Block1A.kernel", "Block1B.bias", "Block2A.kernel", "Block2B.kernel", "Y.kernel" })
            {
                float[] analytic = model.ReadGradient(name);
                float[] w = model.ReadParameter(name);
                // Every 7th entry: the kernels hold 1,600 entries each.
                for (int i = 0; i < w.Length; i += 7)
                {
                    float original = w[i];
                    w[i] = original + H;
                    model.WriteParameter(name, w);
                    double plus = model.ComputeGradients(x, t);
                    w[i] = original - H;
                    model.WriteParameter(name, w);
                    double minus = model.ComputeGradients(x, t);
                    w[i] = original;
                    model.WriteParameter(name, w);
                    Tolerance.AssertClose((plus - minus) / (2 * H), analytic[i], Tolerance.FiniteDifference, Tolerance.FiniteDifferenceFloor, $"{name}[{i}]");
                }
            }
        }

        [Fact]
        public void TrainingStepAndTypedPredict_AllocateNothing()
        {
            using var model = new EveryMergeNet(1);
            float[] x = new float[32 * 7], t = new float[32 * 3];
            for (int i = 0; i < x.Length; i++) x[i] = (i % 13) / 13f - 0.5f;
            for (int i = 0; i < t.Length; i++) t[i] = (i % 5) / 5f;
            using var wide = FromFixture(Fixture(), out float[] _, out float[] _);
            float[] w = new float[5], d = new float[6], m = new float[1], a = new float[1];
            for (int warm = 0; warm < 3; warm++)
            {
                model.TrainBatch(x, t);
                wide.Predict(w, d, m, a);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                model.TrainBatch(x, t);
                wide.Predict(w, d, m, a);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void TypedFit_TrainsBothOutputs()
        {
            var rng = new Random(3);
            const int Count = 256;
            float[] wide = Enumerable.Range(0, Count * 5).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] deep = Enumerable.Range(0, Count * 6).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] main = Enumerable.Range(0, Count).Select(n => wide[n * 5] + deep[n * 6 + 1] * deep[n * 6 + 2]).ToArray();
            float[] aux = Enumerable.Range(0, Count).Select(n => deep[n * 6 + 3]).ToArray();
            using var model = new WideAndDeepNet(9);
            History history = model.Fit((wide, deep), (main, aux), epochs: 40, batchSize: 32, verbose: false);
            Assert.Equal(40, history.Epochs);
            Assert.True(history.Loss[^1] < 0.5f * history.Loss[0], $"loss {history.Loss[0]} -> {history.Loss[^1]}");
        }

        [Fact]
        public void Summary_ListsNodesConnectionsAndTotals()
        {
            string summary = WideAndDeepNet.Summary();
            Assert.StartsWith("Model: WideAndDeepNet\nLayer (type)", summary);
            Assert.Contains("Concat (Concatenate)  [35]          0       Wide, Hidden2", summary);
            Assert.Contains("Trainable parameters: 1,207 (4,828 bytes)", summary);
            Assert.Contains("Output main_output: MeanSquaredError, weight 0.9 (History: main_output_loss)", summary);
        }
    }
}
