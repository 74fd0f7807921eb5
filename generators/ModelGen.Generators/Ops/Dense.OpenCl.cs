using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Dense in OpenCL C, from the same plan as the C# path: the same packed kernel layout, the same padded activation
    /// rows and the same offsets, so parameters move between host and device as one arena. Kernels are 16×16 tiles
    /// staged through local memory: forward (x · kernel + bias, then the activation), input gradient (dz · kernelᵀ)
    /// and kernel gradient (xᵀ · dz, with the bias gradient as one extra row of ones in x).
    /// </summary>
    public static class DenseOpenCl
    {
        /// <summary>Work-group tile edge.</summary>
        public const int Tile = 16;

        /// <summary>Writes the layer's kernels into the OpenCL program.</summary>
        public static void WriteKernels(CodeWriter w, DensePlan d, bool lossGaveDz)
        {
            string s = Prefix(d);
            w.Line($"// ---- {d.Name}: Dense [{d.Inputs}] -> [{d.Units}], {ActivationCSharp.Describe(d.Activation)}; kernel packed in panels of 32 (last 16) ----");
            w.Line($"#define {s.ToUpperInvariant()}_W(k, n) ((n) / 32 * {32 * d.Inputs} + (k) * ((n) / 32 < {d.FullPanels} ? 32 : 16) + (n) % 32)");
            w.Line();
            WriteForward(w, d, s);
            if (d.Activation == ModelGen.Activation.Softmax) WriteSoftmax(w, d, s);
            if (d.Act.HasParameter && !d.Frozen && !lossGaveDz) ActivationOpenCl.WriteParameterGradient(w, d, s);
            if (!lossGaveDz && d.Activation != ModelGen.Activation.Identity)
            {
                if (d.Act.HasPreActivation) ActivationOpenCl.WriteBackwardKernel(w, d, s);
                else WriteActivationBackward(w, d, s);
            }
            WriteKernelGradient(w, d, s);
            if (!d.IsFirst) WriteInputGradient(w, d, s);
        }

        /// <summary>The kernels of one layer, in the order <see cref="WriteKernels"/> writes them (their names in the program).</summary>
        public static System.Collections.Generic.IEnumerable<string> KernelNames(DensePlan d, bool lossGaveDz)
        {
            string s = Prefix(d);
            yield return s + "_forward";
            if (d.Activation == ModelGen.Activation.Softmax) yield return s + "_softmax";
            if (!lossGaveDz && ActivationOpenCl.ParameterGradientKernel(d) is { } parameterGradient) yield return parameterGradient;
            if (!lossGaveDz && d.Activation != ModelGen.Activation.Identity) yield return s + "_activation_backward";
            yield return s + "_kernel_gradient";
            if (!d.IsFirst) yield return s + "_input_gradient";
        }

        /// <summary>"dense_1" stays "dense_1": OpenCL identifiers are C identifiers.</summary>
        public static string Prefix(DensePlan d) => d.Name.ToLowerInvariant();

        private static void WriteForward(CodeWriter w, DensePlan d, string s)
        {
            w.Line($"// y[count, {d.PaddedUnits}] = {ActivationCSharp.Describe(d.Activation)}(x[count, {d.InputStride}] · kernel{(d.UseBias ? " + bias" : "")}); one work-item per output, 16×16 tiles.");
            w.Line($"__kernel __attribute__((reqd_work_group_size({Tile}, {Tile}, 1)))");
            w.Line($"void {s}_forward(__global const float* x, const int x_offset, __global float* y, const int y_offset, __global const float* params, const int count{ActivationOpenCl.ForwardParameters(d)})");
            using (w.Open())
            {
                w.Line("const int n = get_global_id(0), m = get_global_id(1);");
                w.Line("const int ln = get_local_id(0), lm = get_local_id(1);");
                w.Line($"__local float xs[{Tile}][{Tile}], ws[{Tile}][{Tile + 1}];");
                w.Line("float acc = 0.0f;");
                using (w.Block($"for (int k0 = 0; k0 < {d.Inputs}; k0 += {Tile})"))
                {
                    w.Line($"xs[lm][ln] = (m < count && k0 + ln < {d.Inputs}) ? x[x_offset + m * {d.InputStride} + k0 + ln] : 0.0f;");
                    w.Line($"ws[lm][ln] = (k0 + lm < {d.Inputs} && n < {d.Units}) ? params[{d.KernelOffset} + {Prefix(d).ToUpperInvariant()}_W(k0 + lm, n)] : 0.0f;");
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                    w.Line($"for (int kk = 0; kk < {Tile}; kk++) acc = fma(xs[lm][kk], ws[kk][ln], acc);");
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                }
                if (d.UseBias) w.Line($"if (n < {d.Units}) acc += params[{d.BiasOffset} + n];");
                if (d.Act.HasPreActivation) ActivationOpenCl.WriteForwardStore(w, d);
                else w.Line($"if (m < count && n < {d.Units}) y[y_offset + m * {d.PaddedUnits} + n] = {Apply(d.Act, "acc")};");
            }
            w.Line();
        }

        private static void WriteSoftmax(CodeWriter w, DensePlan d, string s)
        {
            w.Line("// Softmax over each row, in place: exp(z - max) / Σ exp(z - max). One work-item per sample.");
            w.Line($"__kernel void {s}_softmax(__global float* y, const int y_offset, const int count)");
            using (w.Open())
            {
                w.Line("const int m = get_global_id(0);");
                w.Line("if (m >= count) return;");
                w.Line($"__global float* row = y + y_offset + m * {d.PaddedUnits};");
                w.Line("float max = row[0];");
                w.Line($"for (int j = 1; j < {d.Units}; j++) max = fmax(max, row[j]);");
                w.Line("float sum = 0.0f;");
                w.Line($"for (int j = 0; j < {d.Units}; j++) {{ row[j] = exp(row[j] - max); sum += row[j]; }}");
                w.Line($"for (int j = 0; j < {d.Units}; j++) row[j] /= sum;");
            }
            w.Line();
        }

        private static void WriteActivationBackward(CodeWriter w, DensePlan d, string s)
        {
            w.Line($"// dz = dy · {ActivationCSharp.Describe(d.Activation)}'(y), in place.{(d.Activation == ModelGen.Activation.Softmax ? " Softmax: one row per work-item." : "")}");
            w.Line($"__kernel void {s}_activation_backward(__global const float* y, const int y_offset, __global float* dy, const int dy_offset, const int count)");
            using (w.Open())
            {
                if (d.Activation == ModelGen.Activation.Softmax)
                {
                    w.Line("const int m = get_global_id(0);");
                    w.Line("if (m >= count) return;");
                    w.Line($"__global const float* yr = y + y_offset + m * {d.PaddedUnits};");
                    w.Line($"__global float* dr = dy + dy_offset + m * {d.PaddedUnits};");
                    w.Line("float dot = 0.0f;");
                    w.Line($"for (int j = 0; j < {d.Units}; j++) dot += dr[j] * yr[j];");
                    w.Line($"for (int j = 0; j < {d.Units}; j++) dr[j] = yr[j] * (dr[j] - dot);");
                }
                else
                {
                    w.Line("const int e = get_global_id(0);");
                    w.Line($"if (e >= count * {d.PaddedUnits}) return;");
                    w.Line("const float out = y[y_offset + e];");
                    w.Line($"dy[dy_offset + e] = {Derivative(d.Act, "dy[dy_offset + e]", "out")};");
                }
            }
            w.Line();
        }

        private static void WriteKernelGradient(CodeWriter w, DensePlan d, string s)
        {
            int rows = d.Inputs + (d.UseBias ? 1 : 0);
            w.Line($"// Kernel gradient g[k, n] = Σ_m x[m, k] dz[m, n], written in the packed layout;{(d.UseBias ? $" row {d.Inputs} (x = 1) is the bias gradient." : "")}");
            w.Line($"__kernel __attribute__((reqd_work_group_size({Tile}, {Tile}, 1)))");
            w.Line($"void {s}_kernel_gradient(__global const float* x, const int x_offset, __global const float* dy, const int dy_offset, __global float* grads, const int count)");
            using (w.Open())
            {
                w.Line("const int n = get_global_id(0), k = get_global_id(1);");
                w.Line("const int ln = get_local_id(0), lk = get_local_id(1);");
                w.Line("const int k_first = k - lk;");
                w.Line($"__local float xs[{Tile}][{Tile + 1}], ds[{Tile}][{Tile + 1}];");
                w.Line("float acc = 0.0f;");
                using (w.Block($"for (int m0 = 0; m0 < count; m0 += {Tile})"))
                {
                    w.Line("// xs[m][k]: the x column of this tile's k, transposed; the bias row reads as ones.");
                    w.Line("const int mx = m0 + lk, kx = k_first + ln;");
                    w.Line($"xs[lk][ln] = mx < count ? (kx < {d.Inputs} ? x[x_offset + mx * {d.InputStride} + kx] : (kx == {d.Inputs} ? 1.0f : 0.0f)) : 0.0f;");
                    w.Line($"ds[lk][ln] = (m0 + lk < count && n < {d.Units}) ? dy[dy_offset + (m0 + lk) * {d.PaddedUnits} + n] : 0.0f;");
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                    w.Line($"for (int mm = 0; mm < {Tile}; mm++) acc = fma(xs[mm][lk], ds[mm][ln], acc);");
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                }
                w.Line($"if (n >= {d.Units} || k >= {rows}) return;");
                if (d.UseBias) w.Line($"if (k == {d.Inputs}) grads[{d.BiasOffset} + n] = acc; else grads[{d.KernelOffset} + {Prefix(d).ToUpperInvariant()}_W(k, n)] = acc;");
                else w.Line($"grads[{d.KernelOffset} + {Prefix(d).ToUpperInvariant()}_W(k, n)] = acc;");
            }
            w.Line();
        }

        private static void WriteInputGradient(CodeWriter w, DensePlan d, string s)
        {
            w.Line($"// Input gradient dx[m, k] = Σ_n dz[m, n] kernel[k, n].");
            w.Line($"__kernel __attribute__((reqd_work_group_size({Tile}, {Tile}, 1)))");
            w.Line($"void {s}_input_gradient(__global const float* dy, const int dy_offset, __global float* dx, const int dx_offset, __global const float* params, const int count)");
            using (w.Open())
            {
                w.Line("const int k = get_global_id(0), m = get_global_id(1);");
                w.Line("const int lk = get_local_id(0), lm = get_local_id(1);");
                w.Line("const int k_first = k - lk;");
                w.Line($"__local float ds[{Tile}][{Tile}], ws[{Tile}][{Tile + 1}];");
                w.Line("float acc = 0.0f;");
                using (w.Block($"for (int n0 = 0; n0 < {d.Units}; n0 += {Tile})"))
                {
                    w.Line($"ds[lm][lk] = (m < count && n0 + lk < {d.Units}) ? dy[dy_offset + m * {d.PaddedUnits} + n0 + lk] : 0.0f;");
                    w.Line("// ws[n][k]: the kernel transposed, one tile at a time.");
                    w.Line("const int kw = k_first + lm, nw = n0 + lk;");
                    w.Line($"ws[lk][lm] = (kw < {d.Inputs} && nw < {d.Units}) ? params[{d.KernelOffset} + {Prefix(d).ToUpperInvariant()}_W(kw, nw)] : 0.0f;");
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                    w.Line($"for (int nn = 0; nn < {Tile}; nn++) acc = fma(ds[lm][nn], ws[nn][lk], acc);");
                    w.Line("barrier(CLK_LOCAL_MEM_FENCE);");
                }
                w.Line($"if (m < count && k < {d.Inputs}) dx[dx_offset + m * {d.InputStride} + k] = acc;");
            }
            w.Line();
        }

        /// <summary>The activation of <paramref name="v"/> in OpenCL C; softmax runs over the row separately.</summary>
        public static string Apply(ActivationPlan a, string v) => ActivationOpenCl.Apply(a, v, "m", "n", 0) ?? Apply(a.Kind, v);

        /// <summary>The activation of <paramref name="v"/> in OpenCL C for the activations without parameters.</summary>
        public static string Apply(Activation a, string v) => a switch
        {
            ModelGen.Activation.Relu => $"fmax({v}, 0.0f)",
            ModelGen.Activation.Sigmoid => $"1.0f / (1.0f + exp(-{v}))",
            ModelGen.Activation.Tanh => $"tanh({v})",
            _ => v, // identity; softmax runs as its own row kernel
        };

        /// <summary>dL/dz from dL/dy and y in OpenCL C (elementwise activations whose derivative y determines).</summary>
        public static string Derivative(ActivationPlan a, string d, string y) => ActivationOpenCl.Derivative(a, d, y) ?? Derivative(a.Kind, d, y);

        /// <summary>dL/dz from dL/dy and y in OpenCL C for the activations without parameters.</summary>
        public static string Derivative(Activation a, string d, string y) => a switch
        {
            ModelGen.Activation.Relu => $"{y} > 0.0f ? {d} : 0.0f",
            ModelGen.Activation.Sigmoid => $"{d} * {y} * (1.0f - {y})",
            ModelGen.Activation.Tanh => $"{d} * (1.0f - {y} * {y})",
            _ => d,
        };
    }
}
