using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Regularizers, gradient clipping and kernel constraints in OpenCL C, in the C# path's order
    /// (<see cref="RegularizationCSharp"/>): the penalty is summed by one work-group after the loss kernel and added to
    /// every sample's loss term (so the batch mean gains it once); each regularized tensor's penalty gradient is added
    /// right after its layer's kernel-gradient launch; clipping runs in one work-group before the optimizer (norms
    /// need the whole gradient, and one group needs no second launch to share them); each constrained kernel gets one
    /// work-item per unit after the optimizer. Models with any of these run the per-layer kernels, not the fused MLP.
    /// </summary>
    public static class RegularizationOpenCl
    {
        /// <summary>
        /// Layers whose run-time freeze flag the penalty kernel reads from its 64-bit mask; freezing a later layer on
        /// a device is refused (CompiledModel.FrozenLayerMask).
        /// </summary>
        public const int MaskedLayers = 64;

        /// <summary>The penalty kernel: one group of <see cref="Group"/> work-items.</summary>
        public const string PenaltyKernel = "regularization_penalty";

        /// <summary>g += l1·sign(w) + 2·l2·w over one tensor.</summary>
        public const string GradientKernel = "regularization_gradient";

        /// <summary>The clipping kernel: one group of <see cref="Group"/> work-items.</summary>
        public const string ClipKernel = "clip_gradients";

        /// <summary>MaxNorm, UnitNorm or NonNeg on one packed kernel, one work-item per (padded) unit.</summary>
        public const string ConstraintKernel = "constrain_columns";

        /// <summary>Work-items of the one-group kernels and of each launch's groups.</summary>
        public const int Group = 64;

        /// <summary>The kernels this model needs, in program order.</summary>
        public static IEnumerable<string> KernelNames(ModelPlan plan)
        {
            TrainingMathPlan t = plan.Training;
            if (t.HasPenalty) { yield return PenaltyKernel; yield return GradientKernel; }
            if (t.Clip.Kind != ClipKind.None) yield return ClipKernel;
            if (t.Constraints.Count > 0) yield return ConstraintKernel;
        }

        /// <summary>Writes the kernels of <see cref="KernelNames"/>.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            TrainingMathPlan t = plan.Training;
            if (t.IsEmpty) return;
            w.Line($"// Sum of v over the {Group} work-items of the group (every item gets it); partial holds {Group} floats.");
            w.Line("inline float group_sum(const float v, __local float* partial)");
            using (w.Open())
            {
                w.Line("const int lid = get_local_id(0);");
                w.Line("partial[lid] = v;");
                w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                w.Line($"for (int stride = {Group / 2}; stride > 0; stride >>= 1)");
                using (w.Open())
                {
                    w.Line("if (lid < stride) partial[lid] += partial[lid + stride];");
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                }
                w.Line("const float total = partial[0];");
                w.Line("barrier(CLK_LOCAL_MEM_FENCE); // partial may be reused at once");
                w.Line("return total;");
            }
            w.Line();
            if (t.HasPenalty) WritePenalty(w, plan);
            if (t.Clip.Kind != ClipKind.None) WriteClip(w, plan);
            if (t.Constraints.Count > 0) WriteConstraint(w);
        }

        private static void WritePenalty(CodeWriter w, ModelPlan plan)
        {
            w.Line("// The regularizers' penalty on the current weights, added to every sample's loss term (metrics column 0):");
            w.Line("// the batch mean then includes it once, as Keras' loss does. One group. Bit i of frozen: layer i is frozen by");
            w.Line("// Freeze at run time, and its penalty left out, as Keras leaves out the penalty of a non-trainable layer.");
            w.Line($"__kernel void {PenaltyKernel}(__global const float* params, __global float* metrics, const int count, const ulong frozen)");
            using (w.Open())
            {
                w.Line($"__local float partial[{Group}];");
                w.Line("const int lid = get_local_id(0);");
                w.Line("float s = 0.0f;");
                foreach (RegularizedTensor r in plan.Training.Regularized)
                {
                    string l1 = OptimizerOpenCl.OpenClFloat(r.L1), l2 = OptimizerOpenCl.OpenClFloat(r.L2);
                    int flag = FreezingCSharp.Flag(plan, r.Layer);
                    string skip = flag is >= 0 and < MaskedLayers ? $"if (!((frozen >> {flag}) & 1UL)) " : "";
                    w.Line($"{skip}for (int i = lid; i < {r.Length}; i += {Group}) {{ const float x = params[{r.Offset} + i]; s += {l1} * fabs(x) + {l2} * x * x; }} // {r.Name}");
                }
                w.Line("const float penalty = group_sum(s, partial);");
                w.Line($"for (int n = lid; n < count; n += {Group}) metrics[n * {OpenClEmitter.MetricStride(plan)}] += penalty;");
            }
            w.Line();
            w.Line("// g += l1·sign(w) + 2·l2·w over one tensor (sign(0) = 0).");
            w.Line($"__kernel void {GradientKernel}(__global const float* params, __global float* grads, const int offset, const int length, const float l1, const float twoL2)");
            using (w.Open())
            {
                w.Line("const int i = get_global_id(0);");
                w.Line("if (i < length) { const float x = params[offset + i]; grads[offset + i] += l1 * sign(x) + twoL2 * x; }");
            }
            w.Line();
        }

        private static void WriteClip(CodeWriter w, ModelPlan plan)
        {
            ClipPlan clip = plan.Training.Clip;
            string c = OptimizerOpenCl.OpenClFloat(clip.Threshold);
            int length = plan.Memory.ParameterFloats;
            w.Line("// " + RegularizationCSharp.Summary(clip) + " One group, before the optimizer.");
            w.Line($"__kernel void {ClipKernel}(__global float* grads)");
            using (w.Open())
            {
                w.Line($"__local float partial[{Group}];");
                w.Line("const int lid = get_local_id(0);");
                switch (clip.Kind)
                {
                    case ClipKind.Value:
                        w.Line($"for (int i = lid; i < {length}; i += {Group}) grads[i] = clamp(grads[i], -{c}, {c});");
                        break;
                    case ClipKind.Norm:
                        foreach (TensorRange r in clip.Tensors)
                        {
                            using (w.Open())
                            {
                                w.Line($"// {r.Name}");
                                w.Line("float s = 0.0f;");
                                w.Line($"for (int i = lid; i < {r.Length}; i += {Group}) {{ const float g = grads[{r.Offset} + i]; s += g * g; }}");
                                w.Line("const float norm = sqrt(group_sum(s, partial));");
                                w.Line($"if (norm > {c}) {{ const float scale = {c} / norm; for (int i = lid; i < {r.Length}; i += {Group}) grads[{r.Offset} + i] *= scale; }}");
                            }
                        }
                        break;
                    case ClipKind.GlobalNorm:
                        w.Line("float s = 0.0f;");
                        w.Line($"for (int i = lid; i < {length}; i += {Group}) {{ const float g = grads[i]; s += g * g; }}");
                        w.Line("const float norm = sqrt(group_sum(s, partial));");
                        w.Line($"if (norm > {c}) {{ const float scale = {c} / norm; for (int i = lid; i < {length}; i += {Group}) grads[i] *= scale; }}");
                        break;
                }
            }
            w.Line();
        }

        private static void WriteConstraint(CodeWriter w)
        {
            w.Line("// A constraint on each unit's incoming weights (a column of the packed kernel: panels of 32 columns, the last");
            w.Line("// maybe 16, each row-major). mode 0: MaxNorm, w *= clamp(n, 0, max) / (1e-7 + n); 1: UnitNorm, w /= 1e-7 + n; 2: NonNeg.");
            w.Line($"__kernel void {ConstraintKernel}(__global float* params, const int offset, const int inputs, const int paddedUnits, const float maxValue, const int mode)");
            using (w.Open())
            {
                w.Line("const int c = get_global_id(0);");
                w.Line("if (c >= paddedUnits) return;");
                w.Line($"const int panel = c / {DensePlan.PanelWidth}, width = min({DensePlan.PanelWidth}, paddedUnits - panel * {DensePlan.PanelWidth});");
                w.Line($"__global float* p = params + offset + panel * {DensePlan.PanelWidth} * inputs + c % {DensePlan.PanelWidth};");
                w.Line("if (mode == 2) { for (int r = 0; r < inputs; r++) p[r * width] = fmax(p[r * width], 0.0f); return; }");
                w.Line("float s = 0.0f;");
                w.Line("for (int r = 0; r < inputs; r++) s += p[r * width] * p[r * width];");
                w.Line("const float n = sqrt(s);");
                w.Line("const float scale = mode == 1 ? 1.0f / (1e-7f + n) : clamp(n, 0.0f, maxValue) / (1e-7f + n);");
                w.Line("for (int r = 0; r < inputs; r++) p[r * width] *= scale;");
            }
            w.Line();
        }

        // ---- The host's launches (the same shape as OpenClEmitter's) ----

        /// <summary>After the loss kernel: the penalty joins every sample's loss term.</summary>
        public static void WritePenaltyLaunch(CodeWriter w, ModelPlan plan, IReadOnlyList<string> names)
        {
            if (!plan.Training.HasPenalty) return;
            w.Line("// The regularizers' penalty, on the weights before this step's update, into every sample's loss term.");
            OpenClEmitter.Launch(w, names, PenaltyKernel, new[] { "cl.Parameters", "cl.Metrics", "count", "FrozenLayerMask" }, $"{Group}, {Group}");
        }

        /// <summary>After <paramref name="dense"/>'s kernel gradient: its tensors' penalty gradients.</summary>
        public static void WriteGradientLaunches(CodeWriter w, ModelPlan plan, DensePlan dense, IReadOnlyList<string> names)
        {
            foreach (RegularizedTensor r in plan.Training.Regularized.Where(r => r.Layer == dense.Name))
            {
                OpenClEmitter.Launch(w, names, GradientKernel,
                    new[] { "cl.Parameters", "cl.Gradients", r.Offset.ToString(), r.Length.ToString(), OptimizerCSharp.Literal(r.L1), OptimizerCSharp.Literal(2 * r.L2) },
                    $"{(r.Length + Group - 1) / Group * Group}, {Group}", r.Name);
            }
        }

        /// <summary>Before the optimizer: the clipping.</summary>
        public static void WriteClipLaunch(CodeWriter w, ModelPlan plan, IReadOnlyList<string> names)
        {
            if (plan.Training.Clip.Kind == ClipKind.None) return;
            OpenClEmitter.Launch(w, names, ClipKernel, new[] { "cl.Gradients" }, $"{Group}, {Group}");
        }

        /// <summary>After the optimizer: the kernel constraints.</summary>
        public static void WriteConstraintLaunches(CodeWriter w, ModelPlan plan, IReadOnlyList<string> names)
        {
            foreach (ConstrainedKernel k in plan.Training.Constraints)
            {
                int mode = k.Kind switch { Constraint.UnitNorm => 1, Constraint.NonNeg => 2, _ => 0 };
                string guard = FreezingCSharp.Guard(plan, k.Name);
                if (guard.Length > 0) w.Line(guard.TrimEnd() + " // run-time Freeze: no constraint");
                OpenClEmitter.Launch(w, names, ConstraintKernel,
                    new[] { "cl.Parameters", k.Offset.ToString(), k.Inputs.ToString(), k.PaddedUnits.ToString(), OptimizerCSharp.Literal(k.MaxValue), mode.ToString() },
                    $"{(k.PaddedUnits + Group - 1) / Group * Group}, {Group}", $"{k.Name}: {k.Kind}");
            }
        }
    }
}
