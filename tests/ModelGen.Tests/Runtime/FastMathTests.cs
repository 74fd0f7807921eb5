using System;
using System.Runtime.Intrinsics;
using ModelGen.Kernels;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>The rational tanh and sigmoid against double precision, and the vector forms against the scalar one.</summary>
    public class FastMathTests
    {
        /// <summary>Every float step of 1/4096 over [-12, 12], plus the clamp edges and values near zero.</summary>
        private static float[] Points()
        {
            var points = new System.Collections.Generic.List<float> { 0f, -0f, 1e-8f, -1e-8f, 3.9e-4f, 4.1e-4f, 7.99881172f, 8f, 50f, -50f, float.MaxValue, float.MinValue };
            for (int i = -12 * 4096; i <= 12 * 4096; i++) points.Add(i / 4096f);
            return points.ToArray();
        }

        [Fact]
        public void Tanh_IsWithin1e6OfDoublePrecision()
        {
            double worst = 0, worstRelative = 0;
            foreach (float x in Points())
            {
                double exact = Math.Tanh(x);
                double error = Math.Abs(FastMath.Tanh(x) - exact);
                worst = Math.Max(worst, error);
                if (Math.Abs(exact) > 1e-3) worstRelative = Math.Max(worstRelative, error / Math.Abs(exact));
            }
            Assert.True(worst <= 1e-6, $"max |tanh error| {worst:E2}");
            Assert.True(worstRelative <= 2e-6, $"max relative tanh error {worstRelative:E2}");
        }

        [Fact]
        public void Tanh_NearZero_KeepsRelativeAccuracy()
        {
            foreach (float x in new[] { 1e-30f, 1e-10f, 1e-5f, 3e-4f, 5e-4f, 1e-3f })
            {
                Assert.True(Math.Abs(FastMath.Tanh(x) - Math.Tanh(x)) <= 1e-6 * Math.Abs(Math.Tanh(x)), $"tanh({x})");
            }
        }

        [Fact]
        public void Sigmoid_IsWithin1e6OfDoublePrecision()
        {
            double worst = 0;
            foreach (float x in Points())
            {
                double exact = 1 / (1 + Math.Exp(-(double)x));
                worst = Math.Max(worst, Math.Abs(FastMath.Sigmoid(x) - exact));
            }
            Assert.True(worst <= 1e-6, $"max |sigmoid error| {worst:E2}");
        }

        [Fact]
        public void VectorForms_EqualTheScalarFormBitForBit()
        {
            float[] points = Points();
            for (int i = 0; i + 16 <= points.Length; i += 16)
            {
                var v512 = Vector512.Create(points.AsSpan(i, 16));
                var v256 = Vector256.Create(points.AsSpan(i, 8));
                Vector512<float> t512 = FastMath.Tanh(v512), s512 = FastMath.Sigmoid(v512);
                Vector256<float> t256 = FastMath.Tanh(v256), s256 = FastMath.Sigmoid(v256);
                for (int lane = 0; lane < 16; lane++)
                {
                    Assert.Equal(FastMath.Tanh(points[i + lane]), t512[lane]);
                    Assert.Equal(FastMath.Sigmoid(points[i + lane]), s512[lane]);
                    if (lane < 8)
                    {
                        Assert.Equal(FastMath.Tanh(points[i + lane]), t256[lane]);
                        Assert.Equal(FastMath.Sigmoid(points[i + lane]), s256[lane]);
                    }
                }
            }
        }
    }
}
