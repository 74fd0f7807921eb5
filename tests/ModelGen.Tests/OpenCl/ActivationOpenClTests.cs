using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

using static ModelGen.Tests.OpenCl.DeviceComparison;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// Every activation's OpenCL kernels against its C# kernels, from the same weights: forward outputs, the loss,
    /// every gradient (PReLU's alpha, Swish's beta, and RReLU's training slopes, drawn on both backends from the same
    /// key), and three training steps, to 1e-4 relative as <see cref="OpenClModelTests"/>.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class ActivationOpenClTests
    {
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string> Cases()
        {
            var data = new TheoryData<string>();
            foreach (string name in ActivationModels.Cases) data.Add(name);
            data.Add("wide_chain");
            data.Add("everything");
            return data;
        }

        private static CompiledModel Create(string name) => name switch
        {
            "wide_chain" => new ActWideChainNet(seed: 5),
            "everything" => new ActEverythingNet(seed: 5),
            _ => ActivationModels.Create(name, seed: 5),
        };

        /// <summary>Inputs in [-range, range]: 2 reaches past every kink and knee; training uses 1, where a chain of two exponentials stays finite.</summary>
        private static (CompiledModel Cpu, CompiledModel Device) Pair(string name) => DeviceComparison.Pair(() => WithLearnedTensorsMoved(Create(name)));

        /// <summary>Learned tensors away from their initial values, so their use in forward and backward is visible.</summary>
        private static CompiledModel WithLearnedTensorsMoved(CompiledModel model)
        {
            foreach (TensorSpec t in model.Layout.Tensors.Where(t => t.Name.EndsWith(".alpha") || t.Name.EndsWith(".beta")))
            {
                float[] values = Enumerable.Range(0, t.Length).Select(i => 0.1f + 0.05f * (i % 7) - (t.Name.EndsWith(".alpha") ? 0.2f : -0.5f)).ToArray();
                model.WriteParameter(t.Name, values);
            }
            return model;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_MatchesCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                var b = Batch(cpu, 37, 1, range: 2);
                Tolerance.AssertClose(cpu.PredictBatch(b.X), device.PredictBatch(b.X), Rtol, Atol, $"{name} outputs");
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void LossAndGradients_MatchCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                var b = Batch(cpu, 21, 2, range: 2);
                Tolerance.AssertClose(Gradients(cpu, b), Gradients(device, b), Rtol, Atol, $"{name} loss");
                DeviceComparison.AssertEveryGradientClose(cpu, device, Rtol, Atol, n => $"{name} gradient of {n}");
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void ThreeTrainingSteps_MatchCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                for (int step = 0; step < 3; step++)
                {
                    var b = Batch(cpu, 16 + step, 100 + step, range: 1);
                    Tolerance.AssertClose(Train(cpu, b), Train(device, b), Rtol, Atol, $"{name} loss at step {step + 1}");
                }
                DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{name} {n} after 3 steps");
            }
        }

        [Fact]
        public void FusedMlp_TakesActivationsWithoutZ_AndFallsBackForTheOthers()
        {
            // No z buffer, learned tensor or random draws: the fully fused kernels run them.
            foreach (string fused in new[] { ActStepNet.OpenClSource, ActSignNet.OpenClSource, ActHardSigmoidNet.OpenClSource, ActLeakyReluNet.OpenClSource,
                ActEluNet.OpenClSource, ActSeluNet.OpenClSource, ActSoftplusNet.OpenClSource, ActSoftsignNet.OpenClSource, ActExponentialNet.OpenClSource })
            {
                Assert.Contains("fused_train_step", fused);
            }
            // GELU (all three), Swish, Mish, arctan, PReLU and RReLU: the per-layer kernels.
            foreach (string perLayer in new[] { ActGeluNet.OpenClSource, ActGeluTanhNet.OpenClSource, ActGeluSigmoidNet.OpenClSource, ActSwishNet.OpenClSource,
                ActSwishLearnedNet.OpenClSource, ActMishNet.OpenClSource, ActArcTanNet.OpenClSource, ActPReluNet.OpenClSource, ActRReluNet.OpenClSource })
            {
                Assert.DoesNotContain("fused_", perLayer);
            }
        }
    }
}
