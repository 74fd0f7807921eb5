using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The loss in OpenCL C: one work-item per sample writes that sample's loss and whether its prediction is right
    /// (metrics[2m], metrics[2m + 1]), and the loss gradient row, fused with softmax where the C# path fuses it.
    /// The host sums the metrics in double, as the C# path does.
    /// </summary>
    public static class LossOpenCl
    {
        /// <summary>The kernel's name in the program.</summary>
        public const string KernelName = "loss_gradient";

        /// <summary>Writes the loss kernel.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            int k = plan.OutputSize, stride = plan.OutputStride;
            w.Line($"// Loss ({plan.Loss.Kind}{(plan.Loss.FromLogits ? ", from logits" : "")}) and its gradient; the batch mean is taken on the host.");
            w.Line($"__kernel void {KernelName}(__global const float* y, const int y_offset, __global float* dy, const int dy_offset,");
            w.Line("    __global const int* labels, __global const float* targets, __global float* metrics, const int count)");
            using (w.Open())
            {
                w.Line("const int m = get_global_id(0);");
                w.Line("if (m >= count) return;");
                w.Line($"__global const float* yr = y + y_offset + m * {stride};");
                w.Line($"__global float* dr = dy + dy_offset + m * {stride};");
                w.Line("const float scale = 1.0f / count;");
                if (plan.Loss.Kind == Loss.SparseCategoricalCrossEntropy)
                {
                    w.Line("const int label = labels[m];");
                    w.Line("int best = 0;");
                    w.Line($"for (int j = 1; j < {k}; j++) if (yr[j] > yr[best]) best = j;");
                    w.Line("metrics[2 * m + 1] = best == label ? 1.0f : 0.0f;");
                    if (plan.Loss.FromLogits)
                    {
                        w.Line("float max = yr[0];");
                        w.Line($"for (int j = 1; j < {k}; j++) max = fmax(max, yr[j]);");
                        w.Line("float sum = 0.0f;");
                        w.Line($"for (int j = 0; j < {k}; j++) sum += exp(yr[j] - max);");
                        w.Line("metrics[2 * m] = max + log(sum) - yr[label];");
                        w.Line($"for (int j = 0; j < {k}; j++) dr[j] = exp(yr[j] - max) / sum * scale;");
                    }
                    else
                    {
                        w.Line("metrics[2 * m] = -log(clamp(yr[label], 1e-7f, 1.0f - 1e-7f));");
                        w.Line($"for (int j = 0; j < {k}; j++) dr[j] = yr[j] * scale;");
                    }
                    w.Line("dr[label] -= scale;");
                }
                else
                {
                    w.Line("float sum = 0.0f;");
                    using (w.Block($"for (int j = 0; j < {k}; j++)"))
                    {
                        w.Line($"const float diff = yr[j] - targets[m * {k} + j];");
                        w.Line("sum += diff * diff;");
                        w.Line($"dr[j] = diff * (2.0f * scale / {k});");
                    }
                    w.Line($"metrics[2 * m] = sum / {k};");
                    w.Line("metrics[2 * m + 1] = 0.0f;");
                }
            }
            w.Line();
        }
    }
}
