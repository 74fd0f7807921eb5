using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Losses in C#: the batch-mean value (Keras' sum_over_batch_size reduction) and its gradient with respect to the
    /// output layer, fused with softmax or sigmoid where the math allows (dL/dz = p - y). Output rows are
    /// <see cref="ModelPlan.OutputStride"/> floats apart; targets are packed [count, OutputSize]. The values are
    /// summed in double through the stable per-row helpers of <c>CompiledModel.LossKernels.cs</c>; the gradients are
    /// written here, element by element, in float.
    /// </summary>
    public static class LossCSharp
    {
        /// <summary>Writes the <c>ComputeLoss</c> override.</summary>
        public static void WriteValue(CodeWriter w, ModelPlan plan)
        {
            int k = plan.OutputSize, stride = plan.OutputStride;
            LossPlan loss = plan.Loss;
            if (RegularizationCSharp.HasPenalty(plan))
            {
                w.Line("protected override float ComputeLoss(int count) => DataLoss(count) + RegularizationPenalty();");
                w.Line();
            }
            using (w.Block(RegularizationCSharp.HasPenalty(plan) ? "private float DataLoss(int count)" : "protected override float ComputeLoss(int count)"))
            {
                w.Line("float* y = Output;");
                w.Line("double sum = 0;");
                string row = $"y + n * {stride}", targets = $"Targets + n * {k}";
                switch (loss.Kind)
                {
                    case Loss.SparseCategoricalCrossEntropy when loss.FromLogits:
                        w.Line("// Sparse categorical cross-entropy from logits: log Σ exp(z) - z[label], computed stably.");
                        w.Line($"for (int n = 0; n < count; n++) sum += LogSumExp(y + n * {stride}, {k}) - y[n * {stride} + Labels[n]];");
                        w.Line("return (float)(sum / count);");
                        break;
                    case Loss.SparseCategoricalCrossEntropy:
                        w.Line("// Sparse categorical cross-entropy on probabilities, clipped to [1e-7, 1 - 1e-7] as Keras does.");
                        w.Line($"for (int n = 0; n < count; n++) sum += NegativeLogProbability(y[n * {stride} + Labels[n]]);");
                        w.Line("return (float)(sum / count);");
                        break;
                    case Loss.CategoricalCrossEntropy when loss.FromLogits:
                        w.Line("// Categorical cross-entropy from logits: Σ t (log Σ exp(z) - z), shifted by the largest logit (no overflow).");
                        w.Line($"for (int n = 0; n < count; n++) sum += CategoricalCrossEntropyFromLogitsSum({row}, {targets}, {k});");
                        w.Line("return (float)(sum / count);");
                        break;
                    case Loss.CategoricalCrossEntropy:
                        w.Line("// Categorical cross-entropy on probabilities: renormalised and clipped to [1e-7, 1 - 1e-7] as Keras does.");
                        w.Line($"for (int n = 0; n < count; n++) sum += CategoricalCrossEntropySum({row}, {targets}, {k});");
                        w.Line("return (float)(sum / count);");
                        break;
                    case Loss.BinaryCrossEntropy when loss.FromLogits:
                        w.Line("// Binary cross-entropy from logits, stable: max(z, 0) - z t + log(1 + e^-|z|); mean over outputs, then batch.");
                        w.Line($"for (int n = 0; n < count; n++) sum += BinaryCrossEntropyFromLogitsSum({row}, {targets}, {k});");
                        w.Line($"return (float)(sum / ((double)count * {k}));");
                        break;
                    case Loss.BinaryCrossEntropy:
                        w.Line("// Binary cross-entropy on probabilities, clipped to [1e-7, 1 - 1e-7] as Keras does; mean over outputs, then batch.");
                        w.Line($"for (int n = 0; n < count; n++) sum += BinaryCrossEntropySum({row}, {targets}, {k});");
                        w.Line($"return (float)(sum / ((double)count * {k}));");
                        break;
                    case Loss.Perceptron:
                        w.Line("// The perceptron rule reports its error rate: the fraction of threshold outputs that differ from their targets.");
                        w.Line($"for (int n = 0; n < count; n++) for (int j = 0; j < {k}; j++) if (({row})[j] != ({targets})[j]) sum += 1;");
                        w.Line($"return (float)(sum / ((double)count * {k}));");
                        break;
                    case Loss.MeanAbsoluteError:
                        w.Line("// Mean absolute error: the mean over outputs of |y - t|, then over the batch.");
                        w.Line($"for (int n = 0; n < count; n++) sum += AbsoluteErrorSum({row}, {targets}, {k});");
                        w.Line($"return (float)(sum / ((double)count * {k}));");
                        break;
                    case Loss.Huber:
                        w.Line($"// Huber (delta {OptimizerCSharp.Literal(loss.HuberDelta).TrimEnd('f')}): quadratic inside |y - t| <= delta, linear outside; mean over outputs, then batch.");
                        w.Line($"for (int n = 0; n < count; n++) sum += HuberSum({row}, {targets}, {k}, {OptimizerCSharp.Literal(loss.HuberDelta)});");
                        w.Line($"return (float)(sum / ((double)count * {k}));");
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
            LossPlan loss = plan.Loss;
            string what = loss.FusedWithOutput ? $"dL/dz (pre-activation: fused with the output's {FusedActivation(loss)})" : "dL/dy";
            w.Line($"/// <summary>Writes {what} of the batch-mean loss into <paramref name=\"dy\"/>, [count, {stride}] ({k} used).</summary>");
            using (w.Block("private void LossGradient(float* dy, int count)"))
            {
                w.Line("float* y = Output;");
                w.Line("float scale = 1f / count;");
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line($"float* yn = y + n * {stride};");
                    w.Line($"float* dn = dy + n * {stride};");
                    if (!loss.TakesLabels) w.Line($"float* tn = Targets + n * {k};");
                    switch (loss.Kind)
                    {
                        case Loss.SparseCategoricalCrossEntropy when loss.FromLogits:
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
                        case Loss.CategoricalCrossEntropy when loss.FromLogits:
                            w.Line("// From logits: softmax(z)·Σt - t (= p - t for a one-hot row), divided by the batch size.");
                            w.Line($"Softmax(dn, yn, {k});");
                            w.Line($"float mass = RowSum(tn, {k});");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (dn[j] * mass - tn[j]) * scale;");
                            break;
                        case Loss.CategoricalCrossEntropy:
                            w.Line("// Fused with the softmax output: dL/dz = p·Σt - t (= p - t for a one-hot row), divided by the batch size;");
                            w.Line("// the renormalisation adds nothing when Σp = 1, and skipping -t/p keeps saturated outputs exact.");
                            w.Line($"float mass = RowSum(tn, {k});");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (yn[j] * mass - tn[j]) * scale;");
                            break;
                        case Loss.BinaryCrossEntropy when loss.FromLogits:
                            w.Line($"// From logits: dL/dz = σ(z) - t, divided by the batch size and the {k} outputs (finite for any z).");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (Sigmoid(yn[j]) - tn[j]) * (scale / {k});");
                            break;
                        case Loss.BinaryCrossEntropy when loss.FusedWithOutput:
                            w.Line("// Fused with the sigmoid output: dL/dz = p - t, the exact derivative of the unclipped loss (the clip would");
                            w.Line($"// zero the gradient of a saturated wrong answer); divided by the batch size and the {k} outputs.");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (yn[j] - tn[j]) * (scale / {k});");
                            break;
                        case Loss.BinaryCrossEntropy:
                            w.Line("// On probabilities (not a sigmoid output, so no fusion): d/dp = -t/p + (1 - t)/(1 - p) inside the clip, 0 outside.");
                            using (w.Block($"for (int j = 0; j < {k}; j++)"))
                            {
                                w.Line("float p = yn[j];");
                                w.Line($"dn[j] = InsideProbabilityClip(p) ? (-tn[j] / p + (1f - tn[j]) / (1f - p)) * (scale / {k}) : 0f;");
                            }
                            break;
                        case Loss.Perceptron:
                            w.Line("// The perceptron rule: dL/dz = ŷ - y for each threshold unit (its derivative taken as 1), over the batch,");
                            w.Line("// so SGD with batch size 1 is exactly w ← w + η (y - ŷ) x.");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (yn[j] - tn[j]) * scale;");
                            break;
                        case Loss.MeanAbsoluteError:
                            w.Line($"// d/dy of mean(|y - t|) = sign(y - t) / (count · {k}), 0 where y = t.");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = Sign(yn[j] - tn[j]) * (scale / {k});");
                            break;
                        case Loss.Huber:
                            string delta = OptimizerCSharp.Literal(loss.HuberDelta);
                            w.Line($"// d/dy of Huber: e inside |e| <= {delta.TrimEnd('f')}, ±{delta.TrimEnd('f')} outside (e = y - t), divided by count · {k}.");
                            using (w.Block($"for (int j = 0; j < {k}; j++)"))
                            {
                                w.Line("float e = yn[j] - tn[j];");
                                w.Line($"dn[j] = global::System.Math.Clamp(e, -{delta}, {delta}) * (scale / {k});");
                            }
                            break;
                        default:
                            w.Line($"// d/dy of mean((y - t)^2) = 2 (y - t) / (count · {k}).");
                            w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (yn[j] - tn[j]) * (2f * scale / {k});");
                            break;
                    }
                }
            }
        }

        /// <summary>The output activation a fused loss gradient replaces.</summary>
        internal static string FusedActivation(LossPlan loss) => loss.Kind == Loss.BinaryCrossEntropy ? "sigmoid" : "softmax";
    }
}
