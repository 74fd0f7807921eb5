using System;
using System.Runtime.CompilerServices;

namespace ModelGen
{
    /// <summary>
    /// A small, fast, seedable random number generator: xoshiro256** (Blackman and Vigna) seeded through SplitMix64.
    /// The same seed gives the same bits on every run, machine and operating system.
    /// </summary>
    /// <remarks>
    /// <para>
    /// This is a mutable struct: pass it by <c>ref</c>. A copy continues the same sequence independently, which is
    /// how a caller can fork a stream on purpose and also how one forks it by accident.
    /// </para>
    /// <para>
    /// Determinism is the point of this type, so nothing here calls <see cref="Math.Log(double)"/> or
    /// <see cref="Math.Cos"/>: .NET forwards those to the platform's C library, whose last bits differ between
    /// glibc, musl and the Windows CRT. <see cref="NextNormal"/> uses the portable polynomial versions below instead;
    /// they only add, multiply, divide and take square roots, which IEEE 754 rounds the same everywhere (RyuJIT
    /// does not contract them into fused multiply-adds).
    /// </para>
    /// <para>Not cryptographically secure.</para>
    /// </remarks>
    public struct Rng
    {
        private ulong _s0;
        private ulong _s1;
        private ulong _s2;
        private ulong _s3;

        /// <summary>Creates a generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
        /// <param name="seed">Any value, zero included.</param>
        public Rng(ulong seed)
        {
            // xoshiro's authors recommend SplitMix64 to expand a 64-bit seed: nearby seeds give unrelated states, and
            // four consecutive SplitMix64 outputs are never all zero (the one state xoshiro cannot leave).
            ulong x = seed;
            _s0 = SplitMix64(ref x);
            _s1 = SplitMix64(ref x);
            _s2 = SplitMix64(ref x);
            _s3 = SplitMix64(ref x);
        }

        /// <summary>Returns 64 uniformly distributed random bits.</summary>
        /// <exception cref="InvalidOperationException">The generator is <c>default(Rng)</c> instead of constructed from a seed.</exception>
        public ulong NextUInt64()
        {
            // default(Rng) is all zeros and would return zero forever; fail loudly instead (one predictable branch).
            if ((_s0 | _s1 | _s2 | _s3) == 0) ThrowNotSeeded();

            ulong result = RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 45);
            return result;
        }

        /// <summary>Returns 32 uniformly distributed random bits (the high half of <see cref="NextUInt64"/>).</summary>
        public uint NextUInt32() => (uint)(NextUInt64() >> 32);

