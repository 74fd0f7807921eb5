using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The toolbox's activations in OpenCL C, from the same plan as the C# path: the forward expression (fused into
    /// the Dense forward kernel, which also writes z for the activations that keep it), the derivative from y or z,
    /// the gradient of a learned tensor (PReLU's alpha, Swish's beta), and RReLU's draws from the same counter-based
    /// generator as <c>CompiledModel.Noise</c>. The fully fused MLP kernels take every activation that needs neither
    /// z nor a learned tensor nor random draws; a model with one of the others runs the per-layer kernels
    /// (<see cref="FusedMlpSupports"/>).
    /// </summary>
    public static class ActivationOpenCl
    {
        private const string SeluScale = "1.05070098735548049342f", SeluScaleAlpha = "1.75809934084737685994f";

        /// <summary>Whether the fully fused MLP kernels can run this activation (no z buffer, learned tensor or draws).</summary>
        public static bool FusedMlpSupports(ActivationPlan a) => !a.HasPreActivation && !a.HasParameter && !a.IsStochastic;

        /// <summary>
        /// The activation of <paramref name="v"/> (a variable) in OpenCL C, for the toolbox's activations; null for
        /// the original ones, which <see cref="DenseOpenCl.Apply"/> writes. <paramref name="row"/> and
        /// <paramref name="column"/> index the element (PReLU's alpha, RReLU's draw).
        /// </summary>
        public static string? Apply(ActivationPlan a, string v, string row, string column, int units, int stream = 0) => a.Kind switch
        {
            Activation.Step => $"({v} >= 0.0f ? 1.0f : 0.0f)",
            Activation.Sign => $"sign({v})",
            Activation.HardSigmoid => $"(clamp({v} + 3.0f, 0.0f, 6.0f) / 6.0f)",
            Activation.ArcTan => $"atan({v})",
            Activation.LeakyRelu => $"({v} >= 0.0f ? {v} : {F(a.NegativeSlope)} * {v})",
            Activation.PRelu => $"({v} >= 0.0f ? {v} : params[{a.ParameterOffset} + {column}] * {v})",
            Activation.RRelu => $"({v} >= 0.0f ? {v} : (training ? {RReluSlope(a, row, column, units, stream)} : {F(a.RReluMean)}) * {v})",
            Activation.Elu => $"({v} > 0.0f ? {v} : {F(a.Alpha)} * expm1({v}))",
            Activation.Selu => $"({v} > 0.0f ? {SeluScale} * {v} : {SeluScaleAlpha} * expm1({v}))",
            Activation.Gelu => $"modelgen_gelu({v})",
            Activation.GeluTanh => $"modelgen_gelu_tanh({v})",
            Activation.GeluSigmoid => $"modelgen_swish({v}, 1.702f)",
            Activation.Swish => $"modelgen_swish({v}, {Beta(a)})",
            Activation.Mish => $"modelgen_mish({v})",
            Activation.Softplus => $"modelgen_softplus({v})",
            Activation.Softsign => $"({v} / (1.0f + fabs({v})))",
            Activation.Exponential => $"exp({v})",
            _ => null,
        };

        /// <summary>dL/dz from dL/dy and y for the toolbox's activations that take it from y; null for the others.</summary>
        public static string? Derivative(ActivationPlan a, string d, string y) => a.Kind switch
        {
            Activation.Step or Activation.Sign => "0.0f",
            Activation.HardSigmoid => $"({y} > 0.0f && {y} < 1.0f ? {d} * (1.0f / 6.0f) : 0.0f)",
            Activation.LeakyRelu => $"({y} > 0.0f ? {d} : {d} * {F(a.NegativeSlope)})",
            Activation.Elu => $"({y} > 0.0f ? {d} : {d} * ({y} + {F(a.Alpha)}))",
            Activation.Selu => $"({y} > 0.0f ? {d} * {SeluScale} : {d} * ({y} + {SeluScaleAlpha}))",
            Activation.Softplus => $"({d} * -expm1(-{y}))",
            Activation.Softsign => $"({d} * (1.0f - fabs({y})) * (1.0f - fabs({y})))",
            Activation.Exponential => $"({d} * {y})",
            _ => null,
        };

        /// <summary>dL/dz from dL/dy and z for the activations that keep z.</summary>
        private static string DerivativeOfZ(DensePlan d, string dy, string z)
        {
            ActivationPlan a = d.Act;
            return a.Kind switch
            {
                Activation.ArcTan => $"{dy} / (1.0f + {z} * {z})",
                Activation.PRelu => $"{z} > 0.0f ? {dy} : {dy} * params[{a.ParameterOffset} + n]",
                Activation.RRelu => $"{z} > 0.0f ? {dy} : {dy} * {RReluSlope(a, "m", "n", d.Units, d.OutputBuffer)}",
                Activation.Gelu => $"modelgen_gelu_backward({dy}, {z})",
                Activation.GeluTanh => $"modelgen_gelu_tanh_backward({dy}, {z})",
                Activation.GeluSigmoid => $"modelgen_swish_backward({dy}, {z}, 1.702f)",
                Activation.Swish => $"modelgen_swish_backward({dy}, {z}, {Beta(a)})",
                Activation.Mish => $"modelgen_mish_backward({dy}, {z})",
                _ => throw new System.ArgumentOutOfRangeException(nameof(d), a.Kind, "not an activation that keeps z"),
            };
        }

        /// <summary>The helper functions the program's activations call, each written once, only those needed.</summary>
        public static void WriteHelpers(CodeWriter w, ModelPlan plan)
        {
            var kinds = new HashSet<Activation>(plan.DenseSteps.Select(d => d.Activation));
            bool any = false;
            void Helper(params string[] lines)
            {
                foreach (string line in lines) w.Line(line);
                any = true;
            }
            if (kinds.Contains(Activation.RRelu) || plan.DenseSteps.Any(DropoutOpenCl.Applies))
            {
                Helper("// RReLU's and dropout's draws: SplitMix64's finalizer over (key, stream, index), as CompiledModel.Noise; 24 bits, an exact float in [0, 1).",
                    "float modelgen_noise(const ulong key, const uint stream, const uint index)",
                    "{",
                    "    ulong z = key + ((((ulong)stream) << 32) | index) * 0x9E3779B97F4A7C15UL;",
                    "    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;",
                    "    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;",
                    "    z ^= z >> 31;",
                    "    return (float)(z >> 40) * (1.0f / 16777216.0f);",
                    "}");
            }
            if (kinds.Contains(Activation.Gelu))
            {
                Helper("// Exact GELU, x Φ(x), and its derivative Φ(z) + z φ(z); erfc keeps the left tail accurate.",
                    "float modelgen_gelu(const float x) { return 0.5f * x * erfc(-x * 0.70710678118654752f); }",
                    "float modelgen_gelu_backward(const float d, const float z) { return d * (0.5f * erfc(-z * 0.70710678118654752f) + z * 0.39894228040143268f * exp(-0.5f * z * z)); }");
            }
            if (kinds.Contains(Activation.GeluTanh))
            {
                Helper("// GELU, tanh approximation, and its derivative.",
                    "float modelgen_gelu_tanh(const float x) { return 0.5f * x * (1.0f + tanh(0.79788456080286536f * (x + 0.044715f * x * x * x))); }",
                    "float modelgen_gelu_tanh_backward(const float d, const float z)",
                    "{",
                    "    const float t = tanh(0.79788456080286536f * (z + 0.044715f * z * z * z));",
                    "    return d * (0.5f * (1.0f + t) + 0.5f * z * (1.0f - t * t) * 0.79788456080286536f * (1.0f + 3.0f * 0.044715f * z * z));",
                    "}");
            }
            if (kinds.Contains(Activation.Swish) || kinds.Contains(Activation.GeluSigmoid))
            {
                Helper("// x σ(βx) (Swish; β = 1.702 is GELU's sigmoid approximation) and its derivative σ + βz σ(1 - σ).",
                    "float modelgen_sigmoid(const float x) { return 1.0f / (1.0f + exp(-x)); }",
                    "float modelgen_swish(const float x, const float beta) { return x * modelgen_sigmoid(beta * x); }",
                    "float modelgen_swish_backward(const float d, const float z, const float beta) { const float s = modelgen_sigmoid(beta * z); return d * (s + beta * z * s * (1.0f - s)); }");
            }
            if (kinds.Contains(Activation.Softplus) || kinds.Contains(Activation.Mish))
            {
                Helper("// log(1 + e^x), overflow-free.",
                    "float modelgen_softplus(const float x) { return fmax(x, 0.0f) + log1p(exp(-fabs(x))); }");
            }
            if (kinds.Contains(Activation.Mish))
            {
                Helper("// x tanh(softplus(x)) and its derivative tanh(sp) + z (1 - tanh²(sp)) σ(z).",
                    "float modelgen_mish(const float x) { return x * tanh(modelgen_softplus(x)); }",
                    "float modelgen_mish_backward(const float d, const float z)",
                    "{",
                    "    const float t = tanh(modelgen_softplus(z));",
                    "    return d * (t + z * (1.0f - t * t) / (1.0f + exp(-z)));",
                    "}");
            }
            if (any) w.Line();
        }

        /// <summary>The forward kernel's extra parameters: z's offset, and RReLU's mode and key.</summary>
        public static string ForwardParameters(DensePlan d) =>
            !d.Act.HasPreActivation ? "" : ", const int z_offset" + (d.Act.IsStochastic ? ", const int training, const uint key_lo, const uint key_hi" : "");

        /// <summary>Host arguments matching <see cref="ForwardParameters"/>.</summary>
        public static IEnumerable<string> ForwardArguments(DensePlan d, System.Func<int, string> offset)
        {
            if (!d.Act.HasPreActivation) yield break;
            yield return offset(d.Act.PreActivationBuffer);
            if (!d.Act.IsStochastic) yield break;
            yield return "Training ? 1 : 0";
            foreach (string key in KeyArguments()) yield return key;
        }

        /// <summary>The forward kernel's store of one element: y = f(acc), and z = acc first where the activation keeps it.</summary>
        public static void WriteForwardStore(CodeWriter w, DensePlan d)
        {
            using (w.Block($"if (m < count && n < {d.Units})"))
            {
                if (d.Act.IsStochastic) w.Line("const ulong key = ((ulong)key_hi << 32) | key_lo;");
                w.Line($"y[z_offset + m * {d.PaddedUnits} + n] = acc; // z, for the backward pass");
                w.Line($"y[y_offset + m * {d.PaddedUnits} + n] = {Apply(d.Act, "acc", "m", "n", d.Units, d.OutputBuffer)};");
            }
        }

        /// <summary>dz = dy · f'(z) for the activations that keep z; one work-item per element of the padded rows.</summary>
        public static void WriteBackwardKernel(CodeWriter w, DensePlan d, string s)
        {
            w.Line($"// dz = dy · {ActivationCSharp.Describe(d.Activation)}'(z), in place; z comes from the forward pass.");
            w.Line($"__kernel void {s}_activation_backward(__global const float* y, const int y_offset, __global float* dy, const int dy_offset, const int count, const int z_offset, __global const float* params{(d.Act.IsStochastic ? ", const uint key_lo, const uint key_hi" : "")})");
            using (w.Open())
            {
                w.Line("const int e = get_global_id(0);");
                w.Line($"if (e >= count * {d.PaddedUnits}) return;");
                w.Line($"const int m = e / {d.PaddedUnits}, n = e % {d.PaddedUnits};");
                w.Line($"if (n >= {d.Units}) return; // the padding of dy stays 0");
                if (d.Act.IsStochastic) w.Line("const ulong key = ((ulong)key_hi << 32) | key_lo; // the training forward pass's key: the same slopes");
                w.Line("const float z = y[z_offset + e];");
                w.Line($"dy[dy_offset + e] = {DerivativeOfZ(d, "dy[dy_offset + e]", "z")};");
            }
            w.Line();
        }

        /// <summary>Host arguments of the backward kernel after (y, y_offset, dy, dy_offset, count).</summary>
        public static IEnumerable<string> BackwardArguments(DensePlan d, System.Func<int, string> offset)
        {
            if (!d.Act.HasPreActivation) yield break;
            yield return offset(d.Act.PreActivationBuffer);
            yield return "cl.Parameters";
            if (d.Act.IsStochastic) foreach (string key in KeyArguments()) yield return key;
        }

        /// <summary>The learned tensor's gradient kernel name, or null.</summary>
        public static string? ParameterGradientKernel(DensePlan d) => d.Act.HasParameter && !d.Frozen ? DenseOpenCl.Prefix(d) + "_activation_parameter_gradient" : null;

        /// <summary>
        /// The gradient of the learned tensor, from dy (dL/dy, before the backward kernel turns it into dz) and z:
        /// PReLU one work-item per unit, Σ_m dy · min(z, 0); Swish one work-item, Σ dy · z² σ(βz)(1 - σ(βz)).
        /// </summary>
        public static void WriteParameterGradient(CodeWriter w, DensePlan d, string s)
        {
            ActivationPlan a = d.Act;
            bool prelu = a.Kind == Activation.PRelu;
            w.Line(prelu
                ? $"// d {d.Name}.alpha[n] = Σ_m dy[m, n] · min(z[m, n], 0): one work-item per unit."
                : $"// d {d.Name}.beta = Σ dy · z² σ(βz)(1 - σ(βz)): one work-item sums the batch.");
            w.Line($"__kernel void {s}_activation_parameter_gradient(__global const float* act, const int dy_offset, const int z_offset, __global const float* params, __global float* grads, const int count)");
            using (w.Open())
            {
                if (prelu)
                {
                    w.Line("const int n = get_global_id(0);");
                    w.Line($"if (n >= {d.Units}) return;");
                    w.Line("float acc = 0.0f;");
                    w.Line($"for (int m = 0; m < count; m++) acc += act[dy_offset + m * {d.PaddedUnits} + n] * fmin(act[z_offset + m * {d.PaddedUnits} + n], 0.0f);");
                    w.Line($"grads[{a.ParameterOffset} + n] = acc;");
                }
                else
                {
                    w.Line("if (get_global_id(0) != 0) return;");
                    w.Line($"const float beta = params[{a.ParameterOffset}];");
                    w.Line("float acc = 0.0f;");
                    using (w.Block($"for (int m = 0; m < count; m++) for (int n = 0; n < {d.Units}; n++)"))
                    {
                        w.Line($"const float z = act[z_offset + m * {d.PaddedUnits} + n], s = modelgen_sigmoid(beta * z);");
                        w.Line($"acc += act[dy_offset + m * {d.PaddedUnits} + n] * z * z * s * (1.0f - s);");
                    }
                    w.Line($"grads[{a.ParameterOffset}] = acc;");
                }
            }
            w.Line();
        }

        /// <summary>Host arguments of the parameter-gradient kernel, and its global size.</summary>
        public static (string[] Arguments, string Size) ParameterGradientLaunch(DensePlan d, System.Func<int, string> offset, int group) => (
            new[] { "cl.Activations", offset(d.DeltaBuffer), offset(d.Act.PreActivationBuffer), "cl.Parameters", "cl.Gradients", "count" },
            $"{(d.Act.Kind == Activation.PRelu ? (d.Units + group - 1) / group * group : group)}, {group}");

        /// <summary>The host arguments carrying the training pass's noise key (low and high 32 bits), for every kernel that draws noise.</summary>
        internal static IEnumerable<string> KeyArguments()
        {
            yield return "(int)(uint)NoiseKey";
            yield return "(int)(uint)(NoiseKey >> 32)";
        }

        /// <summary>RReLU's training slope; the stream is the layer's output offset, as on the C# path.</summary>
        private static string RReluSlope(ActivationPlan a, string row, string column, int units, int stream) =>
            $"({F(a.RReluLower)} + ({F(a.RReluUpper)} - {F(a.RReluLower)}) * modelgen_noise(key, {stream}u, (uint)({row} * {units} + {column})))";

        private static string Beta(ActivationPlan a) => a.HasParameter ? $"params[{a.ParameterOffset}]" : F(a.Beta);

        private static string F(float value) => OptimizerOpenCl.OpenClFloat(value);
    }
}
