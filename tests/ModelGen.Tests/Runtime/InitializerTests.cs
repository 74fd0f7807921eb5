using System;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    public class InitializerTests
    {
        private const int Draws = 300_000;

        private static float[] Draw(Init init, int fanIn, int fanOut, ulong seed, int length = Draws)
        {
            var values = new float[length];
            var rng = new Rng(seed);
            Initializers.Fill(values, init, fanIn, fanOut, ref rng);
            return values;
        }

        private static (double Mean, double Variance) Moments(float[] values)
        {
            double sum = 0, sumSquares = 0;
            foreach (float v in values)
            {
                sum += v;
                sumSquares += v * (double)v;
            }
            double mean = sum / values.Length;
            return (mean, sumSquares / values.Length - mean * mean);
        }

        [Fact]
        public void Zeros_FillsEveryElementWithZeroAndDrawsNothing()
        {
            var values = new float[1000];
            values.AsSpan().Fill(float.NaN);
            var rng = new Rng(1);
            var untouched = new Rng(1);

            Initializers.Fill(values, Init.Zeros, 10, 10, ref rng);

            foreach (float v in values) Assert.Equal(0f, v);
            Assert.Equal(untouched.NextUInt64(), rng.NextUInt64());
        }

        [Theory]
        [InlineData(784, 128)]
        [InlineData(3, 5)]
        public void GlorotUniform_MeanAndVarianceMatchKerasFormula(int fanIn, int fanOut)
        {
            // U(-L, L) has variance L²/3 = 2 / (fan_in + fan_out). Over 300k draws the variance's relative standard
            // error is 0.16%; 1.5% catches any wrong limit (e.g. sqrt(6 / fan_in) or sqrt(3 / (fan_in + fan_out))).
            double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
            float[] values = Draw(Init.GlorotUniform, fanIn, fanOut, 17);
            (double mean, double variance) = Moments(values);

            Assert.Equal(0.0, mean, limit * 0.005);
            Assert.Equal(limit * limit / 3, variance, limit * limit / 3 * 0.015);
        }

        [Fact]
        public void GlorotUniform_ValuesFillTheInterval()
        {
            const int fanIn = 64, fanOut = 32;
            double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
            float[] values = Draw(Init.GlorotUniform, fanIn, fanOut, 18);

            float min = float.MaxValue, max = float.MinValue;
            foreach (float v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            Assert.InRange((double)max, limit * 0.999, limit * (1 + 1e-6));
            Assert.InRange((double)min, -limit * (1 + 1e-6), -limit * 0.999);
        }

        [Theory]
        [InlineData(50)]
        [InlineData(784)]
        public void HeNormal_RealisedVarianceIsTwoOverFanIn(int fanIn)
        {
            // Keras divides the stddev by 0.8796 so the truncated draw has variance 2 / fan_in. Forgetting the
            // correction gives 0.774 × that, forgetting the truncation 1.29 ×: both far outside 2%.
            float[] values = Draw(Init.HeNormal, fanIn, 10, 19);
            (double mean, double variance) = Moments(values);
            double expected = 2.0 / fanIn;

            Assert.Equal(0.0, mean, Math.Sqrt(expected) * 0.006);
            Assert.Equal(expected, variance, expected * 0.02);
        }

        [Fact]
        public void HeNormal_EveryValueIsWithinTwoStddev()
        {
            const int fanIn = 100;
            double stddev = Math.Sqrt(2.0 / fanIn) / Initializers.TruncatedNormalStddevCorrection;
            double bound = 2 * stddev;
            float[] values = Draw(Init.HeNormal, fanIn, 10, 20);

            double largest = 0;
            foreach (float v in values)
            {
                Assert.True(Math.Abs(v) <= bound * (1 + 1e-6), $"{v} is outside ±{bound}.");
                largest = Math.Max(largest, Math.Abs(v));
            }
            // The cut is at two standard deviations, not tighter: the extremes come close to it.
            Assert.True(largest > bound * 0.995, $"The largest magnitude {largest} never approaches the bound {bound}.");
        }

        [Fact]
        public void HeNormal_ZeroFanIn_IsTreatedAsOne()
        {
            (_, double variance) = Moments(Draw(Init.HeNormal, 0, 10, 21, 100_000));
            Assert.Equal(2.0, variance, 0.06);
        }

        [Theory]
        [InlineData(Init.GlorotUniform)]
        [InlineData(Init.HeNormal)]
        public void SameSeed_GivesSameValues_DifferentSeedDiffers(Init init)
        {
            float[] a = Draw(init, 20, 30, 123, 500);
            float[] b = Draw(init, 20, 30, 123, 500);
            float[] c = Draw(init, 20, 30, 124, 500);

            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }

        [Theory]
        [InlineData(Init.GlorotUniform)]
        [InlineData(Init.HeNormal)]
        public void Fill_DrawsSequentiallyFromElementZero(Init init)
        {
            // Filling 20 at once equals filling 10 and then the next 10 from the same generator.
            float[] whole = Draw(init, 8, 8, 55, 20);

            var parts = new float[20];
            var rng = new Rng(55);
            Initializers.Fill(parts.AsSpan(0, 10), init, 8, 8, ref rng);
            Initializers.Fill(parts.AsSpan(10, 10), init, 8, 8, ref rng);

            Assert.Equal(whole, parts);
        }

        [Fact]
        public unsafe void PointerOverload_MatchesSpanOverload()
        {
            float[] viaSpan = Draw(Init.HeNormal, 12, 4, 77, 64);
            var viaPointer = new float[64];
            var rng = new Rng(77);
            fixed (float* p = viaPointer)
            {
                Initializers.Fill(p, viaPointer.Length, Init.HeNormal, 12, 4, ref rng);
            }
            Assert.Equal(viaSpan, viaPointer);
        }

        [Fact]
        public void Default_ThrowsBecauseTheGeneratorMustResolveIt()
        {
            var values = new float[4];
            var rng = new Rng(1);
            var ex = Assert.Throws<ArgumentException>(() => Initializers.Fill(values, Init.Default, 2, 2, ref rng));
            Assert.Contains("generator", ex.Message);
        }

        [Fact]
        public void NegativeFanIn_Throws()
        {
            var values = new float[4];
            var rng = new Rng(1);
            Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Fill(values, Init.HeNormal, -1, 2, ref rng));
        }
    }
}