        /// <summary>Returns an integer uniformly distributed in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
        /// <param name="maxExclusive">The exclusive upper bound; must be positive.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is zero or negative.</exception>
        public int NextInt(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive,
                    "NextInt needs a positive exclusive upper bound: the range [0, maxExclusive) would be empty.");
            }

            // Lemire's multiply-shift: the high 32 bits of x * n are uniform in [0, n) once the few low products that
            // would over-represent some results (fewer than n of 2^32) are rejected.
            uint n = (uint)maxExclusive;
            ulong m = (ulong)NextUInt32() * n;
            uint low = (uint)m;
            if (low < n)
            {
                uint threshold = (0u - n) % n;
                while (low < threshold)
                {
                    m = (ulong)NextUInt32() * n;
                    low = (uint)m;
                }
            }
            return (int)(m >> 32);
        }

        /// <summary>Returns a float uniformly distributed in [0, 1), with 24 random bits (every representable step).</summary>
        public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

        /// <summary>Returns a double uniformly distributed in [0, 1), with 53 random bits.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Returns a standard normal draw (mean 0, variance 1), by the Box–Muller transform.</summary>
        /// <remarks>
        /// Each call consumes exactly two <see cref="NextUInt64"/> values and uses only the cosine branch, so the
        /// generator carries no cached second value and the sequence depends only on the number of calls.
        /// </remarks>
        public double NextNormal()
        {
            // 1 - u lies in (0, 1]: the logarithm is finite. The largest magnitude is sqrt(2 * 53 * ln 2) ≈ 8.57.
            double u1 = 1.0 - NextDouble();
            double u2 = NextDouble();
            return Math.Sqrt(-2.0 * PortableLog(u1)) * PortableCosTurns(u2);
        }

        /// <summary>Shuffles <paramref name="values"/> in place, every permutation equally likely (Fisher–Yates).</summary>
        /// <param name="values">The values to permute.</param>
        public void Shuffle(Span<int> values)
        {
            for (int i = values.Length - 1; i > 0; i--)
            {
                int j = NextInt(i + 1);
                (values[i], values[j]) = (values[j], values[i]);
            }
        }

        private static ulong SplitMix64(ref ulong x)
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

        private static void ThrowNotSeeded() => throw new InvalidOperationException(
            "This Rng is default(Rng), whose all-zero state would only ever return zeros. Construct it with new Rng(seed).");

        // ---- Portable transcendental functions -------------------------------------------------------------------

        private const double Ln2Hi = 6.93147180369123816490e-01; // ln 2 with the low 32 bits cleared: e * Ln2Hi is exact.
        private const double Ln2Lo = 1.90821492927058770002e-10; // ln 2 - Ln2Hi.

        /// <summary>Natural logarithm of a positive normal double, accurate to a few ulp, identical on every platform.</summary>
        private static double PortableLog(double x)
        {
            // x = m * 2^e with m in [sqrt(1/2), sqrt(2)), so ln x = e ln 2 + ln m, and ln m = 2 atanh(s) with
            // s = (m - 1) / (m + 1), |s| <= 0.1716: the odd series in s converges to full precision in 11 terms.
            long bits = BitConverter.DoubleToInt64Bits(x);
            int e = (int)((bits >> 52) & 0x7FF) - 1023;
            double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
            if (m > 1.4142135623730951)
            {
                m *= 0.5;
                e++;
            }

            double s = (m - 1.0) / (m + 1.0);
            double z = s * s;
            double series = 1.0 / 23;
            for (int k = 21; k >= 3; k -= 2) series = series * z + 1.0 / k;
            series = series * z + 1.0;
            return e * Ln2Hi + (e * Ln2Lo + 2.0 * s * series);
        }

        /// <summary>cos(2π t) for t in [0, 1), accurate to a few ulp, identical on every platform.</summary>
        private static double PortableCosTurns(double t)
        {
            // Reduce in turns, where the reduction is exact: t * 4 only changes the exponent, and the quadrant's
            // fraction f and its complement 1 - f are exact. The polynomial then sees an angle in [0, π/4].
            double q4 = t * 4.0;
            int quadrant = (int)q4;
            double f = q4 - quadrant;
            bool complement = f > 0.5;
            double angle = (complement ? 1.0 - f : f) * (Math.PI / 2);

            // cos over the quadrants is cos, -sin, -cos, sin; on the complement cos and sin swap.
            bool useSin = ((quadrant & 1) == 1) != complement;
            double value = useSin ? SinSmall(angle) : CosSmall(angle);
            return quadrant == 1 || quadrant == 2 ? -value : value;
        }

        // Taylor series on [0, π/4] in nested (Horner) form, smallest terms first:
        // sin x = x (1 - x²/(2·3) (1 - x²/(4·5) (1 - ...))). The first omitted term is below 1e-17 in both.
        private static double SinSmall(double x)
        {
            double z = x * x;
            double r = 1.0;
            for (int k = 9; k >= 1; k--) r = 1.0 - z / ((2 * k) * (2 * k + 1)) * r;
            return x * r;
        }

        // cos x = 1 - x²/(1·2) (1 - x²/(3·4) (1 - ...)).
        private static double CosSmall(double x)
        {
            double z = x * x;
            double r = 1.0;
            for (int k = 9; k >= 1; k--) r = 1.0 - z / ((2 * k - 1) * (2 * k)) * r;
            return r;
        }
    }
}
