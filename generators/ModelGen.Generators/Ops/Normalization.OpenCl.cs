using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Keras' Normalization in OpenCL C: one work-item per (sample, feature), <c>y = (x - mean) / fmax(sqrt(variance),
    /// 1e-7f)</c> with mean and variance read from the parameter buffer (where Adapt and Load put them; the optimizer
    /// kernel skips their slices). A sequential model's layer reads the model input, so it has no backward kernel.
    /// </summary>
    public static class NormalizationOpenCl
    {
        /// <summary>Work-items per group.</summary>
        public const int Group = 64;

        /// <summary>The forward kernel's name.</summary>
        public static string KernelName(NormalizationPlan n) => n.Name.ToLowerInvariant() + "_normalization_forward";

        /// <summary>Writes the forward kernel.</summary>
        public static void WriteKernel(CodeWriter w, NormalizationPlan n)
        {
            w.Line($"// {NormalizationCSharp.Describe(n)}; x rows {n.InputStride} floats apart, y rows {n.Width}.");
            using (w.Block($"__kernel void {KernelName(n)}(__global const float* x, int x_offset, __global float* y, int y_offset, __global const float* params, int count)"))
            {
                w.Line("int i = get_global_id(0);");
                w.Line($"if (i >= count * {n.Features}) return;");
                w.Line($"int n = i / {n.Features}, j = i % {n.Features};");
                w.Line($"float std = fmax(sqrt(params[{n.VarianceOffset} + j]), 1e-7f);");
                w.Line($"y[y_offset + n * {n.Width} + j] = (x[x_offset + n * {n.InputStride} + j] - params[{n.MeanOffset} + j]) / std;");
            }
            w.Line();
        }

        /// <summary>The backward kernel's name (functional models, where a Normalization may read a computed node).</summary>
        public static string BackwardKernelName(NormalizationPlan n) => n.Name.ToLowerInvariant() + "_normalization_backward";

        /// <summary>
        /// Writes the backward kernel, dx = dy / max(sqrt(variance), 1e-7): written when this is the first gradient
        /// contribution to its input (padding columns zeroed, since the buffer may be reused), else added, as the C#
        /// backward's <c>add</c> flag. One work-item per (sample, column of the padded row).
        /// </summary>
        public static void WriteBackwardKernel(CodeWriter w, NormalizationPlan n, bool add)
        {
            w.Line($"// {n.Name} backward: dx {(add ? "+=" : "=")} dy / max(sqrt(variance), 1e-7); rows {n.Width} floats.");
            using (w.Block($"__kernel void {BackwardKernelName(n)}(__global float* dx, int dx_offset, __global const float* dy, int dy_offset, __global const float* params, int count)"))
            {
                w.Line("int i = get_global_id(0);");
                w.Line($"if (i >= count * {n.Width}) return;");
                w.Line($"int j = i % {n.Width};");
                if (n.Width > n.Features)
                {
                    w.Line(add ? $"if (j >= {n.Features}) return;" : $"if (j >= {n.Features}) {{ dx[dx_offset + i] = 0.0f; return; }}");
                }
                w.Line($"float g = dy[dy_offset + i] / fmax(sqrt(params[{n.VarianceOffset} + j]), 1e-7f);");
                w.Line(add ? "dx[dx_offset + i] += g;" : "dx[dx_offset + i] = g;");
            }
            w.Line();
        }

        /// <summary>The backward launch's global size expression for <c>count</c> samples.</summary>
        public static string BackwardGlobalSize(NormalizationPlan n) => $"(count * {n.Width} + {Group - 1}) / {Group} * {Group}";

        /// <summary>The launch's global size expression for <c>count</c> samples.</summary>
        public static string GlobalSize(NormalizationPlan n) => $"(count * {n.Features} + {Group - 1}) / {Group} * {Group}";
    }
}
