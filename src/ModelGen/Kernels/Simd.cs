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
