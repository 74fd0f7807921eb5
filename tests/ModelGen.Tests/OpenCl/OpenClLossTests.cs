using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using ModelGen.Tests.Runtime;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// Every loss and metric on OpenCL against the C# kernels, from the same weights: the one-layer Lr* models run the
    /// fully fused training kernel, the Fd* models (70 wide) the layer-by-layer kernels and the separate loss kernel.
    /// Loss, every gradient, ten training steps, the PyTorch fixture's extreme logits, and Fit's metrics.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClLossTests
    {
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string> Models => new()
        {
            "lr_mae", "lr_huber", "lr_huber_half", "lr_bce_sigmoid", "lr_bce_softmax", "lr_bce_logits", "lr_cce_softmax", "lr_cce_logits",
            "fd_mae", "fd_huber", "fd_bce_sigmoid", "fd_bce_softmax", "fd_bce_logits", "fd_cce_softmax", "fd_cce_logits",
        };

        private static CompiledModel Create(string name) => name switch
        {
            "lr_mae" => new LrMae(seed: 1),
            "lr_huber" => new LrHuber(seed: 1),
            "lr_huber_half" => new LrHuberHalf(seed: 1),
            "lr_bce_sigmoid" => new LrBceSigmoid(seed: 1),
            "lr_bce_softmax" => new LrBceSoftmax(seed: 1),
            "lr_bce_logits" => new LrBceLogits(seed: 1),
            "lr_cce_softmax" => new LrCceSoftmax(seed: 1),
            "lr_cce_logits" => new LrCceLogits(seed: 1),
            "fd_mae" => new FdMae(seed: 1),
            "fd_huber" => new FdHuber(seed: 1),
            "fd_bce_sigmoid" => new FdBceSigmoid(seed: 1),
            "fd_bce_softmax" => new FdBceSoftmax(seed: 1),
            "fd_bce_logits" => new FdBceLogits(seed: 1),
            "fd_cce_softmax" => new FdCceSoftmax(seed: 1),
            "fd_cce_logits" => new FdCceLogits(seed: 1),
            _ => throw new ArgumentException(name),
        };

        private static (CompiledModel Cpu, CompiledModel Device) Pair(Func<CompiledModel> create) => DeviceComparison.Pair(create);

        /// <summary>Inputs in [-2, 2] and targets in the loss's domain: one-hot rows for CCE, {0, 0.5, 1} for BCE, [-1, 1] otherwise.</summary>
        private static (float[] X, float[] T) Batch(CompiledModel model, int count, int seed)
        {
            var rng = new Random(seed);
            float[] x = Enumerable.Range(0, count * model.InputSize).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            int k = model.OutputSize;
            var t = new float[count * k];
            for (int n = 0; n < count; n++)
            {
                int hot = rng.Next(k);
                for (int j = 0; j < k; j++)
                {
                    t[n * k + j] = model.Layout.Loss switch
                    {
                        Loss.CategoricalCrossEntropy => j == hot ? 1f : 0f,
                        Loss.BinaryCrossEntropy => rng.Next(3) * 0.5f,
                        _ => (float)(rng.NextDouble() * 2 - 1),
                    };
                }
            }
            return (x, t);
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void LossAndGradients_MatchCpu(string name)
        {
            var (cpu, device) = Pair(() => Create(name));
            using (cpu)
            using (device)
            {
                var b = Batch(cpu, 21, 2);
                Tolerance.AssertClose(cpu.ComputeGradients(b.X, b.T), device.ComputeGradients(b.X, b.T), Rtol, Atol, $"{name} loss");
                DeviceComparison.AssertEveryGradientClose(cpu, device, Rtol, Atol, n => $"{name} gradient of {n}");
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void TenTrainingSteps_MatchCpu(string name)
        {
            var (cpu, device) = Pair(() => Create(name));
            using (cpu)
            using (device)
            {
                for (int step = 0; step < 10; step++)
                {
                    var b = Batch(cpu, 16 + step, 100 + step);
                    Tolerance.AssertClose(cpu.TrainBatch(b.X, b.T), device.TrainBatch(b.X, b.T), Rtol, Atol, $"{name} loss at step {step + 1}");
                }
                DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{name} {n} after 10 steps");
            }
        }

        [Theory]
        [MemberData(nameof(LossReferenceTests.Cases), MemberType = typeof(LossReferenceTests))]
        public void PyTorchFixture_MatchesOnTheDevice(string name)
        {
            LossReferenceTests.LossCase c = LossReferenceTests.Load(name);
            var (cpu, device) = Pair(() => LossReferenceTests.Create(name));
            using (cpu)
            using (device)
            {
                float cpuLoss = LossReferenceTests.Run(cpu, c), deviceLoss = LossReferenceTests.Run(device, c);
                Assert.True(float.IsFinite(deviceLoss), $"{name}: device loss {deviceLoss}");
                Tolerance.AssertClose(c.Value, deviceLoss, Rtol, Atol, $"{name} device loss against PyTorch");
                Tolerance.AssertClose(cpuLoss, deviceLoss, Rtol, Atol, $"{name} device loss against the CPU");
                float[] g = device.ReadGradient("dense.kernel");
                Tolerance.AssertClose(c.Gradient.Select(v => (float)v).ToArray(), g, Rtol, Atol, $"{name} device dL/dz against PyTorch");
            }
        }

        [Theory]
        [MemberData(nameof(MetricTests.Models), MemberType = typeof(MetricTests))]
        public void FitAndEvaluateMetrics_MatchCpu(string name)
        {
            var (cpu, device) = Pair(() => MetricTests.Create(name).Model);
            bool labels = cpu.Layout.Loss == Loss.SparseCategoricalCrossEntropy;
            using (cpu)
            using (device)
            {
                var train = Batch(cpu, 50, 3);
                var valid = Batch(cpu, 17, 4);
                int[] trainLabels = Labels(train.T, cpu.OutputSize), validLabels = Labels(valid.T, cpu.OutputSize);
                History Fit(CompiledModel m) => labels
                    ? m.Fit(train.X, trainLabels, epochs: 2, batchSize: 16, validation: (valid.X, validLabels), verbose: false)
                    : m.Fit(train.X, train.T, epochs: 2, batchSize: 16, validation: (valid.X, valid.T), verbose: false);
                History hc = Fit(cpu), hd = Fit(device);
                Tolerance.AssertClose(hc.Loss.ToArray(), hd.Loss.ToArray(), Rtol, Atol, $"{name} epoch losses");
                Assert.Equal(hc.Metrics.Keys, hd.Metrics.Keys);
                Assert.NotEmpty(hc.Metrics);
                foreach (string key in hc.Metrics.Keys)
                {
                    Tolerance.AssertClose(hc[key].ToArray(), hd[key].ToArray(), Rtol, Atol, $"{name} {key}");
                }
                Assert.Equal(hc.Accuracy, hd.Accuracy);
                Dictionary<string, float> ec = labels ? cpu.EvaluateMetrics(valid.X, validLabels) : cpu.EvaluateMetrics(valid.X, valid.T);
                Dictionary<string, float> ed = labels ? device.EvaluateMetrics(valid.X, validLabels) : device.EvaluateMetrics(valid.X, valid.T);
                foreach (string key in ec.Keys) Tolerance.AssertClose(ec[key], ed[key], Rtol, Atol, $"{name} evaluate {key}");
            }
        }

        /// <summary>Labels from one-hot rows (argmax), for the sparse model.</summary>
        private static int[] Labels(float[] t, int k) =>
            Enumerable.Range(0, t.Length / k).Select(n => Array.IndexOf(t, t.Skip(n * k).Take(k).Max(), n * k) - n * k).ToArray();
    }
}
