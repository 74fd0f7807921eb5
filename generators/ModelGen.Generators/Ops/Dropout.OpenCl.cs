using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// [Dropout] and [AlphaDropout] in OpenCL C, the same arithmetic as <c>CompiledModel.Dropout.cs</c>: one work-item
    /// per element of the layer's finished rows, the mask drawn from the same counter-based noise (same key, stream
    /// and index, so the device drops exactly the elements the CPU drops) and recomputed, never stored, by the backward
    /// kernel. The host launches the forward kernel only while training; at inference the layer costs nothing.
    /// </summary>
    public static class DropoutOpenCl
    {
        /// <summary>Whether <paramref name="d"/> carries a dropout, so its two kernels exist.</summary>
        public static bool Applies(DensePlan d) => d.DropoutRate != 0f;

        /// <summary>The forward kernel's name.</summary>
        public static string ForwardKernel(DensePlan d) => DenseOpenCl.Prefix(d) + "_dropout_forward";

        /// <summary>The backward kernel's name.</summary>
        public static string BackwardKernel(DensePlan d) => DenseOpenCl.Prefix(d) + "_dropout_backward";

        /// <summary>The layer's dropout kernels, in program order; none without dropout.</summary>
        public static IEnumerable<string> KernelNames(DensePlan d)
        {
            if (!Applies(d)) yield break;
            yield return ForwardKernel(d);
            yield return BackwardKernel(d);
        }

        /// <summary>Writes the forward and backward kernels of the layer's dropout.</summary>
        public static void WriteKernels(CodeWriter w, DensePlan d)
        {
            if (!Applies(d)) return;
            string stream = DropoutCSharp.Stream(d), rate = F(d.DropoutRate);
            const string header = "(__global float* y, const int y_offset, const int count, const uint key_lo, const uint key_hi)";
            if (d.AlphaDropout)
            {
                AlphaDropoutAffine(d.DropoutRate, out float a, out float b, out float dropped);
                w.Line($"// AlphaDropout({rate}) on {d.Name}'s output while training: y = {F(a)} · (kept ? y : α') + {F(b)}; dropped elements are {F(dropped)}.");
                w.Line($"__kernel void {ForwardKernel(d)}{header}");
                using (w.Open())
                {
                    Element(w, d);
                    w.Line($"__global float* v = y + y_offset + m * {d.PaddedUnits} + n;");
                    w.Line($"*v = modelgen_noise(key, {stream}, (uint)e) < {rate} ? {F(dropped)} : {F(a)} * *v + {F(b)};");
                }
                w.Line();
                w.Line("// Its backward: dy = kept ? a · dy : 0, and y back to the activation's output ((y - b) / a where kept, 0 where dropped).");
                w.Line($"__kernel void {BackwardKernel(d)}(__global float* y, const int y_offset, __global float* dy, const int dy_offset, const int count, const uint key_lo, const uint key_hi)");
                using (w.Open())
                {
                    Element(w, d);
                    w.Line($"const int i = m * {d.PaddedUnits} + n;");
                    using (w.Block($"if (modelgen_noise(key, {stream}, (uint)e) < {rate})"))
                    {
                        w.Line("dy[dy_offset + i] = 0.0f;");
                        w.Line("y[y_offset + i] = 0.0f;");
                    }
                    using (w.Block("else"))
                    {
                        w.Line($"dy[dy_offset + i] *= {F(a)};");
                        w.Line($"y[y_offset + i] = (y[y_offset + i] - {F(b)}) / {F(a)};");
                    }
                }
                w.Line();
                return;
            }
            string scale = F(1f / (1f - d.DropoutRate));
            w.Line($"// Dropout({rate}) on {d.Name}'s output while training: y = kept ? y · {scale} : 0 (inverted dropout).");
            w.Line($"__kernel void {ForwardKernel(d)}{header}");
            using (w.Open())
            {
                Element(w, d);
                w.Line($"__global float* v = y + y_offset + m * {d.PaddedUnits} + n;");
                w.Line($"*v = modelgen_noise(key, {stream}, (uint)e) < {rate} ? 0.0f : *v * {scale};");
            }
            w.Line();
            w.Line($"// Its backward: dy = kept ? dy · {scale} : 0, and y divided back by the scale where kept (activations read their derivative from y).");
            w.Line($"__kernel void {BackwardKernel(d)}(__global float* y, const int y_offset, __global float* dy, const int dy_offset, const int count, const uint key_lo, const uint key_hi)");
            using (w.Open())
            {
                Element(w, d);
                w.Line($"const int i = m * {d.PaddedUnits} + n;");
                w.Line($"if (modelgen_noise(key, {stream}, (uint)e) < {rate}) dy[dy_offset + i] = 0.0f;");
                using (w.Block("else"))
                {
                    w.Line($"dy[dy_offset + i] *= {scale};");
                    w.Line($"y[y_offset + i] /= {scale};");
                }
            }
            w.Line();
        }

        /// <summary>The host's launch of the forward kernel, after the layer's forward (and softmax) kernels; training only.</summary>
        public static (string[] Arguments, string Size) ForwardLaunch(DensePlan d, System.Func<int, string> offset, int group) =>
            (new[] { "cl.Activations", offset(d.OutputBuffer), "count" }.Concat(ActivationOpenCl.KeyArguments()).ToArray(), Size(d, group));

        /// <summary>The host's launch of the backward kernel, first in the layer's backward pass (as on the CPU).</summary>
        public static (string[] Arguments, string Size) BackwardLaunch(DensePlan d, System.Func<int, string> offset, int group) =>
            (new[] { "cl.Activations", offset(d.OutputBuffer), "cl.Activations", offset(d.DeltaBuffer), "count" }.Concat(ActivationOpenCl.KeyArguments()).ToArray(), Size(d, group));

        /// <summary>Keras AlphaDropout's constants, as CompiledModel.AlphaDropoutAffine computes them (double, rounded once).</summary>
        private static void AlphaDropoutAffine(float rate, out float a, out float b, out float dropped)
        {
            const double alphaPrime = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
            double ad = 1.0 / System.Math.Sqrt((1.0 - rate) * (1.0 + rate * alphaPrime * alphaPrime));
            a = (float)ad;
            b = (float)(-ad * alphaPrime * rate);
            dropped = (float)((double)a * alphaPrime + b);
        }

        private static void Element(CodeWriter w, DensePlan d)
        {
            w.Line("const int e = get_global_id(0); // the element's index m · units + n: the CPU's noise counter");
            w.Line($"if (e >= count * {d.Units}) return;");
            w.Line($"const int m = e / {d.Units}, n = e % {d.Units};");
            w.Line("const ulong key = ((ulong)key_hi << 32) | key_lo; // the training forward pass's key");
        }

        private static string Size(DensePlan d, int group) => $"(count * {d.Units} + {group - 1}) / {group} * {group}, {group}";

        private static string F(float value) => OptimizerOpenCl.OpenClFloat(value);
    }
}
