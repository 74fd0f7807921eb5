using System;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// Every optimizer's OpenCL update against its C# update, from the same weights: ten training steps (with the
    /// learning rate changed between steps, as a schedule does) on the fixture network, which trains in the fused
    /// kernel, and on its wide twin, which runs the per-layer kernels and the stand-alone optimizer kernel; and the
    /// optimizer state carried to the device and back.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class OptimizerOpenClTests
    {
        /// <summary>OpenCL against C#, as OpenClModelTests: float32 both, summed in different orders.</summary>
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string, bool> RunsAndWidths
        {
            get
            {
                var data = new TheoryData<string, bool>();
                foreach (string run in OptimizerModels.Runs)
                {
                    if (run.EndsWith("_schedule", StringComparison.Ordinal)) continue; // every run here changes the rate
                    data.Add(run, false);
                    data.Add(run, true);
                }
                return data;
            }
        }

        public static TheoryData<string> Runs
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (string run in OptimizerModels.Runs) data.Add(run);
                return data;
            }
        }

        private static (float[] X, float[] Y) Batch(CompiledModel model, int count, int seed)
        {
            var rng = new Random(seed);
            var x = new float[count * model.InputSize];
            for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
            var y = new float[count * model.OutputSize];
            for (int i = 0; i < y.Length; i++) y[i] = (float)(rng.NextDouble() * 2 - 1);
            return (x, y);
        }

        private static void AssertSameParameters(CompiledModel expected, CompiledModel actual, string what)
        {
            foreach (TensorSpec t in expected.Layout.Tensors)
            {
                Tolerance.AssertClose(expected.ReadParameter(t.Name), actual.ReadParameter(t.Name), Rtol, Atol, $"{what}: {t.Name}");
            }
        }

        [Theory]
        [MemberData(nameof(RunsAndWidths))]
        public void TenSteps_MatchCpu(string run, bool wide)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using CompiledModel cpu = OptimizerModels.Create(run, wide), device = OptimizerModels.Create(run, wide);
            device.UseOpenCl();
            Assert.Equal(Backend.OpenCl, device.Backend);
            float lr = cpu.LearningRate;
            for (int step = 0; step < 10; step++)
            {
                // Halved after step 4 and restored after step 7: the device must read the rate of each step.
                float rate = step is >= 4 and < 7 ? lr / 2 : lr;
                cpu.LearningRate = device.LearningRate = rate;
                var (x, y) = Batch(cpu, 16 + step, 200 + step);
                Tolerance.AssertClose(cpu.TrainBatch(x, y), device.TrainBatch(x, y), Rtol, Atol, $"{run} loss at step {step + 1}");
            }
            Assert.Equal(cpu.Iterations, device.Iterations);
            AssertSameParameters(cpu, device, $"{run}{(wide ? " (wide)" : "")} after 10 steps");
        }

        [Theory]
        [MemberData(nameof(Runs))]
        public void StateSurvivesTheMoveToTheDeviceAndBack(string run)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using CompiledModel cpu = OptimizerModels.Create(run), moved = OptimizerModels.Create(run);
            for (int step = 0; step < 9; step++)
            {
                if (step == 3) moved.UseOpenCl();
                if (step == 6) moved.UseCpu();
                var (x, y) = Batch(cpu, 8, 300 + step);
                cpu.TrainBatch(x, y);
                moved.TrainBatch(x, y);
            }
            Assert.Equal(cpu.Iterations, moved.Iterations);
            AssertSameParameters(cpu, moved, $"{run}, steps 4-6 on the device");
        }

        [Theory]
        [InlineData("adagrad")]
        [InlineData("nadam")]
        public void ResetOptimizerOnTheDevice_MatchesResetOnTheCpu(string run)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using CompiledModel cpu = OptimizerModels.Create(run), device = OptimizerModels.Create(run);
            device.UseOpenCl();
            for (int step = 0; step < 6; step++)
            {
                if (step == 3) { cpu.ResetOptimizer(); device.ResetOptimizer(); }
                var (x, y) = Batch(cpu, 8, 400 + step);
                cpu.TrainBatch(x, y);
                device.TrainBatch(x, y);
            }
            AssertSameParameters(cpu, device, $"{run} after a reset");
        }
    }
}
