using System;

namespace ModelGen
{
    /// <summary>
    /// Batch normalization (Keras <c>layers.BatchNormalization</c>), called by the generated code of models with a
    /// [BatchNormalization]: the statistics passes, the backward pass through the batch statistics, and the folding of
    /// normalizations into Dense kernels for inference. Everything works on [count, stride] rows of which the first
    /// <c>units</c> columns are used, and on a per-layer scratch of [5, stride] floats (center, scale,
    /// 1/sqrt(var + eps), and the backward pass's two sums). Nothing allocates.
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// Bumped whenever the parameters may have changed (an optimizer step, a training forward pass that moves
        /// moving statistics, WriteParameter, Load, CopyLayersFrom): derived data such as folded kernels is
        /// recomputed when its version differs.
        /// </summary>
        protected long ParameterVersion { get; private set; }

        /// <summary>Records that the parameters changed (see <see cref="ParameterVersion"/>).</summary>
        protected void MarkParametersChanged() => ParameterVersion++;

        /// <summary>
        /// Whether inference (Predict, Evaluate, validation) runs the Dense kernels with batch normalizations folded
        /// into them (default true). False runs each normalization as its own pass with the moving statistics: the same
        /// function up to rounding, for checking the folding.
        /// </summary>
        public bool FoldBatchNormalization { get; set; } = true;

        /// <summary>
        /// Run-time Freeze/Unfreeze/IsFrozen apply to Dense layers only: a normalization is frozen at compile time with
        /// <c>[BatchNormalization(Trainable = false)]</c> (which also switches it to inference mode, as Keras 3).
        /// </summary>
        private void ThrowIfBatchNormalization(string layer)
        {
            if (HasTensor(layer, ".moving_mean"))
            {
                throw new NotSupportedException(
                    $"'{layer}' of {_layout.ModelName} is a BatchNormalization: freezing it at run time is not supported; declare it [BatchNormalization(Trainable = false)] instead.");
            }
        }

        /// <summary>
        /// Training statistics of h [count, stride]: per feature the batch mean (center) and the biased variance, scale =
        /// gamma / sqrt(var + eps) (gamma = 1 when null) and 1/sqrt(var + eps); the moving statistics are updated as Keras:
        /// moving = moving · momentum + batch · (1 - momentum).
        /// </summary>
        protected static void BatchNormBatchStatistics(float* stats, float* movingMean, float* movingVariance, float* gamma, float* h, int count, int units, int stride, float momentum, float epsilon)
        {
            float* center = stats, scale = stats + stride, invStd = stats + 2 * stride;
            // Feature by feature, in double: the mean, then the squared deviations (two passes: no cancellation when the
            // mean is large against the spread); rounded once to float.
            float keep = 1f - momentum;
            for (int j = 0; j < units; j++)
            {
                double sum = 0;
                for (int n = 0; n < count; n++) sum += h[(long)n * stride + j];
                double mean = sum / count, squares = 0;
                for (int n = 0; n < count; n++)
                {
                    double d = h[(long)n * stride + j] - mean;
                    squares += d * d;
                }
                float m = (float)mean, v = (float)(squares / count);
                center[j] = m;
                invStd[j] = (float)(1.0 / Math.Sqrt((double)v + epsilon));
                scale[j] = gamma is null ? invStd[j] : gamma[j] * invStd[j];
                movingMean[j] = movingMean[j] * momentum + m * keep;
                movingVariance[j] = movingVariance[j] * momentum + v * keep;
            }
        }

        /// <summary>Inference statistics: center = moving mean, 1/sqrt(moving variance + eps), scale = gamma times it.</summary>
        protected static void BatchNormMovingStatistics(float* stats, float* movingMean, float* movingVariance, float* gamma, int units, int stride, float epsilon)
        {
            float* center = stats, scale = stats + stride, invStd = stats + 2 * stride;
            for (int j = 0; j < units; j++)
            {
                center[j] = movingMean[j];
                invStd[j] = (float)(1.0 / Math.Sqrt((double)movingVariance[j] + epsilon));
                scale[j] = gamma is null ? invStd[j] : gamma[j] * invStd[j];
            }
        }

