using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelGen
{
    /// <summary>
    /// The activations of the toolbox in the kernel vocabulary: forward, and dL/dz from dL/dy (d) and either the
    /// output y or, where y does not determine the derivative, the pre-activation z. Scalars compute in double and
    /// round once, so every activation is within an ulp or two of the float64 reference (ELU's e^x - 1 and
    /// softplus' log(1 + e^x) lose every digit near 0 in float). The cheap piecewise-linear ones also have vector
    /// forms, fused in the micro-kernels' registers. docs/reference/activations.md gives every formula.
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        private const double SeluAlpha = 1.6732632423543772848170429916717;
        private const double SeluScale = 1.0507009873554804934193349852946;
        private const double SqrtHalf = 0.70710678118654752440;
        private const double InvSqrtTwoPi = 0.39894228040143267794;
        private const double SqrtTwoOverPi = 0.79788456080286535588;
        private const double GeluCubic = 0.044715;
        private const double GeluSigmoidScale = 1.702;

        // ---- Forward, one float ----

        /// <summary>Heaviside step: 1 where x &gt;= 0, else 0.</summary>
        [MethodImpl(Inline)] protected static float Step(float x) => x >= 0f ? 1f : 0f;
        /// <summary>sign(x): -1, 0 or 1.</summary>
        [MethodImpl(Inline)] protected static float Sign(float x) => x > 0f ? 1f : x < 0f ? -1f : 0f;
        /// <summary>Keras 3's hard sigmoid, relu6(x + 3) / 6.</summary>
        [MethodImpl(Inline)] protected static float HardSigmoid(float x) => MathF.Min(MathF.Max(x + 3f, 0f), 6f) / 6f;
        /// <summary>arctan(x).</summary>
        [MethodImpl(Inline)] protected static float ArcTan(float x) => (float)Math.Atan(x);
        /// <summary>x where x &gt;= 0, else slope · x.</summary>
        [MethodImpl(Inline)] protected static float LeakyRelu(float x, float slope) => x >= 0f ? x : slope * x;
        /// <summary>x where x &gt; 0, else alpha (e^x - 1).</summary>
        [MethodImpl(Inline)] protected static float Elu(float x, float alpha) => x > 0f ? x : (float)(alpha * (Math.Exp(x) - 1.0));
        /// <summary>SELU with Keras' constants.</summary>
        [MethodImpl(Inline)] protected static float Selu(float x) => (float)(x > 0f ? SeluScale * x : SeluScale * SeluAlpha * (Math.Exp(x) - 1.0));
        /// <summary>Exact GELU, x Φ(x) = x/2 · erfc(-x/√2).</summary>
        [MethodImpl(Inline)] protected static float Gelu(float x) => (float)(0.5 * x * Erfc(-x * SqrtHalf));
        /// <summary>GELU's tanh approximation.</summary>
        [MethodImpl(Inline)] protected static float GeluTanh(float x) => (float)(0.5 * x * (1.0 + Math.Tanh(SqrtTwoOverPi * (x + GeluCubic * x * x * (double)x))));
        /// <summary>GELU's sigmoid approximation, x σ(1.702 x).</summary>
        [MethodImpl(Inline)] protected static float GeluSigmoid(float x) => (float)(x * Logistic(GeluSigmoidScale * x));
        /// <summary>Swish, x σ(beta x).</summary>
        [MethodImpl(Inline)] protected static float Swish(float x, float beta) => (float)(x * Logistic((double)beta * x));
        /// <summary>Mish, x tanh(softplus(x)).</summary>
        [MethodImpl(Inline)] protected static float Mish(float x) => (float)(x * Math.Tanh(SoftplusDouble(x)));
        /// <summary>log(1 + e^x), overflow-free.</summary>
        [MethodImpl(Inline)] protected static float Softplus(float x) => (float)SoftplusDouble(x);
        /// <summary>x / (1 + |x|).</summary>
        [MethodImpl(Inline)] protected static float Softsign(float x) => x / (1f + MathF.Abs(x));
        /// <summary>e^x.</summary>
        [MethodImpl(Inline)] protected static float Exponential(float x) => MathF.Exp(x);

        // ---- Derivatives, one float: d is dL/dy, the result dL/dz ----

        /// <summary>Hard sigmoid: 1/6 inside (-3, 3), where 0 &lt; y &lt; 1; else 0.</summary>
        [MethodImpl(Inline)] protected static float HardSigmoidBackward(float d, float y) => y > 0f && y < 1f ? d * (1f / 6f) : 0f;
        /// <summary>arctan: 1 / (1 + z²).</summary>
        [MethodImpl(Inline)] protected static float ArcTanBackward(float d, float z) => (float)(d / (1.0 + (double)z * z));
        /// <summary>Leaky ReLU from y (the slope is not negative, so y has the sign of z): 1 where y &gt; 0, else slope.</summary>
        [MethodImpl(Inline)] protected static float LeakyReluBackward(float d, float y, float slope) => y > 0f ? d : d * slope;
        /// <summary>min(z, 0): PReLU's d y / d alpha.</summary>
        [MethodImpl(Inline)] protected static float NegativePart(float z) => MathF.Min(z, 0f);
        /// <summary>PReLU and RReLU from z: 1 where z &gt; 0, else the slope.</summary>
        [MethodImpl(Inline)] protected static float SlopeBackward(float d, float z, float slope) => z > 0f ? d : d * slope;
        /// <summary>ELU from y: 1 where y &gt; 0, else y + alpha (= alpha e^z).</summary>
        [MethodImpl(Inline)] protected static float EluBackward(float d, float y, float alpha) => y > 0f ? d : d * (y + alpha);
        /// <summary>SELU from y: scale where y &gt; 0, else y + scale · alpha.</summary>
        [MethodImpl(Inline)] protected static float SeluBackward(float d, float y) => (float)(y > 0f ? d * SeluScale : d * (y + SeluScale * SeluAlpha));
        /// <summary>Exact GELU from z: Φ(z) + z φ(z).</summary>
        [MethodImpl(Inline)] protected static float GeluBackward(float d, float z) => (float)(d * (0.5 * Erfc(-z * SqrtHalf) + z * InvSqrtTwoPi * Math.Exp(-0.5 * z * (double)z)));
        /// <summary>GELU (tanh) from z: ½(1 + t) + ½ z (1 - t²) √(2/π) (1 + 3 · 0.044715 z²).</summary>
        [MethodImpl(Inline)]
        protected static float GeluTanhBackward(float d, float z)
        {
            double x = z, t = Math.Tanh(SqrtTwoOverPi * (x + GeluCubic * x * x * x));
            return (float)(d * (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * SqrtTwoOverPi * (1.0 + 3.0 * GeluCubic * x * x)));
        }
        /// <summary>GELU (sigmoid) from z: σ(kz) + kz σ(kz)(1 - σ(kz)), k = 1.702.</summary>
        [MethodImpl(Inline)] protected static float GeluSigmoidBackward(float d, float z) => SwishBackwardDouble(d, z, GeluSigmoidScale);
        /// <summary>Swish from z: σ(βz) + βz σ(βz)(1 - σ(βz)).</summary>
        [MethodImpl(Inline)] protected static float SwishBackward(float d, float z, float beta) => SwishBackwardDouble(d, z, beta);
        /// <summary>dL/dβ of one Swish element: d · z² σ(βz)(1 - σ(βz)).</summary>
        [MethodImpl(Inline)]
        protected static double SwishBetaGradient(float d, float z, float beta)
        {
            double s = Logistic((double)beta * z);
            return (double)d * z * z * s * (1.0 - s);
        }
        /// <summary>Mish from z: tanh(sp) + z (1 - tanh²(sp)) σ(z), sp = softplus(z).</summary>
        [MethodImpl(Inline)]
        protected static float MishBackward(float d, float z)
        {
            double t = Math.Tanh(SoftplusDouble(z));
            return (float)(d * (t + z * (1.0 - t * t) * Logistic(z)));
        }
        /// <summary>Softplus from y: σ(z) = 1 - e^-y.</summary>
        [MethodImpl(Inline)] protected static float SoftplusBackward(float d, float y) => (float)(d * OneMinusExpNegative(y));
        /// <summary>Softsign from y: (1 - |y|)².</summary>
        [MethodImpl(Inline)] protected static float SoftsignBackward(float d, float y) { float u = 1f - MathF.Abs(y); return d * u * u; }
        /// <summary>e^z from y: y.</summary>
        [MethodImpl(Inline)] protected static float ExponentialBackward(float d, float y) => d * y;

        // ---- Vector forms (16 and 8 lanes) of the piecewise-linear and rational ones ----

        /// <summary>Leaky ReLU per lane.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> LeakyRelu(Vector512<float> v, float slope) => Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(v, Vector512<float>.Zero), v, v * slope);
        /// <summary>Leaky ReLU per lane.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> LeakyRelu(Vector256<float> v, float slope) => Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(v, Vector256<float>.Zero), v, v * slope);
        /// <summary>Hard sigmoid per lane.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> HardSigmoid(Vector512<float> v) => Vector512.Min(Vector512.Max(v + Vector512.Create(3f), Vector512<float>.Zero), Vector512.Create(6f)) / Vector512.Create(6f);
        /// <summary>Hard sigmoid per lane.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> HardSigmoid(Vector256<float> v) => Vector256.Min(Vector256.Max(v + Vector256.Create(3f), Vector256<float>.Zero), Vector256.Create(6f)) / Vector256.Create(6f);
        /// <summary>Softsign per lane.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Softsign(Vector512<float> v) => v / (Vector512<float>.One + Vector512.Abs(v));
        /// <summary>Softsign per lane.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Softsign(Vector256<float> v) => v / (Vector256<float>.One + Vector256.Abs(v));
        /// <summary>Step per lane.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Step(Vector512<float> v) => Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(v, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);
        /// <summary>Step per lane.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Step(Vector256<float> v) => Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(v, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);
        /// <summary>Sign per lane.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> Sign(Vector512<float> v) => Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero) - Vector512.ConditionalSelect(Vector512.LessThan(v, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);
        /// <summary>Sign per lane.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> Sign(Vector256<float> v) => Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero) - Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);
        /// <summary>Leaky ReLU's derivative per lane, from y.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> LeakyReluBackward(Vector512<float> d, Vector512<float> y, float slope) => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), d, d * slope);
        /// <summary>Leaky ReLU's derivative per lane, from y.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> LeakyReluBackward(Vector256<float> d, Vector256<float> y, float slope) => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), d, d * slope);
        /// <summary>Hard sigmoid's derivative per lane, from y.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> HardSigmoidBackward(Vector512<float> d, Vector512<float> y) => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero) & Vector512.LessThan(y, Vector512<float>.One), d * (1f / 6f), Vector512<float>.Zero);
        /// <summary>Hard sigmoid's derivative per lane, from y.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> HardSigmoidBackward(Vector256<float> d, Vector256<float> y) => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero) & Vector256.LessThan(y, Vector256<float>.One), d * (1f / 6f), Vector256<float>.Zero);
        /// <summary>Softsign's derivative per lane, from y.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> SoftsignBackward(Vector512<float> d, Vector512<float> y) { var u = Vector512<float>.One - Vector512.Abs(y); return d * u * u; }
        /// <summary>Softsign's derivative per lane, from y.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> SoftsignBackward(Vector256<float> d, Vector256<float> y) { var u = Vector256<float>.One - Vector256.Abs(y); return d * u * u; }
        /// <summary>The exponential's derivative per lane, from y.</summary>
        [MethodImpl(Inline)] protected static Vector512<float> ExponentialBackward(Vector512<float> d, Vector512<float> y) => d * y;
        /// <summary>The exponential's derivative per lane, from y.</summary>
        [MethodImpl(Inline)] protected static Vector256<float> ExponentialBackward(Vector256<float> d, Vector256<float> y) => d * y;

        // ---- RReLU ----

        /// <summary>RReLU's slope for element <paramref name="index"/> of layer stream <paramref name="stream"/> in the current training pass.</summary>
        [MethodImpl(Inline)]
        protected float RReluSlope(uint stream, uint index, float lower, float upper) => lower + (upper - lower) * Noise(NoiseKey, stream, index);

        // ---- Helpers in double ----

        private static double Logistic(double x) => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));

        private static float SwishBackwardDouble(float d, float z, double beta)
        {
            double s = Logistic(beta * z);
            return (float)(d * (s + beta * z * s * (1.0 - s)));
        }

        /// <summary>max(x, 0) + log(1 + e^-|x|), with log(1 + u) ≈ u for tiny u.</summary>
        private static double SoftplusDouble(double x)
        {
            double u = Math.Exp(-Math.Abs(x));
            return Math.Max(x, 0.0) + (u < 1e-10 ? u : Math.Log(1.0 + u));
        }

        /// <summary>1 - e^-y without cancellation for small y.</summary>
        private static double OneMinusExpNegative(double y) => y < 1e-5 ? y - y * y / 2 + y * y * y / 6 : 1.0 - Math.Exp(-y);

        /// <summary>
        /// erfc(x) in double: W. J. Cody's rational Chebyshev approximations (as in SPECFUN's CALERF), relative error
        /// below 1e-15, so x Φ(x) keeps full float precision even far into the left tail where erf(x) → -1 cancels.
        /// </summary>
        internal static double Erfc(double x)
        {
            double ax = Math.Abs(x);
            double result;
            if (ax < 0.5)
            {
                double z = x * x;
                double num = ((((1.85777706184603153e-1 * z + 3.16112374387056560e0) * z + 1.13864154151050156e2) * z + 3.77485237685302021e2) * z + 3.20937758913846947e3);
                double den = ((((z + 2.36012909523441209e1) * z + 2.44024637934444173e2) * z + 1.28261652607737228e3) * z + 2.84423683343917062e3);
                return 1.0 - x * num / den;
            }
            if (ax < 4.0)
            {
                double num = 2.15311535474403846e-8;
                double[] p = s_cp;
                for (int i = 0; i < 8; i++) num = num * ax + p[i];
                double den = 1.0;
                double[] q = s_cq;
                for (int i = 0; i < 8; i++) den = den * ax + q[i];
                result = num / den;
            }
            else
            {
                double z = 1.0 / (ax * ax);
                double num = 1.63153871373020978e-2;
                double[] p = s_dp;
                for (int i = 0; i < 5; i++) num = num * z + p[i];
                double den = 1.0;
                double[] q = s_dq;
                for (int i = 0; i < 5; i++) den = den * z + q[i];
                result = (0.56418958354775628695 - z * num / den) / ax;
            }
            // exp(-x²) split as exp(-xs²) exp(-(x - xs)(x + xs)) to keep its precision (Cody's trick).
            double xs = Math.Floor(ax * 16.0) / 16.0;
            result *= Math.Exp(-xs * xs) * Math.Exp(-(ax - xs) * (ax + xs));
            return x < 0 ? 2.0 - result : result;
        }

        private static readonly double[] s_cp =
        {
            5.64188496988670089e-1, 8.88314979438837594e0, 6.61191906371416295e1, 2.98635138197400131e2,
            8.81952221241769090e2, 1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3,
        };
        private static readonly double[] s_cq =
        {
            1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3,
            3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3,
        };
        private static readonly double[] s_dp =
        {
            3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
        };
        private static readonly double[] s_dq =
        {
            2.56852019228982242e0, 1.87295284992346725e0, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3,
        };
    }
}
