using System;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// The input-gradient kernel against the definition dx = dz · kernelᵀ, on a layer large enough for its cache-blocked
    /// loop (blocks of 32 samples, then groups of 4, then single rows), on one and two threads.
    /// </summary>
    public unsafe class InputGradientTests
    {
        [Theory]
        [InlineData(1, 1)]
        [InlineData(7, 1)]
        [InlineData(70, 1)]
        [InlineData(70, 2)]
        [InlineData(128, 2)]
        public void Dense1_MatchesTheDefinition(int count, int threads)
        {
            using var model = new AllocationMlp(seed: 3) { Threads = threads };
            const int Inputs = 300, Units = 100, InputStride = 304, UnitStride = 112; // dense_1: 300 -> 100, rows padded to 16
            float[] kernel = model.ReadParameter("dense_1.kernel"); // [300, 100] row-major
            var rng = new Random(count);
            var dz = new float[count * UnitStride];
            for (int m = 0; m < count; m++)
                for (int j = 0; j < Units; j++) dz[m * UnitStride + j] = (float)(rng.NextDouble() * 2 - 1);
            var dx = new float[count * InputStride];

            fixed (float* pdx = dx, pdz = dz) model.Dense1InputGradient(pdx, pdz, count);

            for (int m = 0; m < count; m++)
            {
                for (int k = 0; k < Inputs; k++)
                {
                    double expected = 0;
                    for (int j = 0; j < Units; j++) expected += (double)dz[m * UnitStride + j] * kernel[k * Units + j];
                    Assert.True(Math.Abs(dx[m * InputStride + k] - expected) <= 1e-5 * (1 + Math.Abs(expected)),
                        $"dx[{m}, {k}] = {dx[m * InputStride + k]}, expected {expected}");
                }
                for (int k = Inputs; k < InputStride; k++) Assert.Equal(0f, dx[m * InputStride + k]); // padding never written
            }
        }
    }
}
