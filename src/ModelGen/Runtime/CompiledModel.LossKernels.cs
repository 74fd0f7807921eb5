using System;
using System.Runtime.CompilerServices;

namespace ModelGen
{
    public abstract unsafe partial class CompiledModel
    {
        // ---- Loss values: the per-sample terms generated ComputeLoss overrides call ----
        //
        // Values are summed in double in the stable forms, so a loss near zero (a confident right answer) keeps its
        // relative precision: log(1 + e^-|z|) and log Σ exp(z - max) go through Log1P instead of log(1 + tiny) in
        // float, which would round the whole loss to zero. Gradients stay in float (the generated code writes them).

        /// <summary>Keras' clip range for probabilities: [1e-7, 1 - 1e-7] in float32, whose upper end is 1 - 2^-23.</summary>
        protected const float ProbabilityEpsilon = 1e-7f;

        /// <summary>p clipped to [1e-7, 1 - 1e-7], as Keras' cross-entropies on probabilities.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static float ClipProbability(float p) => Math.Clamp(p, ProbabilityEpsilon, 1f - ProbabilityEpsilon);

        /// <summary>Whether the clip leaves p unchanged (where it does not, Keras' gradient through it is zero).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static bool InsideProbabilityClip(float p) => p >= ProbabilityEpsilon && p <= 1f - ProbabilityEpsilon;

        /// <summary>log(1 + x) without the cancellation of 1 + x for small x (the classic Goldberg correction).</summary>
        protected static double Log1P(double x)
        {
            double u = 1.0 + x;
            return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
        }

        /// <summary>Σ_j over one row of |y - t|.</summary>
        protected static double AbsoluteErrorSum(float* y, float* t, int length)
        {
            double sum = 0;
            for (int j = 0; j < length; j++) sum += Math.Abs(y[j] - t[j]);
            return sum;
        }

        /// <summary>Σ_j over one row of Huber's 0.5·e² (|e| &lt;= delta) or delta·|e| - 0.5·delta², e = y - t.</summary>
        protected static double HuberSum(float* y, float* t, int length, float delta)
        {
            double sum = 0;
            for (int j = 0; j < length; j++)
            {
                double e = Math.Abs(y[j] - t[j]);
                sum += e <= delta ? 0.5 * e * e : delta * e - 0.5 * (double)delta * delta;
            }
            return sum;
        }

        /// <summary>Σ_j of -(t log p + (1 - t) log(1 - p)) over one row, p clipped as Keras clips it.</summary>
        protected static double BinaryCrossEntropySum(float* p, float* t, int length)
        {
            double sum = 0;
            for (int j = 0; j < length; j++)
            {
                float q = ClipProbability(p[j]);
                sum -= t[j] * Math.Log(q) + (1.0 - t[j]) * Math.Log(1f - q);
            }
            return sum;
        }

        /// <summary>
        /// Σ_j of -t log σ(z) - (1 - t) log σ(-z) over one row of logits, in the stable form
        /// max(z, 0) - z·t + log(1 + e^-|z|): no exponential overflows and no log of zero for any z.
        /// </summary>
        protected static double BinaryCrossEntropyFromLogitsSum(float* z, float* t, int length)
        {
            double sum = 0;
            for (int j = 0; j < length; j++)
            {
                double x = z[j];
                sum += Math.Max(x, 0) - x * t[j] + Log1P(Math.Exp(-Math.Abs(x)));
            }
            return sum;
        }

        /// <summary>
        /// -Σ_j t_j log p_j over one row of probabilities, renormalised (p / Σp) and clipped, as Keras does on
        /// probabilities.
        /// </summary>
        protected static double CategoricalCrossEntropySum(float* p, float* t, int length)
        {
            float total = 0f;
            for (int j = 0; j < length; j++) total += p[j];
            double sum = 0;
            for (int j = 0; j < length; j++)
            {
                if (t[j] != 0f) sum -= t[j] * Math.Log(ClipProbability(p[j] / total));
            }
            return sum;
        }

        /// <summary>
        /// -Σ_j t_j log softmax(z)_j over one row of logits, as Σ_j t_j ((m - z_j) + log(1 + Σ_{i≠a} e^(z_i - m)))
        /// with m = z_a the largest logit: every exponent is at most 0, and the log of a sum close to 1 keeps its
        /// precision (a confident right answer gives a loss near e^-margin, not a rounded zero).
        /// </summary>
        protected static double CategoricalCrossEntropyFromLogitsSum(float* z, float* t, int length)
        {
            int a = 0;
            for (int j = 1; j < length; j++) if (z[j] > z[a]) a = j;
            double m = z[a], rest = 0;
            for (int j = 0; j < length; j++) if (j != a) rest += Math.Exp(z[j] - m);
            double logSum = Log1P(rest), sum = 0;
            for (int j = 0; j < length; j++)
            {
                if (t[j] != 0f) sum += t[j] * (m - z[j] + logSum);
            }
            return sum;
        }

        // MAE's gradient uses Sign(x) (CompiledModel.Activations.cs): 1, -1 or 0, also 0 at the kink as Keras takes it.

        /// <summary>Σ_j t_j over one target row (1 for a one-hot row): softmax's fused gradient is p·Σt - t.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static float RowSum(float* t, int length)
        {
            float sum = 0f;
            for (int j = 0; j < length; j++) sum += t[j];
            return sum;
        }
    }
}
