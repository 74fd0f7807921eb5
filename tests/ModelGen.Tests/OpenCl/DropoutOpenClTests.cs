using System;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

using static ModelGen.Tests.OpenCl.DeviceComparison;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// [Dropout] and [AlphaDropout] in the generated OpenCL against the generated C#: the device draws the same masks
    /// (same noise key, stream and counter), so a training pass gives the same loss and gradients, ten training steps
    /// the same weights, and inference stays the identity.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class DropoutOpenClTests
    {
        /// <summary>OpenCL against C#, as OpenClModelTests: float32 both, summed in different orders.</summary>
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string> Models => new() { "probe", "sigmoid", "alpha", "classifier" };

        private static CompiledModel Create(string name) => name switch
        {
            "probe" => new DropoutProbeNet(seed: 3),
            "sigmoid" => new DropoutSigmoidNet(seed: 3),
            "alpha" => new AlphaSeluNet(seed: 3),
            "classifier" => new DropoutClassifierNet(seed: 3),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        private static (CompiledModel Cpu, CompiledModel Device) Pair(string name) => DeviceComparison.Pair(() => Create(name));

        /// <summary>37 samples (not a multiple of any work-group size).</summary>
        private static (float[] X, int[]? Labels, float[]? Targets) Batch(CompiledModel model, int seed) => DeviceComparison.Batch(model, 37, seed);

        [Theory]
        [MemberData(nameof(Models))]
        public void TrainingPass_DrawsTheCpuMasks_SameLossAndGradients(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                var batch = Batch(cpu, seed: 11);
                // Two passes: the second runs under the next noise key on both sides.
                for (int pass = 0; pass < 2; pass++)
                {
                    Tolerance.AssertClose(Gradients(cpu, batch), Gradients(device, batch), Rtol, Atol, $"{name} loss, pass {pass}");
                    DeviceComparison.AssertEveryGradientClose(cpu, device, Rtol, Atol, n => $"{name} gradient of {n}, pass {pass}");
                }
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void TenSteps_MatchCpu_AndInferenceIsTheIdentity(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                for (int step = 0; step < 10; step++)
                {
                    var batch = Batch(cpu, seed: 100 + step);
                    Tolerance.AssertClose(Train(cpu, batch), Train(device, batch), Rtol, Atol, $"{name} loss at step {step + 1}");
                }
                DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{name} {n} after 10 steps");
                float[] x = Batch(cpu, seed: 7).X;
                float[] first = device.PredictBatch(x);
                Tolerance.AssertClose(cpu.PredictBatch(x), first, Rtol, Atol, $"{name} inference");
                Assert.Equal(first, device.PredictBatch(x)); // no mask at inference: the same outputs twice
            }
        }

        [Fact]
        public void DeviceMask_DropsAboutTheRate_AndScalesTheSurvivors()
        {
            // DropoutProbeNet's hidden outputs are all 1 before the dropout (x = 1, kernels 1), so dense_1.kernel's
            // gradient under MSE with target 0 is 2 · out · h: h is 0 where dropped and 1 / (1 - rate) where kept.
            using var device = new DropoutProbeNet(seed: 5);
            device.UseOpenCl();
            device.WriteParameter("dense.kernel", Enumerable.Repeat(1f, 1000).ToArray());
            device.WriteParameter("dense_1.kernel", Enumerable.Repeat(1f, 1000).ToArray());
            device.ComputeGradients(new[] { 1f }, new[] { 0f });
            float[] g = device.ReadGradient("dense_1.kernel");
            float kept = g.Max();
            Assert.All(g, v => Assert.True(v == 0f || v == kept, $"gradient {v} is neither 0 nor {kept}"));
            int dropped = g.Count(v => v == 0f);
            Assert.InRange(dropped, 300 - 60, 300 + 60); // rate 0.3 of 1000: 4 standard deviations
            float output = (1000 - dropped) / 0.7f;
            Tolerance.AssertClose(2 * output / 0.7f, kept, 1e-4, 0, "kept gradient = 2 · out / (1 - rate)");
        }
    }
}
