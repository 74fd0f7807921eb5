using System.Globalization;
using System.Text;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Dense in a frozen model: the forward pass only, with the weights compiled in. A layer under the unroll threshold
    /// becomes straight-line vector code with its weights as vector literals (the JIT keeps them in the code's constant
    /// data); a larger one runs the trainable model's own register-blocked micro-kernels over the packed kernel held as
    /// constant data. Both follow the trainable forward pass operation for operation (same accumulator chains, same
    /// fused multiply-adds in the same order), so a frozen model's Predict equals the trainable model's bit for bit.
    /// </summary>
    public static class DenseFrozenCSharp
    {
        private static readonly VectorIsa[] s_paths = { VectorIsa.Avx512, VectorIsa.Avx2 };

        /// <summary>Writes the layer's weight data (large layers), forward method and micro-kernels.</summary>
        /// <param name="w">The writer.</param>
        /// <param name="layer">The layer and its weights.</param>
        /// <param name="aligned">With [FrozenWeights(AlignWeights = true)], the offsets of the layer's kernel and bias in the
        /// aligned copy (<c>s_weights</c>, FrozenEmitter); null: the kernels read the constant data in place.</param>
        public static void Write(CodeWriter w, FrozenDense layer, (int Kernel, int Bias)? aligned = null)
        {
            DensePlan d = layer.Dense;
            if (!d.Unrolled) WriteData(w, layer);
            if (d.Activation == Activation.PRelu)
            {
                w.Line($"/// <summary>{d.Name}.alpha [{d.Units}]: PReLU's learned slopes, constants at inference.</summary>");
                WriteFloats(w, $"{d.MethodStem}Alpha", layer.ActivationParameter);
            }
            w.Line($"/// <summary>{d.Name} forward: y[count, {d.PaddedUnits}] = {ActivationCSharp.Describe(d.Activation)}(x[count, {d.InputStride}] · kernel{(d.UseBias ? " + bias" : "")}); {d.Units} columns used.</summary>");
            w.Line(MicroKernels.Optimized);
            using (w.Block($"internal static void {d.MethodStem}Forward(float* y, float* x, int count)"))
            {
                if (d.Unrolled) WriteUnrolled(w, layer);
                else WritePanels(w, d, aligned);
                if (d.Act.HasPreActivation) WriteRowPassWithoutZ(w, layer);
                else ActivationCSharp.WriteRowPass(w, d);
                if (d.DropoutRate != 0f) w.Line($"// {(d.AlphaDropout ? "AlphaDropout" : "Dropout")} after {d.Name}: the identity at inference, so not emitted.");
            }
            if (d.Unrolled) return;
            w.Line();
            foreach (VectorIsa isa in s_paths)
            {
                foreach (int width in DenseCSharp.Widths(d))
                {
                    foreach (int rows in isa.RowBlocks) MicroKernels.WriteGemm(w, isa, rows, width, DenseCSharp.ForwardShape(d, isa, rows, width));
                }
            }
        }

        /// <summary>
        /// The row pass of an activation whose trainable form keeps z for its derivative (GELU, Swish, Mish, arctan,
        /// RReLU): the same y = f(z) over the used columns, without the copy of z a frozen model never reads. RReLU
        /// takes its inference slope, the mean of its range, as the trainable model does outside training.
        /// </summary>
        private static void WriteRowPassWithoutZ(CodeWriter w, FrozenDense layer)
        {
            DensePlan d = layer.Dense;
            w.Line($"// {ActivationCSharp.Describe(d.Activation)} in place: y = f(z) (no z is kept: there is no backward pass).");
            if (d.Activation == Activation.Swish)
            {
                // A learned beta is a constant at inference: the file's {layer}.beta, where the trainable model reads its arena.
                w.Line(d.Act.HasParameter
                    ? $"const float beta = {Literal(layer.ActivationParameter[0])}; // {d.Name}.beta, learned, from the weights file"
                    : $"const float beta = {Literal(d.Act.Beta)};");
            }
            if (d.Activation == Activation.RRelu) w.Line("const bool training = false;");
            if (d.Activation == Activation.PRelu)
            {
                using (w.Block($"fixed (float* alpha = {d.MethodStem}Alpha) // {d.Name}.alpha, learned, from the weights file")) WriteRows(w, d);
            }
            else
            {
                WriteRows(w, d);
            }
        }

        private static void WriteRows(CodeWriter w, DensePlan d)
        {
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* yn = y + n * {d.PaddedUnits};");
                w.Line($"for (int j = 0; j < {d.Units}; j++) yn[j] = {ActivationCSharp.ForwardOfZ(d, "yn[j]")};");
            }
        }

        /// <summary>
        /// The packed kernel and the padded bias as <c>ReadOnlySpan&lt;float&gt; =&gt; new float[] { ... }</c>: the
        /// compiler stores the array's bytes in the assembly and, on .NET 7+, returns a span over them in place
        /// (RuntimeHelpers.CreateSpan: aligned to 4 bytes, no allocation, no copy); the kernels read it with unaligned loads.
        /// </summary>
        private static void WriteData(CodeWriter w, FrozenDense layer)
        {
            DensePlan d = layer.Dense;
            w.Line($"/// <summary>{d.Name}.kernel [{d.Inputs}, {d.Units}] packed in panels of 32 columns (padded to {d.PaddedUnits}): {layer.Kernel.Count.ToString("N0", CultureInfo.InvariantCulture)} floats.</summary>");
            WriteFloats(w, $"{d.MethodStem}Kernel", layer.Kernel);
            if (d.UseBias)
            {
                w.Line($"/// <summary>{d.Name}.bias [{d.Units}], padded with zeros to {d.PaddedUnits}.</summary>");
                WriteFloats(w, $"{d.MethodStem}Bias", layer.Bias);
            }
        }

        internal static void WriteFloats(CodeWriter w, string name, Helpers.EquatableArray<float> values)
        {
            w.Line($"private static global::System.ReadOnlySpan<float> {name} => new float[]");
            w.Line("{");
            var line = new StringBuilder();
            for (int i = 0; i < values.Count; i++)
            {
                line.Append(Literal(values[i])).Append(',');
                if (i % 16 == 15 || i == values.Count - 1)
                {
                    w.Line("    " + line.ToString());
                    line.Clear();
                }
                else
                {
                    line.Append(' ');
                }
            }
            w.Line("};");
            w.Line();
        }

        /// <summary>All panels on this thread, through the trainable model's micro-kernels (DenseCSharp.WritePanels).</summary>
        private static void WritePanels(CodeWriter w, DensePlan d, (int Kernel, int Bias)? aligned)
        {
            using (aligned is null
                ? w.Block(d.UseBias ? $"fixed (float* w = {d.MethodStem}Kernel, b = {d.MethodStem}Bias)" : $"fixed (float* w = {d.MethodStem}Kernel)")
                : w.Open())
            {
                if (aligned is { } at)
                {
                    w.Line($"// The aligned copy of {d.MethodStem}Kernel{(d.UseBias ? $" and {d.MethodStem}Bias" : "")} (AlignWeights = true): every offset a multiple of 16 floats.");
                    w.Line($"float* w = s_weights + {at.Kernel}{(d.UseBias ? $", b = s_weights + {at.Bias}" : "")};");
                }
                // WritePanels loops over panels [first, end): here all of them, on this thread.
                w.Line(d.FullPanels > 0 ? $"const int first = 0, end = {DenseCSharp.TotalPanels(d)};" : $"const int end = {DenseCSharp.TotalPanels(d)};");
                DenseCSharp.WritePathSwitch(w, isa => DenseCSharp.WritePanels(w, d, isa, (rows, width, panel, m) =>
                {
                    string args = $"y + {m} * {d.PaddedUnits} + {Times(panel, 32)}, x + {m} * {d.InputStride}, w + {Times(panel, 32 * d.Inputs)}";
                    return $"{DenseCSharp.ForwardName(d, isa, rows, width)}({args}{(d.UseBias ? $", b + {Times(panel, 32)}" : "")});";
                }, "m", "count"));
            }
        }

        /// <summary>
        /// Straight-line code per sample with the weights as vector literals: the trainable model's unrolled forward
        /// pass (the same chains, order and final sum), with each <c>Load(w + offset)</c> replaced by the vector it
        /// would load.
        /// </summary>
        private static void WriteUnrolled(CodeWriter w, FrozenDense layer) => DenseCSharp.WriteUnrolledForward(w, layer.Dense,
            weights: (isa, offset) => Vector(isa, i => layer.Kernel[offset + i]),
            bias: (isa, offset) => Vector(isa, i => layer.Bias[offset + i]),
            note: "; weights inline");

        /// <summary>A vector of constants; all zeros is the ISA's zero.</summary>
        private static string Vector(VectorIsa isa, System.Func<int, float> lane)
        {
            var values = new string[isa.Lanes];
            bool zero = true;
            for (int i = 0; i < values.Length; i++)
            {
                float x = lane(i);
                zero &= System.BitConverter.ToInt32(System.BitConverter.GetBytes(x), 0) == 0; // +0 only: -0 would change a sign
                values[i] = Literal(x);
            }
            return zero ? isa.Zero : $"global::System.Runtime.Intrinsics.Vector{isa.Lanes * 32}.Create({string.Join(", ", values)})";
        }

        /// <summary>A float literal that reads back to the same bits ("R"; non-finite values by name).</summary>
        public static string Literal(float value) =>
            float.IsNaN(value) ? "float.NaN"
            : float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
            : float.IsNegativeInfinity(value) ? "float.NegativeInfinity"
            : value.ToString("R", CultureInfo.InvariantCulture) + "f";

        private static string Times(string panel, int factor) =>
            int.TryParse(panel, out int constant) ? (constant * factor).ToString(CultureInfo.InvariantCulture) : $"{panel} * {factor}";
    }
}
