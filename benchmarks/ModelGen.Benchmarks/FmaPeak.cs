using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelGen.Benchmarks
{
    /// <summary>
    /// Measures this machine's fp32 FMA peak on one core: 24 independent accumulator chains of 512-bit (or 256-bit)
    /// FMAs, enough to cover latency × throughput, so the loop runs at the FMA ports' limit.
    /// </summary>
    public static class FmaPeak
    {
        private static double? s_gflops;

        /// <summary>Peak GFLOP/s of one core (2 flops per FMA lane), measured once per process.</summary>
        public static double Gflops => s_gflops ??= Measure();

        private static double Measure()
        {
            Run(2_000_000); // warm-up and JIT
            const long iterations = 20_000_000;
            var clock = Stopwatch.StartNew();
            float sink = Run(iterations);
            double seconds = clock.Elapsed.TotalSeconds;
            int lanes = Avx512F.IsSupported ? 16 : 8;
            return sink == 42 ? 0 : iterations * 24.0 * lanes * 2 / seconds / 1e9;
        }

        private static float Run(long iterations)
        {
            if (Avx512F.IsSupported)
            {
                var a = Vector512.Create(0.999f);
                var b = Vector512.Create(1e-6f);
                Vector512<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
                Vector512<float> c12 = a, c13 = a, c14 = a, c15 = a, c16 = a, c17 = a, c18 = a, c19 = a, c20 = a, c21 = a, c22 = a, c23 = a;
                for (long i = 0; i < iterations; i++)
                {
                    c0 = Avx512F.FusedMultiplyAdd(c0, a, b); c1 = Avx512F.FusedMultiplyAdd(c1, a, b); c2 = Avx512F.FusedMultiplyAdd(c2, a, b);
                    c3 = Avx512F.FusedMultiplyAdd(c3, a, b); c4 = Avx512F.FusedMultiplyAdd(c4, a, b); c5 = Avx512F.FusedMultiplyAdd(c5, a, b);
                    c6 = Avx512F.FusedMultiplyAdd(c6, a, b); c7 = Avx512F.FusedMultiplyAdd(c7, a, b); c8 = Avx512F.FusedMultiplyAdd(c8, a, b);
                    c9 = Avx512F.FusedMultiplyAdd(c9, a, b); c10 = Avx512F.FusedMultiplyAdd(c10, a, b); c11 = Avx512F.FusedMultiplyAdd(c11, a, b);
                    c12 = Avx512F.FusedMultiplyAdd(c12, a, b); c13 = Avx512F.FusedMultiplyAdd(c13, a, b); c14 = Avx512F.FusedMultiplyAdd(c14, a, b);
                    c15 = Avx512F.FusedMultiplyAdd(c15, a, b); c16 = Avx512F.FusedMultiplyAdd(c16, a, b); c17 = Avx512F.FusedMultiplyAdd(c17, a, b);
                    c18 = Avx512F.FusedMultiplyAdd(c18, a, b); c19 = Avx512F.FusedMultiplyAdd(c19, a, b); c20 = Avx512F.FusedMultiplyAdd(c20, a, b);
                    c21 = Avx512F.FusedMultiplyAdd(c21, a, b); c22 = Avx512F.FusedMultiplyAdd(c22, a, b); c23 = Avx512F.FusedMultiplyAdd(c23, a, b);
                }
                var sum = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15 + c16 + c17 + c18 + c19 + c20 + c21 + c22 + c23;
                return Vector512.Sum(sum);
            }
            var a8 = Vector256.Create(0.999f);
            var b8 = Vector256.Create(1e-6f);
            Vector256<float> d0 = a8, d1 = a8, d2 = a8, d3 = a8, d4 = a8, d5 = a8, d6 = a8, d7 = a8, d8 = a8, d9 = a8, d10 = a8, d11 = a8;
            for (long i = 0; i < iterations * 2; i++)
            {
                d0 = Fma.MultiplyAdd(d0, a8, b8); d1 = Fma.MultiplyAdd(d1, a8, b8); d2 = Fma.MultiplyAdd(d2, a8, b8); d3 = Fma.MultiplyAdd(d3, a8, b8);
                d4 = Fma.MultiplyAdd(d4, a8, b8); d5 = Fma.MultiplyAdd(d5, a8, b8); d6 = Fma.MultiplyAdd(d6, a8, b8); d7 = Fma.MultiplyAdd(d7, a8, b8);
                d8 = Fma.MultiplyAdd(d8, a8, b8); d9 = Fma.MultiplyAdd(d9, a8, b8); d10 = Fma.MultiplyAdd(d10, a8, b8); d11 = Fma.MultiplyAdd(d11, a8, b8);
            }
            return Vector256.Sum(d0 + d1 + d2 + d3 + d4 + d5 + d6 + d7 + d8 + d9 + d10 + d11);
        }
    }
}
