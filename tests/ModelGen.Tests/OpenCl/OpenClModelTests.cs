using System;
using System.Collections.Generic;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

using static ModelGen.Tests.OpenCl.DeviceComparison;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// The generated OpenCL kernels against the generated C# kernels, model by model, from the same weights: forward
    /// outputs, every gradient, and ten training steps must agree to 1e-4 relative. CI runs them on PoCL, so they never
    /// pass without a device.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClModelTests
    {
        /// <summary>OpenCL against C#: float32 both, summed in different orders (tiles against register blocks).</summary>
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string> Models => new() { "classifier", "regressor", "logits", "tiny", "wide", "softmax_mse", "mlp", "momentum", "nesterov" };

        private static CompiledModel Create(string name) => name switch
        {
            "classifier" => new ClassifierNet(seed: 1),
            "regressor" => new RegressorNet(seed: 1),
            "logits" => new LogitsNet(seed: 1),
            "tiny" => new TinyNet(seed: 1),
            "wide" => new WideNet(seed: 1),
            "softmax_mse" => new SoftmaxMseNet(seed: 1),
            "mlp" => new AllocationMlp(seed: 1),
            "momentum" => new MomentumNet(seed: 1),
            "nesterov" => new NesterovNet(seed: 1),
            _ => throw new ArgumentException(name),
        };

        private static (CompiledModel Cpu, CompiledModel Device) Pair(string name) => DeviceComparison.Pair(() => Create(name));

        [Theory]
        [MemberData(nameof(Models))]
        public void Forward_MatchesCpu(string name)
        {
            var (cpu, device) = Pair(name);
            using (cpu)
            using (device)
            {
                var b = Batch(cpu, 37, 1); // more than one 16-row tile and more than the default batch capacity
                Tolerance.AssertClose(cpu.PredictBatch(b.X), device.PredictBatch(b.X), Rtol, Atol, $"{name} outputs");
                var one = new float[cpu.OutputSize];
                var expected = new float[cpu.OutputSize];
                cpu.Predict(b.X.AsSpan(0, cpu.InputSize), expected);
                device.Predict(b.X.AsSpan(0, cpu.InputSize), one);
                Tolerance.AssertClose(expected, one, Rtol, Atol, $"{name} single-sample output");
                Assert.Equal(cpu.PredictClass(b.X.AsSpan(0, cpu.InputSize)), device.PredictClass(b.X.AsSpan(0, cpu.InputSize)));
            }
        }

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
        public void TenTrainingSteps_MatchCpu(string name)
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
                Assert.Equal(cpu.Iterations, device.Iterations);
                DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{name} {n} after 10 steps");
            }
        }

        [Fact]
        public void FitAndEvaluate_OnTheDevice_MatchTheCpu()
        {
            var (cpu, device) = Pair("wide");
            using (cpu)
            using (device)
            {
                var train = Batch(cpu, 100, 7);
                var valid = Batch(cpu, 30, 8);
                History hc = cpu.Fit(train.X, train.Labels!, epochs: 3, batchSize: 16, validation: (valid.X, valid.Labels!), verbose: false);
                History hd = device.Fit(train.X, train.Labels!, epochs: 3, batchSize: 16, validation: (valid.X, valid.Labels!), verbose: false);
                Tolerance.AssertClose(hc.Loss.ToArray(), hd.Loss.ToArray(), Rtol, Atol, "epoch losses");
                Tolerance.AssertClose(hc.ValLoss.ToArray(), hd.ValLoss.ToArray(), Rtol, Atol, "validation losses");
                Assert.Equal(hc.Accuracy, hd.Accuracy);
                var (lc, ac) = cpu.Evaluate(valid.X, valid.Labels!);
                var (ld, ad) = device.Evaluate(valid.X, valid.Labels!);
                Tolerance.AssertClose(lc, ld, Rtol, Atol, "evaluate loss");
                Assert.Equal(ac, ad);
            }
        }

        [Fact]
        public void UseCpu_BringsTheTrainedWeightsBack()
        {
            var (cpu, device) = Pair("classifier");
            using (cpu)
            using (device)
            {
                var b = Batch(cpu, 8, 3);
                for (int i = 0; i < 3; i++)
                {
                    Train(cpu, b);
                    Train(device, b);
                }
                device.UseCpu();
                Assert.Equal(Backend.Cpu, device.Backend);
                Tolerance.AssertClose(Train(cpu, b), Train(device, b), Rtol, Atol, "the step after coming back");
            }
        }

        [Fact]
        public void GeneratedProgram_IsVisibleAndNamesEveryLayer()
        {
            Assert.Contains("__kernel", AllocationMlp.OpenClSource);
            foreach (string layer in new[] { "dense_forward", "dense_1_forward", "dense_2_forward", "dense_1_input_gradient", "loss_gradient", "optimizer_step" })
            {
                Assert.Contains(layer, AllocationMlp.OpenClSource);
            }
            Assert.DoesNotContain("dense_input_gradient", AllocationMlp.OpenClSource); // the first layer's dx is never needed
        }

        [Fact]
        public void TinyNetworks_GetTheFullyFusedKernels_LargeOnesDoNot()
        {
            // Every layer at most 64 wide with the weights in local memory: one kernel per forward pass and per step.
            Assert.Contains("fused_forward", TinyNet.OpenClSource);
            Assert.Contains("fused_train_step", TinyNet.OpenClSource);
            Assert.Contains("fused_train_step", ClassifierNet.OpenClSource);
            Assert.DoesNotContain("fused_", AllocationMlp.OpenClSource); // 300 wide
            Assert.DoesNotContain("fused_", WideNet.OpenClSource);       // too much local memory for 64 samples
        }
    }
}
