using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Losses in C#: the batch-mean value (Keras' sum_over_batch_size reduction) and its gradient with respect to the
    /// output layer, fused with softmax where the math allows (dL/dz = (p - onehot) / count).
    /// </summary>
    public static class LossCSharp
    {
        /// <summary>Writes the <c>ComputeLoss</c> override.</summary>
        public static void WriteValue(CodeWriter w, ModelPlan plan)
        {
            int k = plan.OutputSize;
            using (w.Block("protected override float ComputeLoss(int count)"))
            {
                w.Line("float* y = Output;");
                w.Line("double sum = 0;");
                switch (plan.Loss.Kind)
                {
                    case Loss.SparseCategoricalCrossEntropy when plan.Loss.FromLogits:
                        w.Line($"// Sparse categorical cross-entropy from logits: log Σ exp(z) - z[label], computed stably.");
                        w.Line($"for (int n = 0; n < count; n++) sum += Simd.LogSumExp(y + n * {k}, {k}) - y[n * {k} + Labels[n]];");
                        break;
                    case Loss.SparseCategoricalCrossEntropy:
                        w.Line("// Sparse categorical cross-entropy on probabilities, clipped to [1e-7, 1 - 1e-7] as Keras does.");
                        w.Line($"for (int n = 0; n < count; n++) sum -= MathF.Log(Math.Clamp(y[n * {k} + Labels[n]], 1e-7f, 1f - 1e-7f));");
                        w.Line("return (float)(sum / count);");
                        return;
                    default:
                        w.Line($"// Mean squared error: the mean over outputs of (y - t)^2, then over the batch.");
                        using (w.Block($"for (int e = 0; e < count * {k}; e++)"))
                        {
                            w.Line("float diff = y[e] - Targets[e];");
                            w.Line("sum += diff * diff;");
                        }
                        w.Line($"return (float)(sum / ((double)count * {k}));");
                        return;
                }
                w.Line("return (float)(sum / count);");
            }
        }

        /// <summary>Writes <c>LossGradient(float* dy, int count)</c>: dL/dy of the batch-mean loss into the last layer's delta.</summary>
        public static void WriteGradient(CodeWriter w, ModelPlan plan)
        {
            int k = plan.OutputSize;
            string what = plan.Loss.FusedWithOutput ? "dL/dz (pre-activation: fused with softmax)" : "dL/dy";
            w.Line($"/// <summary>Writes {what} of the batch-mean loss into <paramref name=\"dy\"/>, [count, {k}].</summary>");
            using (w.Block("private void LossGradient(float* dy, int count)"))
            {
                w.Line("float* y = Output;");
                w.Line("float scale = 1f / count;");
                switch (plan.Loss.Kind)
                {
                    case Loss.SparseCategoricalCrossEntropy:
                        if (plan.Loss.FromLogits)
                        {
                            w.Line("// softmax(z) - onehot(label), per sample, divided by the batch size.");
                            using (w.Block("for (int n = 0; n < count; n++)"))
                            {
                                w.Line($"Simd.Softmax(dy + n * {k}, y + n * {k}, {k});");
                                w.Line($"for (int j = 0; j < {k}; j++) dy[n * {k} + j] *= scale;");
                                w.Line($"dy[n * {k} + Labels[n]] -= scale;");
                            }
                        }
                        else
                        {
                            w.Line("// p - onehot(label), per sample, divided by the batch size.");
                            using (w.Block("for (int n = 0; n < count; n++)"))
                            {
                                w.Line($"for (int j = 0; j < {k}; j++) dy[n * {k} + j] = y[n * {k} + j] * scale;");
                                w.Line($"dy[n * {k} + Labels[n]] -= scale;");
                            }
                        }
                        break;
                    default:
                        w.Line($"// d/dy of mean((y - t)^2) = 2 (y - t) / (count · {k}).");
                        w.Line($"float factor = 2f * scale / {k};");
                        w.Line($"for (int e = 0; e < count * {k}; e++) dy[e] = (y[e] - Targets[e]) * factor;");
                        break;
                }
            }
        }
    }
}
