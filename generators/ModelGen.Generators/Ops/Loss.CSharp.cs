using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Losses in C#: the batch-mean value (Keras' sum_over_batch_size reduction) and its gradient with respect to the
    /// output layer, fused with softmax where the math allows (dL/dz = (p - onehot) / count). Output rows are
    /// <see cref="ModelPlan.OutputStride"/> floats apart; targets are packed [count, OutputSize].
    /// </summary>
    public static class LossCSharp
    {
        /// <summary>Writes the <c>ComputeLoss</c> override.</summary>
        public static void WriteValue(CodeWriter w, ModelPlan plan)
        {
            int k = plan.OutputSize, stride = plan.OutputStride;
            using (w.Block("protected override float ComputeLoss(int count)"))
            {
                w.Line("float* y = Output;");
                w.Line("double sum = 0;");
                switch (plan.Loss.Kind)
                {
                    case Loss.SparseCategoricalCrossEntropy when plan.Loss.FromLogits:
                        w.Line("// Sparse categorical cross-entropy from logits: log Σ exp(z) - z[label], computed stably.");
                        w.Line($"for (int n = 0; n < count; n++) sum += LogSumExp(y + n * {stride}, {k}) - y[n * {stride} + Labels[n]];");
                        w.Line("return (float)(sum / count);");
                        break;
                    case Loss.SparseCategoricalCrossEntropy:
                        w.Line("// Sparse categorical cross-entropy on probabilities, clipped to [1e-7, 1 - 1e-7] as Keras does.");
                        w.Line($"for (int n = 0; n < count; n++) sum += NegativeLogProbability(y[n * {stride} + Labels[n]]);");
                        w.Line("return (float)(sum / count);");
                        break;
                    default:
                        w.Line("// Mean squared error: the mean over outputs of (y - t)^2, then over the batch.");
                        using (w.Block("for (int n = 0; n < count; n++)"))
                        {
                            using (w.Block($"for (int j = 0; j < {k}; j++)"))
                            {
                                w.Line($"float diff = y[n * {stride} + j] - Targets[n * {k} + j];");
                                w.Line("sum += diff * diff;");
                            }
                        }
                        w.Line($"return (float)(sum / ((double)count * {k}));");
                        break;
                }
            }
        }

        /// <summary>Writes <c>LossGradient(float* dy, int count)</c>: the loss gradient into the last layer's delta rows.</summary>
        public static void WriteGradient(CodeWriter w, ModelPlan plan)
        {
            int k = plan.OutputSize, stride = plan.OutputStride;
            string what = plan.Loss.FusedWithOutput ? "dL/dz (pre-activation: fused with softmax)" : "dL/dy";
            w.Line($"/// <summary>Writes {what} of the batch-mean loss into <paramref name=\"dy\"/>, [count, {stride}] ({k} used).</summary>");
            using (w.Block("private void LossGradient(float* dy, int count)"))
            {
                w.Line("float* y = Output;");
                w.Line("float scale = 1f / count;");
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line($"float* yn = y + n * {stride};");
                    w.Line($"float* dn = dy + n * {stride};");
                    switch (plan.Loss.Kind)
                    {
                        case Loss.SparseCategoricalCrossEntropy when plan.Loss.FromLogits:
                            w.Line("// softmax(z) - onehot(label), divided by the batch size.");
                            w.Line($"Softmax(dn, yn, {k});");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] *= scale;");
                            w.Line("dn[Labels[n]] -= scale;");
                            break;
                        case Loss.SparseCategoricalCrossEntropy:
                            w.Line("// p - onehot(label), divided by the batch size.");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = yn[j] * scale;");
                            w.Line("dn[Labels[n]] -= scale;");
                            break;
                        default:
                            w.Line($"// d/dy of mean((y - t)^2) = 2 (y - t) / (count · {k}).");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (yn[j] - Targets[n * {k} + j]) * (2f * scale / {k});");
                            break;
                    }
                }
            }
        }
    }
}
