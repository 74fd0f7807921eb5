using System;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.OpenCl;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Batch normalization next to other features (both found in review). A trainable BatchNormalization followed by a
    /// Dense declared Trainable = false: the frozen Dense must still pass the input gradient down, or gamma and beta
    /// silently never train (the planner counted only Dense layers when deciding which frozen steps skip their backward
    /// pass). And layer names whose OpenCL kernel names clash: refused clearly instead of failing the OpenCL build.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class BatchNormInteractionTests
    {
        private static (float[] X, float[] Y) Batch()
        {
            var rng = new Random(12);
            return (Enumerable.Range(0, 16 * 5).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(),
                    Enumerable.Range(0, 16 * 2).Select(_ => (float)rng.NextDouble()).ToArray());
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void GammaAndBetaGradients_EqualThoseOfTheAllTrainableTwin(bool openCl)
        {
            if (openCl) Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using var frozen = new BnBetweenFrozenNet(seed: 6);
            using var twin = new BnBetweenTrainableNet(seed: 6);
            if (openCl)
            {
                frozen.UseOpenCl();
                twin.UseOpenCl();
            }
            var (x, y) = Batch();
            Assert.Equal(twin.ComputeGradients(x, y), frozen.ComputeGradients(x, y));
            foreach (string name in new[] { "batch_normalization.gamma", "batch_normalization.beta" })
            {
                float[] expected = twin.ReadGradient(name), actual = frozen.ReadGradient(name);
                Assert.Contains(expected, g => g != 0);
                Assert.Equal(expected, actual);
            }
        }

        [Fact]
        public void ClashingOpenClKernelNames_AreRefusedClearly_AndTheCpuPathRuns()
        {
            using var model = new ClashingKernelNamesNet(seed: 1);
            var e = Assert.Throws<NotSupportedException>(() => model.UseOpenCl());
            Assert.Contains("a_dropout_backward", e.Message);
            Assert.Contains("rename one of the layers", e.Message);
            Assert.Equal(Backend.Cpu, model.Backend);
            var (x, _) = Batch();
            Assert.All(model.PredictBatch(x.AsSpan(0, 16 * 4).ToArray()), v => Assert.True(float.IsFinite(v)));
        }
    }
}
