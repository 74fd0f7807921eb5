using System.Collections.Generic;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// Regularizers, constraints and clipping in the generated OpenCL against the generated C#, run by run of
    /// Fixtures/regularization.json: the loss with its penalty, every gradient (penalty included), ten training
    /// steps, and Evaluate's loss; and both against the Keras-semantics fixture.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class RegularizationOpenClTests
    {
        /// <summary>OpenCL against C#, as OpenClModelTests: float32 both, summed in different orders.</summary>
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string> Runs => RegularizationReferenceTests.Runs;

        private static (CompiledModel Cpu, CompiledModel Device) Pair(string run) => DeviceComparison.Pair(() => RegularizationReferenceTests.FromFixture(run));

        [Theory]
        [MemberData(nameof(Runs))]
        public void LossAndGradients_MatchCpu(string run)
        {
            var (cpu, device) = Pair(run);
            using (cpu)
            using (device)
            {
                var (x, y) = RegularizationFixture.Instance.Batch(0);
                Tolerance.AssertClose(cpu.ComputeGradients(x, y), device.ComputeGradients(x, y), Rtol, Atol, $"{run} loss");
                DeviceComparison.AssertEveryGradientClose(cpu, device, Rtol, Atol, n => $"{run} gradient of {n}");
                Tolerance.AssertClose(cpu.Evaluate(x, y), device.Evaluate(x, y), Rtol, Atol, $"{run} evaluate");
            }
        }

        [Theory]
        [MemberData(nameof(Runs))]
        public void TenSteps_MatchCpuAndTheFixture(string run)
        {
            RegularizationFixture fixture = RegularizationFixture.Instance;
            var (cpu, device) = Pair(run);
            using (cpu)
            using (device)
            {
                for (int step = 0; step < fixture.StepCount; step++)
                {
                    var (x, y) = fixture.Batch(step);
                    float expected = cpu.TrainBatch(x, y), actual = device.TrainBatch(x, y);
                    Tolerance.AssertClose(expected, actual, Rtol, Atol, $"{run} loss at step {step + 1}");
                    Tolerance.AssertClose(fixture.Loss(run, step), actual, Tolerance.Reference, Tolerance.ReferenceFloor, $"{run} device loss against the fixture at step {step + 1}");
                }
                foreach (KeyValuePair<string, float[]> tensor in fixture.ParametersAfter(run, fixture.StepCount - 1))
                {
                    Tolerance.AssertClose(cpu.ReadParameter(tensor.Key), device.ReadParameter(tensor.Key), Rtol, Atol, $"{run} {tensor.Key} after {fixture.StepCount} steps");
                    Tolerance.AssertClose(tensor.Value, device.ReadParameter(tensor.Key), Tolerance.Reference, Tolerance.ReferenceFloor, $"{run} device {tensor.Key} against the fixture");
                }
            }
        }
    }
}
