using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// The Normalization layer on the OpenCL device (PoCL here) against the CPU, as OpenClModelTests: Adapt on the device
    /// (the statistics reach its parameter buffer), Predict, training steps (the optimizer kernel leaves the statistics
    /// alone) and Fit with validation, on the real rows of Fixtures/normalization.json.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class NormalizationOpenClTests
    {
        private const double Rtol = 1e-4, Atol = 1e-6;

        private static float[] Rows()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "normalization.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty("rows").GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        }

        [Fact]
        public void NormalizedMlp_OnTheDevice_MatchesTheCpu()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            float[] x = Rows();
            float[] y = Enumerable.Range(0, 64).Select(n => (x[n * 11 + 2] - 26f) / 4f - (x[n * 11 + 3] - 94f) / 14f).ToArray();
            using var cpu = new NormalizedMlp(7);
            using var device = new NormalizedMlp(7);
            device.UseOpenCl();
            cpu.Adapt(x);
            device.Adapt(x); // adapted on the device: the statistics must reach its parameter buffer
            Tolerance.AssertClose(cpu.PredictBatch(x), device.PredictBatch(x), Rtol, Atol, "Predict");
            for (int step = 0; step < 5; step++)
            {
                Tolerance.AssertClose(cpu.TrainBatch(x, y), device.TrainBatch(x, y), Rtol, Atol, $"loss at step {step}");
            }
            foreach (string name in new[] { "normalization.mean", "normalization.variance", "dense.kernel", "dense_1.bias" })
            {
                Tolerance.AssertClose(cpu.ReadParameter(name), device.ReadParameter(name), Rtol, Atol, name + " after 5 steps");
            }
            History hc = cpu.Fit(x, y, epochs: 2, batchSize: 16, validation: (x, y), verbose: false);
            History hd = device.Fit(x, y, epochs: 2, batchSize: 16, validation: (x, y), verbose: false);
            Tolerance.AssertClose(hc.Loss.ToArray(), hd.Loss.ToArray(), Rtol, Atol, "epoch losses");
            Tolerance.AssertClose(hc.ValLoss.ToArray(), hd.ValLoss.ToArray(), Rtol, Atol, "validation losses");
            Assert.Equal(cpu.ReadParameter("normalization.variance"), device.ReadParameter("normalization.variance"));
        }
    }
}
