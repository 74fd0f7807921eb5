using System;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// Freeze/Unfreeze at run time on OpenCL against the CPU: while a layer is frozen the device computes no gradient
    /// for it, updates none of its tensors (optimizer, weight decay, constraint) and leaves its penalty out of the loss,
    /// exactly as the C# path; after Unfreeze both resume alike. The models cover the per-layer kernels (penalties,
    /// constraint, global-norm clipping, PReLU, learned Swish) and the fully fused small-MLP kernel (FrozenMiddleTwin).
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class FreezingOpenClTests
    {
        /// <summary>OpenCL against C#, as OpenClModelTests: float32 both, summed in different orders.</summary>
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string, string> Cases => new()
        {
            { "mix", "dense" },
            { "mix", "dense_1" },
            { "prelu", "dense_1" },
            { "fused", "dense_1" },
        };

        private static CompiledModel Create(string name) => name switch
        {
            "mix" => new RunTimeFreezeMix(seed: 4),
            "prelu" => new RunTimeFrozenPRelu(seed: 4),
            "fused" => new FrozenMiddleTwin(seed: 4),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        private static (float[] X, float[] Y) Batch(int seed)
        {
            const int count = 21;
            var rng = new Random(seed);
            float[] x = Enumerable.Range(0, count * 5).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] y = Enumerable.Range(0, count * 3).Select(_ => (float)rng.NextDouble()).ToArray();
            return (x, y);
        }

        private static void AssertSameParameters(CompiledModel cpu, CompiledModel device, string when)
        {
            DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{n} {when}");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void FrozenThenUnfrozen_MatchesCpu_AndTheFrozenLayerStaysPut(string model, string layer)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using CompiledModel cpu = Create(model), device = Create(model);
            device.UseOpenCl();
            int step = 0;
            // A step with everything trainable first, so the frozen layer has gradients and optimizer state to keep.
            var (x0, y0) = Batch(step++);
            Tolerance.AssertClose(cpu.TrainBatch(x0, y0), device.TrainBatch(x0, y0), Rtol, Atol, "loss before freezing");
            cpu.Freeze(layer);
            device.Freeze(layer);
            string[] frozen = cpu.Layout.Tensors.Select(t => t.Name).Where(n => n.StartsWith(layer + ".", StringComparison.Ordinal)).ToArray();
            float[][] before = frozen.Select(device.ReadParameter).ToArray();
            for (; step < 7; step++)
            {
                var (x, y) = Batch(step);
                Tolerance.AssertClose(cpu.TrainBatch(x, y), device.TrainBatch(x, y), Rtol, Atol, $"loss at step {step} ({layer} frozen)");
            }
            for (int i = 0; i < frozen.Length; i++)
            {
                Assert.Equal(before[i], device.ReadParameter(frozen[i])); // not one bit moved
                Assert.All(device.ReadGradient(frozen[i]), g => Assert.Equal(0f, g)); // never computed, so clipping cannot count it
            }
            AssertSameParameters(cpu, device, $"after 6 steps with {layer} frozen");
            cpu.Unfreeze(layer);
            device.Unfreeze(layer);
            for (; step < 11; step++)
            {
                var (x, y) = Batch(step);
                Tolerance.AssertClose(cpu.TrainBatch(x, y), device.TrainBatch(x, y), Rtol, Atol, $"loss at step {step} (unfrozen)");
            }
            Assert.NotEqual(before[0], device.ReadParameter(frozen[0]));
            AssertSameParameters(cpu, device, "after unfreezing");
        }
    }
}
