using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

using static ModelGen.Tests.OpenCl.DeviceComparison;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// Functional (graph) models on the OpenCL device (PoCL here) against the generated C# from the same weights, as
    /// OpenClModelTests does for sequential models: Predict, the weighted loss and every gradient, ten training steps,
    /// and Fit/EvaluateMetrics with every History entry (the weighted "loss" and each output's own loss and metrics).
    /// The models cover two inputs read at their packed columns, fan-out (the first gradient contribution writes, later
    /// ones add, through the scratch rows for a Dense), every merge, Flatten and Normalization nodes, and every output
    /// loss the graph path supports (MSE, MAE, Huber, BCE and CCE with and without FromLogits) with their weights.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class GraphOpenClTests
    {
        /// <summary>OpenCL against C#: float32 both, summed in different orders (tiles against register blocks).</summary>
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string> Models => new() { "wide_and_deep", "every_merge", "residual", "multi_loss", "other_loss", "normalized", "flatten", "single_output", "learned_activations",
            "training_math", "residual_training_math", "batch_norm", "dropout", "huber_delta" };

        private static CompiledModel Create(string name)
        {
            switch (name)
            {
                case "wide_and_deep": return new WideAndDeepNet(seed: 1);
                case "every_merge": return new EveryMergeNet(seed: 1);
                case "residual": return new ResidualMlp(seed: 1);
                case "multi_loss": return new MultiLossNet(seed: 1);
                case "other_loss": return new OtherLossNet(seed: 1);
                case "flatten": return new FlattenNodesNet(seed: 1);
                case "single_output": return new SingleOutputMetricsNet(seed: 1);
                case "learned_activations": return new LearnedActivationGraph(seed: 1);
                // Regularizers, a frozen node, MaxNorm and clipping; batch normalization and dropout nodes.
                case "training_math": return new GraphTrainingMath(seed: 1);
                case "residual_training_math": return new ResidualTrainingMath(seed: 1);
                case "batch_norm": return new GraphBatchNorm(seed: 1);
                case "dropout": return new GraphDropout(seed: 1);
                case "huber_delta": return new HuberDeltaNet(seed: 1);
                case "normalized":
                    var model = new NormalizedGraph(seed: 1);
                    var rng = new Random(5);
                    model.AdaptDeepNorm(Enumerable.Range(0, 40 * 21).Select(_ => (float)(rng.NextDouble() * 3 - 1)).ToArray());
                    // Variances that differ from 1, so the backward's 1/std scaling shows.
                    model.WriteParameter("HiddenNorm.mean", Enumerable.Range(0, 19).Select(i => 0.05f * i - 0.4f).ToArray());
                    model.WriteParameter("HiddenNorm.variance", Enumerable.Range(0, 19).Select(i => 0.2f + 0.15f * i).ToArray());
                    return model;
                default: throw new ArgumentException(name);
            }
        }

        private static (CompiledModel Cpu, CompiledModel Device) Pair(string name) => DeviceComparison.Pair(() => Create(name));

        /// <summary>A random batch; targets rounded to 0 or 1 so accuracy metrics and cross-entropies see class-like rows.</summary>
        private static (float[] X, int[]? Labels, float[]? Targets) GraphBatch(CompiledModel model, int count, int seed)
        {
            var b = Batch(model, count, seed);
            float[] t = b.Targets!.Select(v => v < 0.5f ? 0f : 1f).ToArray();
            return (b.X, null, t);
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Forward_MatchesCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                var b = GraphBatch(cpu, 37, 1); // more than one 16-row tile and more than the default batch capacity
                Tolerance.AssertClose(cpu.PredictBatch(b.X), device.PredictBatch(b.X), Rtol, Atol, $"{name} outputs");
                var one = new float[cpu.OutputSize];
                var expected = new float[cpu.OutputSize];
                cpu.Predict(b.X.AsSpan(0, cpu.InputSize), expected);
                device.Predict(b.X.AsSpan(0, cpu.InputSize), one);
                Tolerance.AssertClose(expected, one, Rtol, Atol, $"{name} single-sample output");
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void LossAndEveryGradient_MatchCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                var b = GraphBatch(cpu, 21, 2);
                float loss = Gradients(cpu, b);
                Tolerance.AssertClose(loss, Gradients(device, b), Rtol, Atol, $"{name} loss");
                foreach (TensorSpec t in cpu.Layout.Tensors)
                {
                    float[] expected = cpu.ReadGradient(t.Name);
                    Tolerance.AssertClose(expected, device.ReadGradient(t.Name), Rtol, Atol, $"{name} gradient of {t.Name}");
                }
                // The check bites: the model's gradients are not all zero.
                Assert.Contains(cpu.Layout.Tensors, t => cpu.ReadGradient(t.Name).Any(v => Math.Abs(v) > 1e-3f));
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void TenTrainingSteps_MatchCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                for (int step = 0; step < 10; step++)
                {
                    var b = GraphBatch(cpu, 16 + step, 100 + step);
                    Tolerance.AssertClose(Train(cpu, b), Train(device, b), Rtol, Atol, $"{name} loss at step {step + 1}");
                }
                Assert.Equal(cpu.Iterations, device.Iterations);
                DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{name} {n} after 10 steps");
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void FitAndEvaluateMetrics_HistoryEntriesMatchCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                var train = GraphBatch(cpu, 90, 7);
                var valid = GraphBatch(cpu, 30, 8);
                History hc = cpu.Fit(train.X, train.Targets!, epochs: 3, batchSize: 16, validation: (valid.X, valid.Targets!), shuffle: false, verbose: false);
                History hd = device.Fit(train.X, train.Targets!, epochs: 3, batchSize: 16, validation: (valid.X, valid.Targets!), shuffle: false, verbose: false);
                Tolerance.AssertClose(hc.Loss.ToArray(), hd.Loss.ToArray(), Rtol, Atol, $"{name} epoch losses");
                Tolerance.AssertClose(hc.ValLoss.ToArray(), hd.ValLoss.ToArray(), Rtol, Atol, $"{name} validation losses");
                Assert.Equal(hc.Metrics.Keys.OrderBy(k => k, StringComparer.Ordinal), hd.Metrics.Keys.OrderBy(k => k, StringComparer.Ordinal));
                Assert.Equal(cpu.Layout.OutputEntries.Length * 2, hc.Metrics.Count);
                foreach (string key in hc.Metrics.Keys)
                {
                    Tolerance.AssertClose(hc[key].ToArray(), hd[key].ToArray(), Rtol, Atol, $"{name} History[{key}]");
                }
                Dictionary<string, float> ec = cpu.EvaluateMetrics(valid.X, valid.Targets!);
                Dictionary<string, float> ed = device.EvaluateMetrics(valid.X, valid.Targets!);
                Assert.Equal(ec.Keys.OrderBy(k => k, StringComparer.Ordinal), ed.Keys.OrderBy(k => k, StringComparer.Ordinal));
                foreach (var (key, value) in ec) Tolerance.AssertClose(value, ed[key], Rtol, Atol, $"{name} EvaluateMetrics[{key}]");
                Tolerance.AssertClose(cpu.Evaluate(valid.X, valid.Targets!), device.Evaluate(valid.X, valid.Targets!), Rtol, Atol, $"{name} Evaluate");
            }
        }

        [Fact]
        public void WideAndDeep_TypedFitAndPredict_OnTheDevice_MatchTheCpu()
        {
            var (cpuModel, deviceModel) = Pair("wide_and_deep");
            using var cpu = (WideAndDeepNet)cpuModel;
            using var device = (WideAndDeepNet)deviceModel;
            var rng = new Random(3);
            float[] Rows(int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] wide = Rows(64 * 5), deep = Rows(64 * 6), main = Rows(64), aux = Rows(64);
            History hc = cpu.Fit((wide, deep), (main, aux), epochs: 2, batchSize: 16, shuffle: false, verbose: false);
            History hd = device.Fit((wide, deep), (main, aux), epochs: 2, batchSize: 16, shuffle: false, verbose: false);
            Tolerance.AssertClose(hc.Loss.ToArray(), hd.Loss.ToArray(), Rtol, Atol, "loss");
            foreach (string key in new[] { "main_output_loss", "aux_output_loss" })
            {
                Tolerance.AssertClose(hc[key].ToArray(), hd[key].ToArray(), Rtol, Atol, key);
            }
            // Keras' total: loss = 0.9 main_output_loss + 0.1 aux_output_loss, on the device too.
            Tolerance.AssertClose(0.9 * hd["main_output_loss"][1] + 0.1 * hd["aux_output_loss"][1], hd.Loss[1], 1e-5, 1e-7, "weighted sum");
            float[] mc = new float[1], ac = new float[1], md = new float[1], ad = new float[1];
            cpu.Predict(wide.AsSpan(0, 5), deep.AsSpan(0, 6), mc, ac);
            device.Predict(wide.AsSpan(0, 5), deep.AsSpan(0, 6), md, ad);
            Tolerance.AssertClose(mc, md, Rtol, Atol, "typed Predict main_output");
            Tolerance.AssertClose(ac, ad, Rtol, Atol, "typed Predict aux_output");
        }

        /// <summary>
        /// One OpenCL host writer for both kinds of model: the same network declared sequentially and as a graph (with
        /// batch normalization nodes) trains alike on the device from the same weights. Every launch but the loss's
        /// comes from the same schedule walk; the sequential model's loss is LossOpenCl, the graph's GraphLossOpenCl.
        /// </summary>
        [Fact]
        public void SameNetworkDeclaredBothWays_TrainsAlikeOnTheDevice()
        {
            Assert.True(ModelGen.OpenCl.OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using var sequential = new SequentialBatchNormTwin(3);
            using var graph = new GraphBatchNorm(4);
            string[] tensors = sequential.Layout.Tensors.Select(t => t.Name).ToArray();
            foreach (string name in tensors) graph.WriteParameter(name, sequential.ReadParameter(name));
            sequential.UseOpenCl();
            graph.UseOpenCl();
            var rng = new Random(5);
            float[] x = Enumerable.Range(0, 16 * 5).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            float[] t = Enumerable.Range(0, 16 * 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            for (int step = 0; step < 4; step++)
            {
                Tolerance.AssertClose(sequential.TrainBatch(x, t), graph.TrainBatch(x, t), 1e-5, 1e-6, $"device loss, step {step}");
            }
            foreach (string name in tensors)
            {
                Tolerance.AssertClose(sequential.ReadParameter(name), graph.ReadParameter(name), 1e-5, 1e-6, name + " after four device steps");
            }
            float[] probe = Enumerable.Range(0, 7 * 5).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            Tolerance.AssertClose(sequential.PredictBatch(probe), graph.PredictBatch(probe), 1e-5, 1e-6, "device Predict (moving statistics)");
        }

        [Fact]
        public void UseCpu_BringsTheDeviceTrainedGraphBack()
        {
            var (cpu, device) = Pair("every_merge");
            using (cpu)
            using (device)
            {
                var b = GraphBatch(cpu, 24, 9);
                for (int step = 0; step < 3; step++)
                {
                    Train(cpu, b);
                    Train(device, b);
                }
                device.UseCpu();
                Assert.Equal(Backend.Cpu, device.Backend);
                Tolerance.AssertClose(cpu.PredictBatch(b.X), device.PredictBatch(b.X), Rtol, Atol, "outputs after coming back");
            }
        }

        /// <summary>
        /// The device training step of a graph model (upload, every node's kernels, the loss kernel, the optimizer, the
        /// metrics read-back) and the typed Predict allocate nothing once warmed up, as OpenClAllocationTests measures:
        /// the smallest of three measurements of 100 calls, after 50 warm-up calls.
        /// </summary>
        [Fact]
        public void TrainingStepAndTypedPredict_OnTheDevice_AllocateNothing()
        {
            var (cpuModel, deviceModel) = Pair("wide_and_deep");
            cpuModel.Dispose();
            using var device = (WideAndDeepNet)deviceModel;
            var b = GraphBatch(device, 32, 4);
            float[] main = new float[1], aux = new float[1];
            float[] wide = b.X.AsSpan(0, 5).ToArray(), deep = b.X.AsSpan(5, 6).ToArray();
            Assert.Equal(0, AllocatedBy(() => device.TrainBatch(b.X, b.Targets!)));
            Assert.Equal(0, AllocatedBy(() => device.Predict(wide, deep, main, aux)));
        }

        [Fact]
        public void RunTimeFreeze_OnTheDevice_KeepsTheNodeBitForBit_AsTheCpu()
        {
            var (cpu, device) = Pair("residual_training_math");
            using (cpu)
            using (device)
            {
                var first = GraphBatch(cpu, 16, 7);
                Train(cpu, first);
                Train(device, first); // a non-zero optimizer state first
                cpu.Freeze("Block");
                device.Freeze("Block");
                float[] frozen = device.ReadParameter("Block.kernel");
                for (int step = 0; step < 4; step++)
                {
                    var b = GraphBatch(cpu, 16, 20 + step);
                    Tolerance.AssertClose(Train(cpu, b), Train(device, b), Rtol, Atol, $"loss at step {step + 1} while frozen");
                }
                Assert.Equal(frozen, device.ReadParameter("Block.kernel"));
                DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{n} after the frozen steps");
                device.Unfreeze("Block");
                Train(device, GraphBatch(cpu, 16, 30));
                Assert.NotEqual(frozen, device.ReadParameter("Block.kernel"));
            }
        }

        [Fact]
        public void NodeNamesThatDifferOnlyByCase_RefuseOpenClWithTheNameToChange()
        {
            using var model = new CaseClashGraph(seed: 1);
            var e = Assert.Throws<NotSupportedException>(() => model.UseOpenCl());
            Assert.Contains("hidden_forward", e.Message);
            Assert.Contains("rename one of the nodes", e.Message);
            Assert.Equal(Backend.Cpu, model.Backend);
            Assert.True(float.IsFinite(model.TrainBatch(new float[8], new float[8])));
        }

        private static long AllocatedBy(Action action)
        {
            for (int i = 0; i < 50; i++) action();
            long smallest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && smallest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++) action();
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return smallest;
        }
    }
}
