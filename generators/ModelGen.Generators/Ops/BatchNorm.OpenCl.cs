using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// BatchNormalization in OpenCL C, from the same plan and buffers as the C# path: one work-item per feature (a
    /// column of the [count, padded] rows), which loops over the batch. Training: statistics, moving-statistic update and
    /// the normalized output in one kernel; inference: the moving statistics (on the device the normalization is not
    /// folded into the Dense kernels: it runs as this one pass); backward: the two sums and dh in one kernel.
    /// </summary>
    public static class BatchNormOpenCl
    {
        /// <summary>Work-items per group.</summary>
        public const int Group = 64;

        /// <summary>The normalizations' kernels, in program order.</summary>
        public static IEnumerable<string> KernelNames(ModelPlan plan)
        {
            foreach (BatchNormPlan bn in plan.DenseSteps.Where(d => d.BatchNorm is not null).Select(d => d.BatchNorm!))
            {
                yield return Prefix(bn) + "_train";
                yield return Prefix(bn) + "_infer";
                yield return Prefix(bn) + "_backward";
            }
        }

        /// <summary>The kernels' OpenCL C name stem.</summary>
        public static string Prefix(BatchNormPlan bn) => bn.Name.ToLowerInvariant();

        /// <summary>Writes every normalization's kernels into the program.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            foreach (DensePlan d in plan.DenseSteps)
            {
                if (d.BatchNorm is not { } bn) continue;
                string s = Prefix(bn);
                int p = bn.PaddedUnits;
                string gamma = bn.GammaOffset >= 0 ? $"params[{bn.GammaOffset} + j]" : "1.0f";
                string beta = bn.BetaOffset >= 0 ? $" + params[{bn.BetaOffset} + j]" : "";
                ActivationPlan act = ActivationPlan.Plain(bn.Activation);
                w.Line($"// ---- {bn.Name}: BatchNormalization [{bn.Units}] over {d.Name}'s h, momentum {Literal(bn.Momentum)}, epsilon {Literal(bn.Epsilon)}, then {ActivationCSharp.Describe(bn.Activation)}; one work-item per feature ----");
                w.Line($"// Training: batch mean and biased variance, moving = moving · momentum + batch · (1 - momentum); stats [5, {p}] kept for backward.");
                w.Line($"__kernel void {s}_train(__global const float* h, const int h_offset, __global float* y, const int y_offset, __global float* params, const int count)");
                using (w.Open())
                {
                    w.Line($"const int j = get_global_id(0);");
                    w.Line($"if (j >= {bn.Units}) return;");
                    w.Line("float sum = 0.0f, squares = 0.0f;");
                    w.Line($"for (int n = 0; n < count; n++) sum += h[h_offset + n * {p} + j];");
                    w.Line("const float mean = sum / count;");
                    w.Line($"for (int n = 0; n < count; n++) {{ const float d = h[h_offset + n * {p} + j] - mean; squares = fma(d, d, squares); }}");
                    w.Line("const float variance = squares / count;");
                    w.Line($"const float inv = 1.0f / sqrt(variance + {Literal(bn.Epsilon)});");
                    w.Line($"const float scale = {gamma} * inv;");
                    w.Line($"params[{bn.StatsOffset} + j] = mean; params[{bn.StatsOffset + p} + j] = scale; params[{bn.StatsOffset + 2 * p} + j] = inv;");
                    w.Line($"params[{bn.MeanOffset} + j] = params[{bn.MeanOffset} + j] * {Literal(bn.Momentum)} + mean * {Literal(1f - bn.Momentum)};");
                    w.Line($"params[{bn.VarianceOffset} + j] = params[{bn.VarianceOffset} + j] * {Literal(bn.Momentum)} + variance * {Literal(1f - bn.Momentum)};");
                    w.Line($"for (int n = 0; n < count; n++) {{ const float v = (h[h_offset + n * {p} + j] - mean) * scale{beta}; y[y_offset + n * {p} + j] = {DenseOpenCl.Apply(act, "v")}; }}");
                }
                w.Line();
                w.Line("// Inference (and a Trainable = false normalization while training): the moving statistics.");
                w.Line($"__kernel void {s}_infer(__global const float* h, const int h_offset, __global float* y, const int y_offset, __global const float* params, const int count)");
                using (w.Open())
                {
                    w.Line($"const int j = get_global_id(0);");
                    w.Line($"if (j >= {bn.Units}) return;");
                    w.Line($"const float mean = params[{bn.MeanOffset} + j], scale = {gamma} / sqrt(params[{bn.VarianceOffset} + j] + {Literal(bn.Epsilon)});");
                    w.Line($"for (int n = 0; n < count; n++) {{ const float v = (h[h_offset + n * {p} + j] - mean) * scale{beta}; y[y_offset + n * {p} + j] = {DenseOpenCl.Apply(act, "v")}; }}");
                }
                w.Line();
                string dz = bn.Activation == Activation.Identity ? "dy[dy_offset + n * " + p + " + j]" : DenseOpenCl.Derivative(act, $"dy[dy_offset + n * {p} + j]", $"y[y_offset + n * {p} + j]");
                w.Line(bn.Trainable
                    ? "// Backward through the batch statistics: dgamma = Σ dz·x̂, dbeta = Σ dz, dh = scale · (dz - Σ dz / N - x̂ · Σ dz·x̂ / N)."
                    : "// Backward of an inference-mode normalization (Trainable = false): dh = dz · gamma / sqrt(moving variance + eps).");
                w.Line($"__kernel void {s}_backward(__global const float* h, const int h_offset, __global const float* y, const int y_offset, __global const float* dy, const int dy_offset, __global float* dh, const int dh_offset, __global const float* params, __global float* grads, const int count)");
                using (w.Open())
                {
                    w.Line($"const int j = get_global_id(0);");
                    w.Line($"if (j >= {bn.Units}) return;");
                    if (bn.Trainable)
                    {
                        w.Line($"const float mean = params[{bn.StatsOffset} + j], scale = params[{bn.StatsOffset + p} + j], inv = params[{bn.StatsOffset + 2 * p} + j];");
                        w.Line("float sum = 0.0f, sum_xhat = 0.0f;");
                        w.Line($"for (int n = 0; n < count; n++) {{ const float dz = {dz}; sum += dz; sum_xhat = fma(dz, (h[h_offset + n * {p} + j] - mean) * inv, sum_xhat); }}");
                        if (bn.GammaOffset >= 0) w.Line($"grads[{bn.GammaOffset} + j] = sum_xhat;");
                        if (bn.BetaOffset >= 0) w.Line($"grads[{bn.BetaOffset} + j] = sum;");
                        w.Line("const float mean_dz = sum / count, mean_dz_xhat = sum_xhat / count;");
                        w.Line($"for (int n = 0; n < count; n++) {{ const float dz = {dz}; dh[dh_offset + n * {p} + j] = scale * (dz - mean_dz - (h[h_offset + n * {p} + j] - mean) * inv * mean_dz_xhat); }}");
                    }
                    else
                    {
                        w.Line($"const float scale = {gamma} / sqrt(params[{bn.VarianceOffset} + j] + {Literal(bn.Epsilon)});");
                        w.Line($"for (int n = 0; n < count; n++) {{ const float dz = {dz}; dh[dh_offset + n * {p} + j] = dz * scale; }}");
                    }
                }
                w.Line();
            }
        }

        /// <summary>The host's launch after a Dense step's forward launch: the training or the inference kernel.</summary>
        public static void WriteForwardLaunch(CodeWriter w, DensePlan d, IReadOnlyList<string> names)
        {
            if (d.BatchNorm is not { } bn) return;
            string s = Prefix(bn);
            string[] args = { "cl.Activations", OpenClEmitter.Offset(d.OutputBuffer), "cl.Activations", OpenClEmitter.Offset(bn.OutputBuffer), "cl.Parameters", "count" };
            w.Line($"// {bn.Name}: BatchNormalization [{bn.Units}]{(bn.Trainable ? "" : " (Trainable = false: inference mode)")}");
            if (bn.Trainable)
            {
                using (w.Block("if (Training)")) OpenClEmitter.Launch(w, names, s + "_train", args, Size(bn));
                using (w.Block("else")) OpenClEmitter.Launch(w, names, s + "_infer", args, Size(bn));
            }
            else
            {
                OpenClEmitter.Launch(w, names, s + "_infer", args, Size(bn));
            }
        }

        /// <summary>The host's launch before a Dense step's backward launches: dh from dL/dout.</summary>
        public static void WriteBackwardLaunch(CodeWriter w, DensePlan d, IReadOnlyList<string> names)
        {
            if (d.BatchNorm is not { } bn) return;
            w.Line($"// {bn.Name} backward");
            OpenClEmitter.Launch(w, names, Prefix(bn) + "_backward", new[]
            {
                "cl.Activations", OpenClEmitter.Offset(d.OutputBuffer), "cl.Activations", OpenClEmitter.Offset(bn.OutputBuffer),
                "cl.Activations", OpenClEmitter.Offset(bn.DeltaBuffer), "cl.Activations", OpenClEmitter.Offset(d.DeltaBuffer),
                "cl.Parameters", "cl.Gradients", "count",
            }, Size(bn));
        }

        private static string Size(BatchNormPlan bn) => $"{(bn.Units + Group - 1) / Group * Group}, {Group}";

        private static string Literal(float value) => OptimizerOpenCl.OpenClFloat(value);
    }
}
