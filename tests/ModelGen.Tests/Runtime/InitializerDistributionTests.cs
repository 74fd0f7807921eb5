using System;
using System.Collections.Generic;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Every element-wise initializer against its Keras 3 formula: the sample mean and variance of a large draw, the
    /// bounds of uniform and truncated draws, and determinism.
    /// </summary>
    /// <remarks>
    /// Tolerances come from the sampling error, not from taste: over N draws the sample mean has standard error
    /// σ/√N and the sample variance σ²·√((κ − 1)/N), with κ the kurtosis (3 for a normal, 1.8 for a uniform, 2.3655 for
    /// a normal truncated to ±2σ). Every check allows 6 standard errors, so a correct initializer fails about once in
    /// 10⁹ runs (and the seeds are fixed, so never). With N = 400 000 that is ±1.3% on a normal's variance: forgetting
    /// Keras' 1/0.8796 truncation correction (×0.774), the truncation itself (×1.29), or using the wrong fan is far outside.
    /// </remarks>
    public class InitializerDistributionTests
    {
        private const int Draws = 400_000;
        private const double StandardErrors = 6;
        private const double NormalKurtosis = 3, UniformKurtosis = 1.8, TruncatedKurtosis = 2.3655367171296495;

        /// <summary>One initializer with its arguments and fans, and what Keras' formula says its draw must look like.</summary>
        public sealed record Case(Init Init, InitArguments Arguments, int FanIn, int FanOut, double Mean, double Variance, double Kurtosis, double Lower, double Upper);

        private static double Trunc(double stddev) => stddev / Initializers.TruncatedNormalStddevCorrection;

        private static readonly Dictionary<string, Case> s_cases = new()
        {
            // RandomNormal: N(mean, stddev²), untruncated.
            ["random_normal_default"] = new(Init.RandomNormal, InitArguments.Default, 3, 4, 0, 0.05 * 0.05, NormalKurtosis, double.NegativeInfinity, double.PositiveInfinity),
            ["random_normal"] = new(Init.RandomNormal, new(Mean: 0.3, Stddev: 0.7), 3, 4, 0.3, 0.49, NormalKurtosis, double.NegativeInfinity, double.PositiveInfinity),
            // TruncatedNormal: mean + stddev·z, z truncated to [-2, 2]: variance stddev²·0.8796², bounds mean ± 2 stddev.
            ["truncated_normal_default"] = new(Init.TruncatedNormal, InitArguments.Default, 3, 4, 0, Math.Pow(0.05 * Initializers.TruncatedNormalStddevCorrection, 2), TruncatedKurtosis, -0.1, 0.1),
            ["truncated_normal"] = new(Init.TruncatedNormal, new(Mean: -1, Stddev: 2), 3, 4, -1, Math.Pow(2 * Initializers.TruncatedNormalStddevCorrection, 2), TruncatedKurtosis, -5, 3),
            // RandomUniform: U(minval, maxval).
            ["random_uniform_default"] = new(Init.RandomUniform, InitArguments.Default, 3, 4, 0, 0.1 * 0.1 / 12, UniformKurtosis, -0.05, 0.05),
            ["random_uniform"] = new(Init.RandomUniform, new(Minval: -0.3, Maxval: 0.9), 3, 4, 0.3, 1.2 * 1.2 / 12, UniformKurtosis, -0.3, 0.9),
            // The VarianceScaling family: realised variance scale / max(1, n) whatever the distribution.
            ["glorot_uniform"] = new(Init.GlorotUniform, InitArguments.Default, 784, 128, 0, 2.0 / 912, UniformKurtosis, -Math.Sqrt(6.0 / 912), Math.Sqrt(6.0 / 912)),
            ["glorot_normal"] = new(Init.GlorotNormal, InitArguments.Default, 300, 100, 0, 2.0 / 400, TruncatedKurtosis, -2 * Trunc(Math.Sqrt(2.0 / 400)), 2 * Trunc(Math.Sqrt(2.0 / 400))),
            ["he_uniform"] = new(Init.HeUniform, InitArguments.Default, 50, 7, 0, 2.0 / 50, UniformKurtosis, -Math.Sqrt(6.0 / 50), Math.Sqrt(6.0 / 50)),
            ["he_normal"] = new(Init.HeNormal, InitArguments.Default, 50, 7, 0, 2.0 / 50, TruncatedKurtosis, -2 * Trunc(Math.Sqrt(2.0 / 50)), 2 * Trunc(Math.Sqrt(2.0 / 50))),
            ["lecun_uniform"] = new(Init.LeCunUniform, InitArguments.Default, 30, 90, 0, 1.0 / 30, UniformKurtosis, -Math.Sqrt(3.0 / 30), Math.Sqrt(3.0 / 30)),
            ["lecun_normal"] = new(Init.LeCunNormal, InitArguments.Default, 30, 90, 0, 1.0 / 30, TruncatedKurtosis, -2 * Trunc(Math.Sqrt(1.0 / 30)), 2 * Trunc(Math.Sqrt(1.0 / 30))),
            ["variance_scaling_default"] = new(Init.VarianceScaling, InitArguments.Default, 20, 80, 0, 1.0 / 20, TruncatedKurtosis, -2 * Trunc(Math.Sqrt(1.0 / 20)), 2 * Trunc(Math.Sqrt(1.0 / 20))),
            ["variance_scaling_fan_out_untruncated"] = new(Init.VarianceScaling, new(Scale: 3, Mode: FanMode.FanOut, Distribution: InitDistribution.UntruncatedNormal),
                20, 80, 0, 3.0 / 80, NormalKurtosis, double.NegativeInfinity, double.PositiveInfinity),
            ["variance_scaling_fan_avg_uniform"] = new(Init.VarianceScaling, new(Scale: 0.5, Mode: FanMode.FanAvg, Distribution: InitDistribution.Uniform),
                20, 80, 0, 0.5 / 50, UniformKurtosis, -Math.Sqrt(1.5 / 50), Math.Sqrt(1.5 / 50)),
            ["variance_scaling_fan_in_truncated"] = new(Init.VarianceScaling, new(Scale: 2, Mode: FanMode.FanIn, Distribution: InitDistribution.TruncatedNormal),
                20, 80, 0, 2.0 / 20, TruncatedKurtosis, -2 * Trunc(Math.Sqrt(2.0 / 20)), 2 * Trunc(Math.Sqrt(2.0 / 20))),
            // max(1, n): a fan below 1 (here 0, and fan_avg 0.5) counts as 1.
            ["variance_scaling_small_fan"] = new(Init.VarianceScaling, new(Scale: 2, Mode: FanMode.FanAvg, Distribution: InitDistribution.UntruncatedNormal),
                0, 1, 0, 2.0, NormalKurtosis, double.NegativeInfinity, double.PositiveInfinity),
        };

        public static TheoryData<string> Cases => new(s_cases.Keys);

        private static float[] Draw(Case c, ulong seed, int length = Draws)
        {
            var values = new float[length];
            var rng = new Rng(seed);
            Initializers.Fill(values, c.Init, c.Arguments, c.FanIn, c.FanOut, ref rng);
            return values;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void MeanAndVariance_MatchKerasFormulaWithinSixStandardErrors(string name)
        {
            Case c = s_cases[name];
            float[] values = Draw(c, 1000 + (ulong)name.Length);

            double sum = 0;
            foreach (float v in values) sum += v;
            double mean = sum / values.Length, squares = 0;
            foreach (float v in values) squares += (v - mean) * (v - mean);
            double variance = squares / (values.Length - 1);

            double meanTolerance = StandardErrors * Math.Sqrt(c.Variance / Draws);
            double varianceTolerance = StandardErrors * c.Variance * Math.Sqrt((c.Kurtosis - 1) / Draws);
            Assert.True(Math.Abs(mean - c.Mean) <= meanTolerance, $"{name}: mean {mean}, expected {c.Mean} ± {meanTolerance}.");
            Assert.True(Math.Abs(variance - c.Variance) <= varianceTolerance, $"{name}: variance {variance}, expected {c.Variance} ± {varianceTolerance}.");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void BoundedDraws_StayInsideTheirBoundsAndReachThem(string name)
        {
            Case c = s_cases[name];
            if (double.IsInfinity(c.Lower)) return; // an untruncated normal has no bounds to check
            float[] values = Draw(c, 2000 + (ulong)name.Length);

            // float rounding may land a value on the bound itself, hence the 1e-6 relative slack.
            double slack = 1e-6 * Math.Max(Math.Abs(c.Lower), Math.Abs(c.Upper));
            double min = double.MaxValue, max = double.MinValue;
            foreach (float v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            Assert.True(min >= c.Lower - slack && max <= c.Upper + slack, $"{name}: drew [{min}, {max}] outside [{c.Lower}, {c.Upper}].");
            // And the cut is where Keras puts it, not tighter: 400k draws come within 1% of the width of each bound.
            double width = c.Upper - c.Lower;
            Assert.True(min < c.Lower + 0.01 * width && max > c.Upper - 0.01 * width, $"{name}: drew [{min}, {max}], never near [{c.Lower}, {c.Upper}].");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void SameSeed_SameBits_DrawnInOrder(string name)
        {
            Case c = s_cases[name];
            float[] a = Draw(c, 7, 257), b = Draw(c, 7, 257), other = Draw(c, 8, 257);
            Assert.Equal(a, b);
            Assert.NotEqual(a, other);

            // Element 0 first: filling 100 and then 157 from one generator is filling 257.
            var parts = new float[257];
            var rng = new Rng(7);
            Initializers.Fill(parts.AsSpan(0, 100), c.Init, c.Arguments, c.FanIn, c.FanOut, ref rng);
            Initializers.Fill(parts.AsSpan(100), c.Init, c.Arguments, c.FanIn, c.FanOut, ref rng);
            Assert.Equal(a, parts);
        }

        [Fact]
        public void ZerosOnesConstant_AreExactAndDrawNothing()
        {
            foreach ((Init init, InitArguments arguments, float expected) in new[]
            {
                (Init.Zeros, InitArguments.Default, 0f),
                (Init.Ones, InitArguments.Default, 1f),
                (Init.Constant, InitArguments.Default, 0f),
                (Init.Constant, new InitArguments(Value: -0.375), -0.375f),
                (Init.Constant, new InitArguments(Value: 0.1), 0.1f),
            })
            {
                var values = new float[100];
                values.AsSpan().Fill(float.NaN);
                var rng = new Rng(3);
                var untouched = new Rng(3);
                Initializers.Fill(values, init, arguments, 5, 6, ref rng);
                Assert.All(values, v => Assert.Equal(expected, v));
                Assert.Equal(untouched.NextUInt64(), rng.NextUInt64());
            }
        }

        [Fact]
        public void GlorotAndHe_KeepTheBitsOfTheirFirstImplementation()
        {
            // GlorotUniform and HeNormal now go through the VarianceScaling code: the same seed must give the same
            // bits as the dedicated formulas they had, so models initialized before read the same weights.
            var rng = new Rng(99);
            double limit = Math.Sqrt(3.0 / Math.Max(1.0, (30 + 20.0) / 2.0));
            var expected = new float[64];
            for (int i = 0; i < 32; i++) expected[i] = (float)((2.0 * rng.NextDouble() - 1.0) * limit);
            double stddev = Math.Sqrt(2.0 / 30) / Initializers.TruncatedNormalStddevCorrection;
            for (int i = 32; i < 64; i++)
            {
                double z;
                do z = rng.NextNormal(); while (z < -2.0 || z > 2.0);
                expected[i] = (float)(z * stddev);
            }

            var actual = new float[64];
            var fill = new Rng(99);
            Initializers.Fill(actual.AsSpan(0, 32), Init.GlorotUniform, 30, 20, ref fill);
            Initializers.Fill(actual.AsSpan(32), Init.HeNormal, 30, 20, ref fill);
            Assert.Equal(expected, actual);
        }

        [Theory]
        [InlineData(Init.RandomNormal, 0.0, "stddev")]
        [InlineData(Init.TruncatedNormal, -1.0, "stddev")]
        [InlineData(Init.VarianceScaling, 0.0, "scale")]
        public void InvalidArguments_ThrowWhenCalledDirectly(Init init, double value, string what)
        {
            InitArguments arguments = init == Init.VarianceScaling ? new(Scale: value) : new(Stddev: value);
            var values = new float[4];
            var rng = new Rng(1);
            var ex = Assert.Throws<ArgumentException>(() => Initializers.Fill(values, init, arguments, 2, 2, ref rng));
            Assert.Contains(what, ex.Message);
        }

        [Fact]
        public void InvalidRangeOrValue_ThrowWhenCalledDirectly()
        {
            var values = new float[4];
            var rng = new Rng(1);
            Assert.Throws<ArgumentException>(() => Initializers.Fill(values, Init.RandomUniform, new InitArguments(Minval: 1, Maxval: 0), 2, 2, ref rng));
            Assert.Throws<ArgumentException>(() => Initializers.Fill(values, Init.Constant, new InitArguments(Value: double.NaN), 2, 2, ref rng));
            Assert.Throws<ArgumentException>(() => Initializers.Fill(values, Init.VarianceScaling, new InitArguments(Mode: (FanMode)7), 2, 2, ref rng));
            Assert.Throws<ArgumentException>(() => Initializers.Fill(values, Init.VarianceScaling, new InitArguments(Distribution: (InitDistribution)7), 2, 2, ref rng));
        }

        [Theory]
        [InlineData(Init.Orthogonal)]
        [InlineData(Init.Identity)]
        public void MatrixInitializers_ThroughTheElementWiseOverload_ThrowAndPointToTheShapedOne(Init init)
        {
            var values = new float[4];
            var rng = new Rng(1);
            var ex = Assert.Throws<ArgumentException>(() => Initializers.Fill(values, init, 2, 2, ref rng));
            Assert.Contains("TensorSpec", ex.Message);
        }
    }
}