        /// <summary>
        /// The backward pass through the batch statistics, from dz = dL/d(normalized output) [count, stride] (the
        /// activation's derivative already applied): with x̂ = (h - mean) · invStd,
        /// dgamma = Σ dz · x̂, dbeta = Σ dz (written, not accumulated; null when absent), and
        /// dh = scale / N · (N · dz - Σ dz - x̂ · Σ dz · x̂), scale = gamma · invStd.
        /// </summary>
        protected static void BatchNormBackward(float* dh, float* dgamma, float* dbeta, float* h, float* dz, float* stats, int count, int units, int stride)
        {
            float* center = stats, scale = stats + stride, invStd = stats + 2 * stride, sumDz = stats + 3 * stride, sumDzXhat = stats + 4 * stride;
            // Feature by feature (a column of [count, stride]): the sums in double, because dh subtracts them from N · dz
            // and the difference is small against both (float sums lose about 1e-5 of dh there).
            for (int j = 0; j < units; j++)
            {
                double sum = 0, sumXhat = 0, c = center[j], inv = invStd[j];
                for (int n = 0; n < count; n++)
                {
                    double d = dz[(long)n * stride + j];
                    sum += d;
                    sumXhat += d * ((h[(long)n * stride + j] - c) * inv);
                }
                sumDz[j] = (float)sum;
                sumDzXhat[j] = (float)sumXhat;
                if (dgamma is not null) dgamma[j] = (float)sumXhat;
                if (dbeta is not null) dbeta[j] = (float)sum;
                double s = scale[j], mean = sum / count, meanXhat = sumXhat / count;
                for (int n = 0; n < count; n++)
                {
                    long at = (long)n * stride + j;
                    double xhat = (h[at] - c) * inv;
                    dh[at] = (float)(s * (dz[at] - mean - xhat * meanXhat));
                }
            }
        }

        /// <summary>
        /// Folds batch normalizations (inference: moving statistics) into a Dense layer's packed kernel and bias. With
        /// s = gamma / sqrt(var + eps) and t = beta - mean · s per feature, an input normalization x = s_in · h + t_in and
        /// an output one y = s_out · (z - mean_out) + beta_out give W' = diag(s_in) · W · diag(s_out) and
        /// b' = (b + t_in · W - mean_out) · s_out + beta_out. A null <paramref name="inMean"/> or
        /// <paramref name="outMean"/> means that side has none; null gamma or beta mean 1 or 0; null bias means 0.
        /// </summary>
        protected static void FoldBatchNorm(float* foldedKernel, float* foldedBias, float* kernel, float* bias, int inputs, int units, int paddedUnits,
            float* inGamma, float* inBeta, float* inMean, float* inVariance, float inEpsilon,
            float* outGamma, float* outBeta, float* outMean, float* outVariance, float outEpsilon)
        {
            for (int j = 0; j < units; j++)
            {
                // z_j's constant term, in double: Σ over the inputs of t_in · W would otherwise round once per input.
                double constant = bias is null ? 0.0 : bias[j];
                float outScale = 1f;
                if (outMean is not null)
                {
                    float inv = (float)(1.0 / Math.Sqrt((double)outVariance[j] + outEpsilon));
                    outScale = outGamma is null ? inv : outGamma[j] * inv;
                }
                int panel = j / Kernels.PanelLayout.PanelWidth, column = j % Kernels.PanelLayout.PanelWidth;
                int width = Math.Min(Kernels.PanelLayout.PanelWidth, paddedUnits - panel * Kernels.PanelLayout.PanelWidth);
                long start = (long)panel * Kernels.PanelLayout.PanelWidth * inputs + column;
                for (int k = 0; k < inputs; k++)
                {
                    long at = start + (long)k * width;
                    float w = kernel[at];
                    if (inMean is not null)
                    {
                        float inv = (float)(1.0 / Math.Sqrt((double)inVariance[k] + inEpsilon));
                        float s = inGamma is null ? inv : inGamma[k] * inv;
                        float t = (inBeta is null ? 0f : inBeta[k]) - inMean[k] * s;
                        constant += (double)t * w;
                        w *= s;
                    }
                    foldedKernel[at] = w * outScale;
                }
                foldedBias[j] = outMean is null
                    ? (float)constant
                    : (float)((constant - outMean[j]) * outScale + (outBeta is null ? 0.0 : outBeta[j]));
            }
        }
    }
}
