using System;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>The perceptron rule on OpenCL against the C# kernels: the same updates, sample by sample.</summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClPerceptronTests
    {
        [Fact]
        public void SignUnits_TwentyOneSampleSteps_MatchTheCpu()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using var cpu = new SignUnits(seed: 4);
            using var device = new SignUnits(seed: 4);
            device.UseOpenCl();
            var rng = new Random(2);
            for (int step = 0; step < 20; step++)
            {
                float[] x = Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
                float[] t = Enumerable.Range(0, 3).Select(_ => rng.Next(2) == 0 ? -1f : 1f).ToArray();
                Assert.Equal(cpu.TrainBatch(x, t), device.TrainBatch(x, t), 6);
            }
            device.UseCpu(); // brings the weights back from the device
            foreach (string name in new[] { "dense.kernel", "dense.bias" })
            {
                float[] expected = cpu.ReadParameter(name), actual = device.ReadParameter(name);
                for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
            }
        }
    }
}
