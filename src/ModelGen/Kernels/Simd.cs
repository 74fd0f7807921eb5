using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelGen.Kernels
{
    /// <summary>
    /// The few vector and row primitives that generated kernels call. Everything architecture-specific is decided
    /// here once, by JIT-time <c>IsSupported</c> constants, so generated code stays portable and readable.
    /// </summary>
    public static unsafe class Simd
    {
        /// <summary>The smallest positive normal float (2^-126); anything smaller is subnormal.</summary>
        public const float SmallestNormal = 1.17549435E-38f;

        /// <summary>a * b + c, fused (one rounding) where the CPU has FMA.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
        {
#if NET9_0_OR_GREATER
            return Vector256.FusedMultiplyAdd(a, b, c);
#else
            return Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;
#endif
        }

        /// <summary>a * b + c, fused (one rounding) where the CPU has FMA.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
        {
#if NET9_0_OR_GREATER
            return Vector512.FusedMultiplyAdd(a, b, c);
#else
            return Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;
#endif
        }

        /// <summary>Lanes below the smallest normal float become zero.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> FlushSubnormals(Vector512<float> v)
        {
            Vector512<float> normal = Vector512.GreaterThanOrEqual(Vector512.Abs(v), Vector512.Create(SmallestNormal));
            return v & normal;
        }

        /// <summary>The horizontal sums of four vectors, as one 4-float vector [Σa, Σb, Σc, Σd].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) =>
            Sum4(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());

        /// <summary>The horizontal sums of four vectors, as one 4-float vector [Σa, Σb, Σc, Σd].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
        {
            Vector128<float> a4 = a.GetLower() + a.GetUpper(), b4 = b.GetLower() + b.GetUpper();
            Vector128<float> c4 = c.GetLower() + c.GetUpper(), d4 = d.GetLower() + d.GetUpper();
            if (Sse3.IsSupported)
            {
                // [a0+a1, a2+a3, b0+b1, b2+b3] and the same for c, d; one more pairwise add gives the four sums.
                return Sse3.HorizontalAdd(Sse3.HorizontalAdd(a4, b4), Sse3.HorizontalAdd(c4, d4));
            }
            return Vector128.Create(Vector128.Sum(a4), Vector128.Sum(b4), Vector128.Sum(c4), Vector128.Sum(d4));
        }

        /// <summary>Replaces every lane whose magnitude is below the smallest normal float with zero.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> FlushSubnormals(Vector256<float> v)
        {
            Vector256<float> normal = Vector256.GreaterThanOrEqual(Vector256.Abs(v), Vector256.Create(SmallestNormal));
            return v & normal;
        }

        /// <summary>Softmax of a row, in place: exp(x - max) / Σ exp(x - max).</summary>
        public static void SoftmaxInPlace(float* row, int length) => Softmax(row, row, length);

        /// <summary>Softmax of <paramref name="x"/> into <paramref name="y"/> (which may be the same row).</summary>
        public static void Softmax(float* y, float* x, int length)
        {
            float max = x[0];
            for (int j = 1; j < length; j++) max = MathF.Max(max, x[j]);
            float sum = 0f;
            for (int j = 0; j < length; j++)
            {
                float e = MathF.Exp(x[j] - max);
                y[j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < length; j++) y[j] *= inv;
        }

        /// <summary>log Σ exp(x), computed as max + log Σ exp(x - max) so it cannot overflow.</summary>
        public static float LogSumExp(float* x, int length)
        {
            float max = x[0];
            for (int j = 1; j < length; j++) max = MathF.Max(max, x[j]);
            float sum = 0f;
            for (int j = 0; j < length; j++) sum += MathF.Exp(x[j] - max);
            return max + MathF.Log(sum);
        }

        /// <summary>Back through softmax for one row: dz = y (dy - Σ dy·y), in place over <paramref name="dy"/>.</summary>
        public static void SoftmaxBackwardInPlace(float* dy, float* y, int length)
        {
            float dot = 0f;
            for (int j = 0; j < length; j++) dot += dy[j] * y[j];
            for (int j = 0; j < length; j++) dy[j] = y[j] * (dy[j] - dot);
        }
    }
}
