using System;
using System.Collections.Generic;
using System.Text;
using Xunit.Sdk;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// The one table of numeric tolerances, and the comparison that prints the first differing pairs and the largest
    /// difference when it fails.
    /// </summary>
    public static class Tolerance
    {
        /// <summary>float32 code against a float64 reference: forward outputs, losses, gradients, optimizer steps.</summary>
        public const double Reference = 1e-5;

        /// <summary>Absolute floor for values near zero, where a relative error means nothing.</summary>
        public const double ReferenceFloor = 1e-6;

        /// <summary>Central finite differences in float32 (step 1e-2 on a smooth loss): truncation and rounding error.</summary>
        public const double FiniteDifference = 2e-2;

        /// <summary>
        /// Absolute floor for <see cref="FiniteDifference"/>: float32 rounding in a loss of order 1 is about 1e-6, which
        /// a central difference over 2h = 2e-2 turns into ~1e-4 of noise; the floor sits ten times above that, and is
        /// small enough that any gradient entry above ~2.5e-3 still catches a derivative off by a factor of 2 or 1/2,
        /// a wrong sign, or a missing term (FiniteDifferenceTests asserts every tensor has such entries).
        /// </summary>
        public const double FiniteDifferenceFloor = 1e-3;

        /// <summary>
        /// One sample predicted alone against the same sample inside a batch: the same float32 products summed in a
        /// different order (row blocks of different heights), so a few ulps apart.
        /// </summary>
        public const double BatchInvariance = 1e-6;

        /// <summary>Absolute floor for <see cref="BatchInvariance"/>.</summary>
        public const double BatchInvarianceFloor = 1e-7;

        /// <summary>Asserts |actual - expected| &lt;= rtol·|expected| + atol element-wise.</summary>
        public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double rtol, double atol, string what)
        {
            if (expected.Length != actual.Length)
                throw new XunitException($"{what}: expected {expected.Length} values, got {actual.Length}.");
            var report = new StringBuilder();
            double worst = 0;
            int bad = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                double diff = Math.Abs((double)actual[i] - expected[i]);
                worst = Math.Max(worst, diff);
                if (diff > rtol * Math.Abs(expected[i]) + atol || double.IsNaN(actual[i]))
                {
                    if (bad++ < 5) report.Append($"\n  [{i}] expected {expected[i]:R}, actual {actual[i]:R}, diff {diff:E2}");
                }
            }
            if (bad > 0)
                throw new XunitException($"{what}: {bad} of {expected.Length} values differ (rtol {rtol}, atol {atol}); max |diff| {worst:E3}.{report}");
        }

        /// <summary>Scalar version of <see cref="AssertClose(ReadOnlySpan{float}, ReadOnlySpan{float}, double, double, string)"/>.</summary>
        public static void AssertClose(double expected, double actual, double rtol, double atol, string what)
        {
            if (Math.Abs(actual - expected) > rtol * Math.Abs(expected) + atol || double.IsNaN(actual))
                throw new XunitException($"{what}: expected {expected:R}, actual {actual:R} (rtol {rtol}, atol {atol}).");
        }
    }
}
