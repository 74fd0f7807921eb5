using System;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

using static ModelGen.Tests.OpenCl.DeviceComparison;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// [BatchNormalization]'s OpenCL kernels against the C# path, as OpenClModelTests: the same weights, the training
    /// forward pass (batch statistics), every gradient, ten training steps (moving statistics included) and inference
    /// (moving statistics; folded on the CPU, one pass on the device). 1e-4 relative: float32 both, different orders.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class BatchNormOpenClTests
    {
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string> Models => new() { "before_relu_sgd", "after_relu_adam", "chain_sgd", "fused_sgd", "classifier" };

        private static CompiledModel Create(string name) => name == "classifier" ? new BnClassifierNet(seed: 1) : BatchNormReferenceTests.Create(name);

        private static (CompiledModel Cpu, CompiledModel Device) Pair(string name) => DeviceComparison.Pair(() => Create(name));

        [Theory]
        [MemberData(nameof(Models))]
        public void LossAndGradients_MatchCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                var b = Batch(cpu, 21, 2);
                Tolerance.AssertClose(Gradients(cpu, b), Gradients(device, b), Rtol, Atol, $"{name} loss");
                DeviceComparison.AssertEveryGradientClose(cpu, device, Rtol, Atol, n => $"{name} gradient of {n}");
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void TenTrainingSteps_AndInference_MatchCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                for (int step = 0; step < 10; step++)
                {
                    var b = Batch(cpu, 16 + step, 100 + step);
                    Tolerance.AssertClose(Train(cpu, b), Train(device, b), Rtol, Atol, $"{name} loss at step {step + 1}");
                }
                DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{name} {n} after 10 steps");
                var e = Batch(cpu, 19, 7);
                Tolerance.AssertClose(cpu.PredictBatch(e.X), device.PredictBatch(e.X), Rtol, Atol, $"{name} inference");
            }
        }
    }
}
