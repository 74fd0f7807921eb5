using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Tiny networks in OpenCL C, fully fused in the style of tiny-cuda-nn's fully fused MLP: when every layer is at
    /// most 64 wide and the weights fit in local memory, the whole forward pass is one kernel (each work-item carries
    /// one sample through every layer in registers) and the whole training step is another: one work-group holds the
    /// weights and gradient sums in local memory, carries 64 samples at a time forward and back, reduces the
    /// gradients, and applies the optimizer. Two launches instead of a dozen, and no activation ever leaves the chip.
    /// </summary>
    public static class FusedMlpOpenCl
    {
        /// <summary>Samples per work-group, and work-items per group.</summary>
        public const int Group = 64;

        /// <summary>Widest layer (units or inputs) the fused kernels take.</summary>
        public const int MaxWidth = 64;

        /// <summary>Local memory the fused training kernel may use, in floats (32 KiB, what every OpenCL GPU has).</summary>
        public const int MaxLocalFloats = 8192;

        /// <summary>Kernel names.</summary>
        public const string ForwardKernel = "fused_forward", TrainKernel = "fused_train_step";

        /// <summary>Whether <paramref name="plan"/> is small enough for the fused kernels.</summary>
        public static bool Applies(ModelPlan plan)
        {
            if (plan.Graph is { IsFunctional: true }) return false; // chains only: the kernels run the layers one after another
            DensePlan[] steps = plan.DenseSteps.ToArray();
            if (steps.Any(d => d.Units > MaxWidth || d.Inputs > MaxWidth)) return false;
            if (!plan.Training.IsEmpty) return false; // regularizers, clipping and constraints: RegularizationOpenCl, per layer
            // Activations that keep z, learn a tensor or draw random slopes (GELU, Swish, Mish, arctan, PReLU, RReLU)
            // run the per-layer kernels instead: see ActivationOpenCl.FusedMlpSupports.
            if (steps.Any(d => !ActivationOpenCl.FusedMlpSupports(d.Act))) return false;
            if (steps.Any(DropoutOpenCl.Applies)) return false; // dropout draws its masks in kernels of its own
            // Normalization and batch normalization run kernels of their own; the fused kernels know neither.
            if (plan.Normalizations.Count > 0 || steps.Any(d => d.BatchNorm is not null)) return false;
            return LocalFloats(plan, steps) <= MaxLocalFloats;
        }

        private static int LocalFloats(ModelPlan plan, DensePlan[] steps) =>
            2 * plan.Memory.ParameterFloats + Group * (steps[0].Inputs + steps.Sum(d => 2 * d.Units));

        /// <summary>Writes both fused kernels.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            DensePlan[] steps = plan.DenseSteps.ToArray();
            int p = plan.Memory.ParameterFloats;
            w.Line($"// ---- Fully fused: every layer at most {MaxWidth} wide, weights in local memory ({LocalFloats(plan, steps)} floats of it) ----");
            w.Line();
            WriteForward(w, plan, steps, p);
            WriteTrainingStep(w, plan, steps, p);
        }

        private static void WriteForward(CodeWriter w, ModelPlan plan, DensePlan[] steps, int p)
        {
            DensePlan last = steps[steps.Length - 1];
            w.Line("// The whole forward pass: the weights go to local memory once per group, each work-item runs one sample.");
            w.Line($"__kernel __attribute__((reqd_work_group_size({Group}, 1, 1)))");
            w.Line($"void {ForwardKernel}(__global const float* x, __global float* y, const int y_offset, __global const float* params, const int count)");
            using (w.Open())
            {
                w.Line($"__local float p[{p}];");
                w.Line($"for (int i = get_local_id(0); i < {p}; i += {Group}) p[i] = params[i];");
                w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                w.Line("const int m = get_global_id(0);");
                w.Line("if (m >= count) return;");
                w.Line($"float h0[{steps[0].Inputs}];");
                w.Line($"for (int k = 0; k < {steps[0].Inputs}; k++) h0[k] = x[m * {steps[0].InputStride} + k];");
                for (int l = 0; l < steps.Length; l++) WriteLayerForward(w, steps[l], $"h{l}", $"h{l + 1}", declare: true, "");
                w.Line($"for (int n = 0; n < {last.Units}; n++) y[y_offset + m * {last.PaddedUnits} + n] = h{steps.Length}[n];");
            }
            w.Line();
        }

        /// <summary>One layer of one sample: <paramref name="output"/>[n] = act(b[n] + Σ_k input[k] W[k, n]), weights in local p.</summary>
        private static void WriteLayerForward(CodeWriter w, DensePlan d, string input, string output, bool declare, string row)
        {
            string macro = DenseOpenCl.Prefix(d).ToUpperInvariant() + "_W";
            w.Line($"// {d.Name}: [{d.Inputs}] -> [{d.Units}], {ActivationCSharp.Describe(d.Activation)}");
            if (declare) w.Line($"float {output}[{d.Units}];");
            using (w.Block($"for (int n = 0; n < {d.Units}; n++)"))
            {
                w.Line($"float acc = {(d.UseBias ? $"p[{d.BiasOffset} + n]" : "0.0f")};");
                w.Line($"for (int k = 0; k < {d.Inputs}; k++) acc = fma({input}{row}[k], p[{d.KernelOffset} + {macro}(k, n)], acc);");
                w.Line($"{output}{row}[n] = {DenseOpenCl.Apply(d.Act, "acc")};");
            }
            if (d.Activation == Activation.Softmax)
            {
                using (w.Open())
                {
                    w.Line($"float max = {output}{row}[0], sum = 0.0f;");
                    w.Line($"for (int n = 1; n < {d.Units}; n++) max = fmax(max, {output}{row}[n]);");
                    w.Line($"for (int n = 0; n < {d.Units}; n++) {{ {output}{row}[n] = exp({output}{row}[n] - max); sum += {output}{row}[n]; }}");
                    w.Line($"for (int n = 0; n < {d.Units}; n++) {output}{row}[n] /= sum;");
                }
            }
        }

        private static void WriteTrainingStep(CodeWriter w, ModelPlan plan, DensePlan[] steps, int p)
        {
            int layers = steps.Length, outputs = plan.OutputSize;
            DensePlan last = steps[layers - 1];
            w.Line("// The whole training step in one work-group: forward, loss, backward for 64 samples at a time, the");
            w.Line("// gradient sums in local memory (each work-item owns every 64th parameter), then the optimizer.");
            w.Line($"__kernel __attribute__((reqd_work_group_size({Group}, 1, 1)))");
            w.Line($"void {TrainKernel}(__global const float* x, __global const int* labels, __global const float* targets, __global float* params,");
            w.Line("    __global float* grads, __global float* state, __global float* metrics, const int count, const float8 h, const int update)");
            using (w.Open())
            {
                w.Line("const int lid = get_local_id(0);");
                w.Line($"__local float p[{p}], g[{p}];");
                w.Line($"__local float h0[{Group}][{steps[0].Inputs}];");
                for (int l = 0; l < layers; l++) w.Line($"__local float h{l + 1}[{Group}][{steps[l].Units}], d{l + 1}[{Group}][{steps[l].Units}]; // {steps[l].Name}: output, dL/dz");
                w.Line($"for (int i = lid; i < {p}; i += {Group}) {{ p[i] = params[i]; g[i] = 0.0f; }}");
                w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                w.Line("const float scale = 1.0f / count;");
                using (w.Block($"for (int first = 0; first < count; first += {Group})"))
                {
                    w.Line("const int m = first + lid;");
                    using (w.Block("if (m < count)"))
                    {
                        w.Line($"for (int k = 0; k < {steps[0].Inputs}; k++) h0[lid][k] = x[m * {steps[0].InputStride} + k];");
                        for (int l = 0; l < layers; l++) WriteLayerForward(w, steps[l], $"h{l}", $"h{l + 1}", declare: false, "[lid]");
                        WriteLossAndOutputDelta(w, plan, last, layers, outputs);
                        for (int l = layers - 1; l >= 1; l--) WriteDeltaBackward(w, steps[l], steps[l - 1], l);
                    }
                    using (w.Block("else"))
                    {
                        w.Line("// No sample for this work-item: zero rows add nothing to the sums below.");
                        w.Line($"for (int k = 0; k < {steps[0].Inputs}; k++) h0[lid][k] = 0.0f;");
                        for (int l = 1; l <= layers; l++) w.Line($"for (int n = 0; n < {steps[l - 1].Units}; n++) d{l}[lid][n] = 0.0f;");
                    }
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                    w.Line($"const int samples = min({Group}, count - first);");
                    for (int l = 0; l < layers; l++) WriteGradientSums(w, steps[l], l);
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                }
                w.Line($"for (int i = lid; i < {p}; i += {Group}) {{ grads[i] = g[i]; if (update) {OptimizerOpenCl.UpdateFunction}(params, grads, state, i, h); }}");
            }
            w.Line();
        }

        private static void WriteLossAndOutputDelta(CodeWriter w, ModelPlan plan, DensePlan last, int layers, int outputs)
        {
            string y = $"h{layers}[lid]", d = $"d{layers}[lid]";
            w.Line($"// Loss of this sample; d{layers} = dL/dz of the output layer.");
            using var scope = w.Open();
            LossOpenCl.WriteSample(w, plan, y, d);
            if (!plan.Loss.FusedWithOutput) WriteActivationDerivative(w, last, $"h{layers}[lid]", d);
        }

        /// <summary>d(l) = (d(l+1) · W(l+1)ᵀ) ⊙ act'(h(l)): the delta of layer <paramref name="below"/> from the one above.</summary>
        private static void WriteDeltaBackward(CodeWriter w, DensePlan above, DensePlan below, int l)
        {
            string macro = DenseOpenCl.Prefix(above).ToUpperInvariant() + "_W";
            w.Line($"// {below.Name}: dL/dy from {above.Name}, then through {ActivationCSharp.Describe(below.Activation)}.");
            using (w.Block($"for (int k = 0; k < {above.Inputs}; k++)"))
            {
                w.Line("float acc = 0.0f;");
                w.Line($"for (int n = 0; n < {above.Units}; n++) acc = fma(d{l + 1}[lid][n], p[{above.KernelOffset} + {macro}(k, n)], acc);");
                w.Line($"d{l}[lid][k] = acc;");
            }
            WriteActivationDerivative(w, below, $"h{l}[lid]", $"d{l}[lid]");
        }

        private static void WriteActivationDerivative(CodeWriter w, DensePlan d, string y, string delta)
        {
            if (d.Activation == Activation.Identity) return;
            if (d.Activation == Activation.Softmax)
            {
                w.Line("{");
                w.Line($"    float dot = 0.0f;");
                w.Line($"    for (int n = 0; n < {d.Units}; n++) dot += {delta}[n] * {y}[n];");
                w.Line($"    for (int n = 0; n < {d.Units}; n++) {delta}[n] = {y}[n] * ({delta}[n] - dot);");
                w.Line("}");
                return;
            }
            w.Line($"for (int n = 0; n < {d.Units}; n++) {delta}[n] = {DenseOpenCl.Derivative(d.Act, $"{delta}[n]", $"{y}[n]")};");
        }

        /// <summary>Kernel and bias gradient sums of one layer over this chunk of samples; each work-item owns every 64th entry.</summary>
        private static void WriteGradientSums(CodeWriter w, DensePlan d, int l)
        {
            string macro = DenseOpenCl.Prefix(d).ToUpperInvariant() + "_W";
            using (w.Block($"for (int e = lid; e < {d.Inputs * d.Units}; e += {Group})"))
            {
                w.Line($"const int k = e / {d.Units}, n = e % {d.Units};");
                w.Line("float acc = 0.0f;");
                w.Line($"for (int s = 0; s < samples; s++) acc = fma(h{l}[s][k], d{l + 1}[s][n], acc);");
                w.Line($"g[{d.KernelOffset} + {macro}(k, n)] += acc;");
            }
            if (!d.UseBias) return;
            using (w.Block($"for (int n = lid; n < {d.Units}; n += {Group})"))
            {
                w.Line("float acc = 0.0f;");
                w.Line($"for (int s = 0; s < samples; s++) acc += d{l + 1}[s][n];");
                w.Line($"g[{d.BiasOffset} + n] += acc;");
            }
        }
    }
}
