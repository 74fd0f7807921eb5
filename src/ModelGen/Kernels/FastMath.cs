using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelGen.Kernels
{
    /// <summary>
    /// tanh and sigmoid as a rational function: odd polynomial of degree 13 over even polynomial of degree 6 on
    /// [-7.9988, 7.9988] (outside, tanh is ±1 in float32), the approximation Eigen uses. Max error about 2e-7
    /// absolute and a few ulps relative (checked against double precision in the tests), and 5-10x faster than
    /// <c>MathF.Tanh</c>, which dominated the small networks' latency. One formula for floats and both vector widths,
    /// so the scalar and vector paths agree.
    /// </summary>
    public static class FastMath
    {
        private const float Clamp = 7.99881172180175781f;
        private const float Tiny = 0.0004f; // below this tanh(x) == x to float precision
        private const float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f;
        private const float A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f;
        private const float A13 = -2.76076847742355e-16f;
        private const float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f;
        private const float B6 = 1.19825839466702e-06f;

        /// <summary>tanh(x).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Tanh(float x)
        {
            if (System.MathF.Abs(x) < Tiny) return x;
            float c = System.Math.Clamp(x, -Clamp, Clamp);
            float x2 = c * c;
            float p = System.MathF.FusedMultiplyAdd(x2, A13, A11);
            p = System.MathF.FusedMultiplyAdd(x2, p, A9);
            p = System.MathF.FusedMultiplyAdd(x2, p, A7);
            p = System.MathF.FusedMultiplyAdd(x2, p, A5);
            p = System.MathF.FusedMultiplyAdd(x2, p, A3);
            p = System.MathF.FusedMultiplyAdd(x2, p, A1);
            float q = System.MathF.FusedMultiplyAdd(x2, B6, B4);
            q = System.MathF.FusedMultiplyAdd(x2, q, B2);
            q = System.MathF.FusedMultiplyAdd(x2, q, B0);
            return c * p / q;
        }

        /// <summary>tanh of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Tanh(Vector512<float> x)
        {
            var c = Vector512.Min(Vector512.Max(x, Vector512.Create(-Clamp)), Vector512.Create(Clamp));
            var x2 = c * c;
            var p = Simd.MultiplyAdd(x2, Vector512.Create(A13), Vector512.Create(A11));
            p = Simd.MultiplyAdd(x2, p, Vector512.Create(A9));
            p = Simd.MultiplyAdd(x2, p, Vector512.Create(A7));
            p = Simd.MultiplyAdd(x2, p, Vector512.Create(A5));
            p = Simd.MultiplyAdd(x2, p, Vector512.Create(A3));
            p = Simd.MultiplyAdd(x2, p, Vector512.Create(A1));
            var q = Simd.MultiplyAdd(x2, Vector512.Create(B6), Vector512.Create(B4));
            q = Simd.MultiplyAdd(x2, q, Vector512.Create(B2));
            q = Simd.MultiplyAdd(x2, q, Vector512.Create(B0));
            return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(Tiny)), x, c * p / q);
        }

        /// <summary>tanh of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Tanh(Vector256<float> x)
        {
            var c = Vector256.Min(Vector256.Max(x, Vector256.Create(-Clamp)), Vector256.Create(Clamp));
            var x2 = c * c;
            var p = Simd.MultiplyAdd(x2, Vector256.Create(A13), Vector256.Create(A11));
            p = Simd.MultiplyAdd(x2, p, Vector256.Create(A9));
            p = Simd.MultiplyAdd(x2, p, Vector256.Create(A7));
            p = Simd.MultiplyAdd(x2, p, Vector256.Create(A5));
            p = Simd.MultiplyAdd(x2, p, Vector256.Create(A3));
            p = Simd.MultiplyAdd(x2, p, Vector256.Create(A1));
            var q = Simd.MultiplyAdd(x2, Vector256.Create(B6), Vector256.Create(B4));
            q = Simd.MultiplyAdd(x2, q, Vector256.Create(B2));
            q = Simd.MultiplyAdd(x2, q, Vector256.Create(B0));
            return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(Tiny)), x, c * p / q);
        }

        /// <summary>1 / (1 + e^-x), computed as (1 + tanh(x / 2)) / 2.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sigmoid(float x) => System.MathF.FusedMultiplyAdd(0.5f, Tanh(0.5f * x), 0.5f);

        /// <summary>Sigmoid of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Sigmoid(Vector512<float> x) => Simd.MultiplyAdd(Vector512.Create(0.5f), Tanh(Vector512.Create(0.5f) * x), Vector512.Create(0.5f));

        /// <summary>Sigmoid of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Sigmoid(Vector256<float> x) => Simd.MultiplyAdd(Vector256.Create(0.5f), Tanh(Vector256.Create(0.5f) * x), Vector256.Create(0.5f));
    }
}
