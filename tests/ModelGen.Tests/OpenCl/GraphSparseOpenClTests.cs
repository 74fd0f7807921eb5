using System;
using System.Linq;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// Integer-label (sparse categorical cross-entropy) outputs of functional models on the OpenCL device, against the
    /// C#: on probabilities and from logits, beside a regression output; one class-index column per sparse output in the
    /// packed target rows; the labels checked on the host before the upload (the kernel cannot throw).
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class GraphSparseOpenClTests
    {
        private const double Rtol = 1e-4, Atol = 1e-6;

        private static float[] Uniform(Random rng, int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

        /// <summary>A batch for <paramref name="model"/>: inputs, and targets packed with integer class labels.</summary>
        private static (float[] X, float[] T) Batch(CompiledModel model, int count, int seed)
        {
            var rng = new Random(seed);
            float[] x = Uniform(rng, count * model.InputSize);
            int[] labels(int classes) => Enumerable.Range(0, count).Select(_ => rng.Next(classes)).ToArray();
            float[] t = model switch
            {
                SparseProbNet => SparseProbNet.PackTargets(Uniform(rng, count * 2), labels(4)),
                SparseLogitsNet => SparseLogitsNet.PackTargets(labels(3), Uniform(rng, count * 2)),
                _ => throw new ArgumentException(model.GetType().Name),
            };
            return (x, t);
        }

        public static TheoryData<string> Models => new() { "probabilities", "logits" };

        private static CompiledModel Create(string name) => name == "probabilities" ? new SparseProbNet(seed: 3) : new SparseLogitsNet(seed: 3);

        [Theory]
        [MemberData(nameof(Models))]
        public void LossGradientsAndTenSteps_MatchCpu(string name)
        {
            var (cpu, device) = DeviceComparison.Pair(() => Create(name));
            using (cpu)
            using (device)
            {
                var (x, t) = Batch(cpu, 21, 1);
                Tolerance.AssertClose(cpu.ComputeGradients(x, t), device.ComputeGradients(x, t), Rtol, Atol, $"{name} loss");
                DeviceComparison.AssertEveryGradientClose(cpu, device, Rtol, Atol, n => $"{name} gradient of {n}");
                for (int step = 0; step < 10; step++)
                {
                    var (bx, bt) = Batch(cpu, 16 + step, 10 + step);
                    Tolerance.AssertClose(cpu.TrainBatch(bx, bt), device.TrainBatch(bx, bt), Rtol, Atol, $"{name} loss at step {step + 1}");
                }
                DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{name} {n} after 10 steps");
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Fit_HistoryEntriesMatchCpu_AccuracyIncluded(string name)
        {
            var (cpu, device) = DeviceComparison.Pair(() => Create(name));
            using (cpu)
            using (device)
            {
                var (x, t) = Batch(cpu, 90, 2);
                var (vx, vt) = Batch(cpu, 30, 3);
                History a = cpu.Fit(x, t, epochs: 3, batchSize: 16, validation: (vx, vt), shuffle: false, verbose: false);
                History b = device.Fit(x, t, epochs: 3, batchSize: 16, validation: (vx, vt), shuffle: false, verbose: false);
                Tolerance.AssertClose(a.Loss.ToArray(), b.Loss.ToArray(), Rtol, Atol, $"{name} epoch losses");
                Tolerance.AssertClose(a.ValLoss.ToArray(), b.ValLoss.ToArray(), Rtol, Atol, $"{name} validation losses");
                Assert.Equal(a.Metrics.Keys.OrderBy(k => k, StringComparer.Ordinal), b.Metrics.Keys.OrderBy(k => k, StringComparer.Ordinal));
                Assert.Contains(a.Metrics.Keys, k => k.StartsWith("cls_", StringComparison.Ordinal) && k.EndsWith("accuracy", StringComparison.Ordinal));
                foreach (string key in a.Metrics.Keys) Tolerance.AssertClose(a[key].ToArray(), b[key].ToArray(), Rtol, Atol, $"{name} History[{key}]");
            }
        }

        [Fact]
        public void SingleSparseOutput_IntLabelOverloads_MatchCpu()
        {
            // The only output is sparse, so the base class's int[] overloads store the labels in its target column.
            var (cpu, device) = DeviceComparison.Pair(() => new SingleSparseNet(seed: 4));
            using (cpu)
            using (device)
            {
                var rng = new Random(6);
                float[] x = Uniform(rng, 64 * 2);
                int[] y = Enumerable.Range(0, 64).Select(_ => rng.Next(3)).ToArray();
                Tolerance.AssertClose(cpu.TrainBatch(x, y), device.TrainBatch(x, y), Rtol, Atol, "TrainBatch loss");
                History a = cpu.Fit(x, y, epochs: 2, batchSize: 16, shuffle: false, verbose: false);
                History b = device.Fit(x, y, epochs: 2, batchSize: 16, shuffle: false, verbose: false);
                Tolerance.AssertClose(a.Loss.ToArray(), b.Loss.ToArray(), Rtol, Atol, "epoch losses");
                Tolerance.AssertClose(a["accuracy"].ToArray(), b["accuracy"].ToArray(), Rtol, Atol, "accuracy");
            }
        }

        [Fact]
        public void LabelOutOfRange_InPackedRows_ThrowsOnTheHostBeforeTheDeviceStep()
        {
            using var model = new SparseLogitsNet(seed: 1);
            model.UseOpenCl();
            var (x, t) = Batch(model, 4, 5);
            t[1 * 3] = 7f; // sample 1's class index column (cls is the first target column; rows hold 1 + 2 floats)
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.TrainBatch(x, t));
            Assert.Contains("'cls'", error.Message);
        }
    }
}
