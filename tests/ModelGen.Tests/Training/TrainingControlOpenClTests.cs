using System;
using System.IO;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using ModelGen.Tests.OpenCl;
using Xunit;

namespace ModelGen.Tests.Training
{
    /// <summary>
    /// The training controls on the OpenCL backend against the CPU: callbacks with batch events (the double-buffered
    /// device epoch), restore-best weights, the validation split, and the learning-rate finder's restore.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class TrainingControlOpenClTests
    {
        private const double Rtol = 1e-4, Atol = 1e-6;

        [Fact]
        public void Callbacks_ValidationSplitAndRestoreBest_MatchCpu()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            var (x, y) = TrainingData.Xor(90, 12);
            using var cpu = new XorNet(seed: 21);
            using var device = new XorNet(seed: 21);
            device.UseOpenCl();
            ICallback[] Callbacks() => new ICallback[]
            {
                new TerminateOnNaN(),
                new EarlyStopping("loss", patience: 1, mode: MonitorMode.Max, restoreBestWeights: true),
            };
            History hc = cpu.Fit(x, y, epochs: 6, batchSize: 10, verbose: false, validationSplit: 0.2, callbacks: Callbacks());
            History hd = device.Fit(x, y, epochs: 6, batchSize: 10, verbose: false, validationSplit: 0.2, callbacks: Callbacks());
            Assert.Equal(hc.Epochs, hd.Epochs);
            Assert.Equal(2, hc.Epochs);
            Tolerance.AssertClose(hc.ValLoss.ToArray(), hd.ValLoss.ToArray(), Rtol, Atol, "val_loss");
            foreach (TensorSpec t in cpu.Layout.Tensors)
            {
                Tolerance.AssertClose(cpu.ReadParameter(t.Name), device.ReadParameter(t.Name), Rtol, Atol, t.Name);
            }
        }

        [Fact]
        public void TerminateOnNaN_StopsTheDeviceEpochMidway()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            var (x, y) = TrainingData.Linear(64, 3);
            using var device = new LinearRegressor(seed: 1);
            device.UseOpenCl();
            device.LearningRate = 1e6f;
            var nan = new TerminateOnNaN();
            History h = device.Fit(x, y, epochs: 5, batchSize: 4, shuffle: false, verbose: false, callbacks: new ICallback[] { nan });
            Assert.Equal(1, h.Epochs);
            Assert.InRange(nan.StoppedAtBatch, 0, 14);
            Assert.Equal(nan.StoppedAtBatch + 1, device.Iterations);
        }

        [Fact]
        public void LearningRateFinder_OnTheDevice_RestoresTheModel()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            var (x, y) = TrainingData.Xor(100, 5);
            using var cpu = new XorNet(seed: 8);
            using var device = new XorNet(seed: 8);
            device.UseOpenCl();
            float[] before = device.ReadParameter("dense.kernel");
            LearningRateFinderResult rc = cpu.FindLearningRate(x, y, steps: 60, batchSize: 16);
            LearningRateFinderResult rd = device.FindLearningRate(x, y, steps: 60, batchSize: 16);
            Assert.Equal(before, device.ReadParameter("dense.kernel"));
            Assert.Equal(0, device.Iterations);
            Assert.Equal(rc.Rates.Length, rd.Rates.Length);
            Tolerance.AssertClose(rc.Losses, rd.Losses, 1e-3, 1e-5, "finder losses");
        }
    }

    /// <summary>Fit's progress output when the output is redirected (as under the test runner and in CI): plain lines.</summary>
    public class ProgressOutputTests
    {
        [Fact]
        public void VerboseFit_WithRedirectedOutput_WritesPlainLines()
        {
            Assert.True(Console.IsOutputRedirected, "the test runner redirects the output");
            var (x, y) = TrainingData.Xor(40, 1);
            using var model = new XorNet(seed: 1);
            TextWriter original = Console.Out;
            var capture = new StringWriter();
            Console.SetOut(capture);
            try { model.Fit(x, y, epochs: 2, batchSize: 8, verbose: true, callbacks: new ICallback[] { new TerminateOnNaN() }); }
            finally { Console.SetOut(original); }
            string text = capture.ToString();
            Assert.DoesNotContain("\r", text.Replace(Environment.NewLine, "\n"));
            Assert.Contains("Epoch 1/2 - 5 steps", text);
            Assert.Contains("Epoch 2/2 - 5 steps", text);
        }
    }
}
