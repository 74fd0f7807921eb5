using System;
using System.Runtime.Intrinsics;

namespace ModelGen
{
    /// <summary>
    /// The kernels of regularizer penalties, gradient clipping and kernel constraints, called by generated code with
    /// constant offsets and lengths. Every length is a multiple of 16 floats (tensors start on 64-byte boundaries and
    /// their padding holds zero weights and zero gradients, which add nothing to a penalty or a norm).
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>Keras' backend epsilon, added to the norm by MaxNorm and UnitNorm.</summary>
        protected const float BackendEpsilon = 1e-7f;

        /// <summary>l1·Σ|w| + l2·Σw² over <paramref name="length"/> floats (Keras' L1L2; a sum, not divided by the batch).</summary>
        protected static double RegularizerPenalty(float* w, int length, float l1, float l2)
        {
            double absSum = 0, squareSum = 0;
            // Per 1024 floats, float vector sums; across blocks, double: accurate enough for any tensor size.
            for (int block = 0; block < length; block += 1024)
            {
                int end = Math.Min(length, block + 1024);
                if (Use512)
                {
                    Vector512<float> a = Vector512<float>.Zero, s = Vector512<float>.Zero;
                    for (int k = block; k < end; k += 16)
                    {
                        var v = Vector512.Load(w + k);
                        a += Vector512.Abs(v);
                        s += v * v;
                    }
                    absSum += Vector512.Sum(a);
                    squareSum += Vector512.Sum(s);
                }
                else
                {
                    Vector256<float> a = Vector256<float>.Zero, s = Vector256<float>.Zero;
                    for (int k = block; k < end; k += 8)
                    {
                        var v = Vector256.Load(w + k);
                        a += Vector256.Abs(v);
                        s += v * v;
                    }
                    absSum += Vector256.Sum(a);
                    squareSum += Vector256.Sum(s);
                }
            }
            return l1 * absSum + l2 * squareSum;
        }

        /// <summary>g += l1·sign(w) + 2·l2·w: the penalty's gradient (sign(0) = 0, as Keras' and PyTorch's |w| gradient).</summary>
        protected static void AddRegularizerGradient(float* g, float* w, int length, float l1, float l2)
        {
            float twoL2 = 2 * l2;
            if (Use512)
            {
                var l1V = Vector512.Create(l1);
                var l2V = Vector512.Create(twoL2);
                for (int k = 0; k < length; k += 16)
                {
                    var v = Vector512.Load(w + k);
                    var sign = (Vector512.GreaterThan(v, Vector512<float>.Zero) & l1V) - (Vector512.LessThan(v, Vector512<float>.Zero) & l1V);
                    (Vector512.Load(g + k) + sign + v * l2V).Store(g + k);
                }
            }
            else
            {
                var l1V = Vector256.Create(l1);
                var l2V = Vector256.Create(twoL2);
                for (int k = 0; k < length; k += 8)
                {
                    var v = Vector256.Load(w + k);
                    var sign = (Vector256.GreaterThan(v, Vector256<float>.Zero) & l1V) - (Vector256.LessThan(v, Vector256<float>.Zero) & l1V);
                    (Vector256.Load(g + k) + sign + v * l2V).Store(g + k);
                }
            }
        }

        /// <summary>Σg² over <paramref name="length"/> floats, in double across blocks.</summary>
        protected static double SumOfSquares(float* g, int length)
        {
            double total = 0;
            for (int block = 0; block < length; block += 1024)
            {
                int end = Math.Min(length, block + 1024);
                if (Use512)
                {
                    Vector512<float> s = Vector512<float>.Zero;
                    for (int k = block; k < end; k += 16) { var v = Vector512.Load(g + k); s += v * v; }
                    total += Vector512.Sum(s);
                }
                else
                {
                    Vector256<float> s = Vector256<float>.Zero;
                    for (int k = block; k < end; k += 8) { var v = Vector256.Load(g + k); s += v * v; }
                    total += Vector256.Sum(s);
                }
            }
            return total;
        }

        /// <summary>g *= c / max(norm, c), Keras' clipnorm and global_clipnorm (a no-op when the norm is at most c).</summary>
        protected static void ClipToNorm(float* g, int length, double norm, float c)
        {
            if (norm <= c) return;
            float scale = (float)(c / norm);
            if (Use512)
            {
                var s = Vector512.Create(scale);
                for (int k = 0; k < length; k += 16) (Vector512.Load(g + k) * s).Store(g + k);
            }
            else
            {
                var s = Vector256.Create(scale);
                for (int k = 0; k < length; k += 8) (Vector256.Load(g + k) * s).Store(g + k);
            }
        }

        /// <summary>g = clip(g, -c, c), Keras' clipvalue.</summary>
        protected static void ClipByValue(float* g, int length, float c)
        {
            if (Use512)
            {
                var hi = Vector512.Create(c);
                var lo = Vector512.Create(-c);
                for (int k = 0; k < length; k += 16) Vector512.Min(Vector512.Max(Vector512.Load(g + k), lo), hi).Store(g + k);
            }
            else
            {
                var hi = Vector256.Create(c);
                var lo = Vector256.Create(-c);
                for (int k = 0; k < length; k += 8) Vector256.Min(Vector256.Max(Vector256.Load(g + k), lo), hi).Store(g + k);
            }
        }

        /// <summary>
        /// Keras' MaxNorm(max_value, axis=0) (or, with <paramref name="unit"/>, UnitNorm(axis=0)) on a packed kernel
        /// [inputs, units]: each unit's incoming weight vector (a column) w *= clip(n, 0, max) / (ε + n), n its norm
        /// (UnitNorm: w /= ε + n). The kernel is packed in panels of 32 columns (the last may be 16), each panel
        /// row-major, so a panel's rows are contiguous vectors of columns: the norms of a panel accumulate row by row.
        /// </summary>
        protected static void ConstrainColumnNorms(float* kernel, int inputs, int paddedUnits, float maxValue, bool unit)
        {
            float* norms = stackalloc float[32];
            for (int panel = 0; panel * 32 < paddedUnits; panel++)
            {
                int width = Math.Min(32, paddedUnits - panel * 32);
                float* p = kernel + panel * 32 * inputs;
                for (int c = 0; c < width; c++) norms[c] = 0;
                for (int r = 0; r < inputs; r++)
                {
                    float* row = p + r * width;
                    for (int c = 0; c < width; c++) norms[c] += row[c] * row[c];
                }
                for (int c = 0; c < width; c++)
                {
                    float n = MathF.Sqrt(norms[c]);
                    norms[c] = unit ? 1f / (BackendEpsilon + n) : Math.Clamp(n, 0f, maxValue) / (BackendEpsilon + n);
                }
                for (int r = 0; r < inputs; r++)
                {
                    float* row = p + r * width;
                    for (int c = 0; c < width; c++) row[c] *= norms[c];
                }
            }
        }

        /// <summary>Keras' NonNeg: w = max(w, 0).</summary>
        protected static void ClampNonNegative(float* w, int length)
        {
            for (int k = 0; k < length; k += 16) Vector512.Max(Vector512.Load(w + k), Vector512<float>.Zero).Store(w + k);
        }
    }
}
