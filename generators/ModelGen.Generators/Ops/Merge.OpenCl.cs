using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// A functional model's merge nodes (Concatenate, Add, Multiply, Average, and Flatten as a one-input copy) in
    /// OpenCL C, the same row loops as the C# path (<c>GraphEmitter</c>): one work-item per sample, every width and
    /// offset a constant. Values and gradients are per-sample offsets into the activation buffer, scaled by the
    /// capacity the host passes; an input node's value is its columns of the packed input row. Backward follows the
    /// C# path's fan-in rule: the first gradient contribution to a node (in backward order) writes its rows and zeroes
    /// their padding (a buffer reused by lifetime may hold another node's numbers there), later ones add. Also the two
    /// row helpers the Dense input gradients of a fan-out need (add the scratch row, zero the padding).
    /// </summary>
    public static class MergeOpenCl
    {
        /// <summary>Work-items per group.</summary>
        public const int Group = 64;

        /// <summary>Adds the scratch rows into a node's gradient rows (a Dense input gradient that is not the first contribution).</summary>
        public const string AddRowsKernel = "graph_add_rows";

        /// <summary>Zeroes the padding columns of gradient rows a Dense input gradient wrote first.</summary>
        public const string ZeroPaddingKernel = "graph_zero_padding";

        /// <summary>One input of a merge as its kernels read it.</summary>
        /// <param name="Name">The input node's name (comments).</param>
        /// <param name="Value">Its first value row: <c>input + column</c> for an input node, else <c>act + capacity * offset</c>.</param>
        /// <param name="Stride">Floats between its value rows (the packed input width for an input node).</param>
        /// <param name="Used">Its floats per sample.</param>
        /// <param name="Gradient">Per-sample offset of its gradient rows, or -1 when it takes none (an input, or a Normalization of one).</param>
        /// <param name="Width">Its padded row width (the gradient rows' stride).</param>
        /// <param name="First">Whether this merge's contribution is the first to reach it in backward order (written, not added).</param>
        public sealed record Input(string Name, string Value, int Stride, int Used, int Gradient, int Width, bool First);

        /// <summary>The forward kernel's name.</summary>
        public static string ForwardKernel(string node) => node.ToLowerInvariant() + "_forward";

        /// <summary>The backward kernel's name.</summary>
        public static string BackwardKernel(string node) => node.ToLowerInvariant() + "_backward";

        /// <summary>Whether the merge passes a gradient to any input (else it has no backward kernel).</summary>
        public static bool HasBackward(IReadOnlyList<Input> inputs) => inputs.Any(x => x.Gradient >= 0);

        /// <summary>The forward kernel: y = the merge of the inputs over the node's used columns.</summary>
        public static void WriteForward(CodeWriter w, string node, string kind, IReadOnlyList<Input> inputs, int value, int width, int used)
        {
            w.Line($"// ---- {node}: {kind} of {string.Join(", ", inputs.Select(x => x.Name))} -> [{used}], y rows {width} floats at {value} ----");
            using (w.Block($"__kernel void {ForwardKernel(node)}(__global const float* input, __global float* act, const int capacity, const int count)"))
            {
                w.Line("const int m = get_global_id(0);");
                w.Line("if (m >= count) return;");
                w.Line($"__global float* y = act + capacity * {value} + m * {width};");
                for (int s = 0; s < inputs.Count; s++) w.Line($"__global const float* x{s} = {inputs[s].Value} + m * {inputs[s].Stride};");
                if (kind == "Concatenate")
                {
                    int column = 0;
                    for (int s = 0; s < inputs.Count; s++)
                    {
                        w.Line($"for (int j = 0; j < {inputs[s].Used}; j++) y[{Plus("j", column)}] = x{s}[j];");
                        column += inputs[s].Used;
                    }
                }
                else
                {
                    // Add, Multiply, Average; Flatten is the one-input case (a copy of the row).
                    string op = kind == "Multiply" ? " * " : " + ";
                    string sum = string.Join(op, Enumerable.Range(0, inputs.Count).Select(s => $"x{s}[j]"));
                    if (kind == "Average") sum = $"({sum}) / {inputs.Count}.0f";
                    w.Line($"for (int j = 0; j < {used}; j++) y[j] = {sum};");
                }
            }
            w.Line();
        }

        /// <summary>The backward kernel: each input's share of dy, written or added by <see cref="Input.First"/>.</summary>
        public static void WriteBackward(CodeWriter w, string node, string kind, IReadOnlyList<Input> inputs, int gradient, int width)
        {
            w.Line($"// {node} backward: {string.Join(", ", inputs.Where(x => x.Gradient >= 0).Select(x => $"{x.Name} {(x.First ? "written" : "added")}"))}.");
            using (w.Block($"__kernel void {BackwardKernel(node)}(__global const float* input, __global float* act, const int capacity, const int count)"))
            {
                w.Line("const int m = get_global_id(0);");
                w.Line("if (m >= count) return;");
                w.Line($"__global const float* dy = act + capacity * {gradient} + m * {width};");
                if (kind == "Multiply")
                {
                    for (int s = 0; s < inputs.Count; s++) w.Line($"__global const float* x{s} = {inputs[s].Value} + m * {inputs[s].Stride};");
                }
                int column = 0;
                for (int s = 0; s < inputs.Count; s++)
                {
                    Input x = inputs[s];
                    if (x.Gradient >= 0)
                    {
                        string expression = kind switch
                        {
                            "Concatenate" => $"dy[{Plus("j", column)}]",
                            "Add" or "Flatten" => "dy[j]",
                            "Average" => $"dy[j] / {inputs.Count}.0f",
                            _ => "dy[j]" + string.Concat(Enumerable.Range(0, inputs.Count).Where(o => o != s).Select(o => $" * x{o}[j]")),
                        };
                        w.Line($"__global float* dx{s} = act + capacity * {x.Gradient} + m * {x.Width};");
                        w.Line($"for (int j = 0; j < {x.Used}; j++) dx{s}[j] {(x.First ? "=" : "+=")} {expression};");
                        if (x.First && x.Width > x.Used) w.Line($"for (int j = {x.Used}; j < {x.Width}; j++) dx{s}[j] = 0.0f;");
                    }
                    column += x.Used;
                }
            }
            w.Line();
        }

        /// <summary>The two fan-in helpers of the Dense input gradients (see <see cref="AddRowsKernel"/>, <see cref="ZeroPaddingKernel"/>).</summary>
        public static void WriteRowHelpers(CodeWriter w, bool addRows, bool zeroPadding)
        {
            if (addRows)
            {
                w.Line("// A node read by several nodes: a later Dense input gradient went to the scratch rows; add it (used columns only).");
                using (w.Block($"__kernel void {AddRowsKernel}(__global float* act, const int dst_offset, const int src_offset, const int stride, const int used, const int count)"))
                {
                    w.Line("const int e = get_global_id(0);");
                    w.Line("if (e >= count * used) return;");
                    w.Line("const int m = e / used, j = e % used;");
                    w.Line("act[dst_offset + m * stride + j] += act[src_offset + m * stride + j];");
                }
                w.Line();
            }
            if (zeroPadding)
            {
                w.Line("// The Dense input gradient leaves the padding columns unwritten; a reused buffer may hold another node's numbers there.");
                using (w.Block($"__kernel void {ZeroPaddingKernel}(__global float* act, const int offset, const int stride, const int used, const int count)"))
                {
                    w.Line("const int e = get_global_id(0), pad = stride - used;");
                    w.Line("if (e >= count * pad) return;");
                    w.Line("act[offset + (e / pad) * stride + used + e % pad] = 0.0f;");
                }
                w.Line();
            }
        }

        private static string Plus(string expression, int offset) => offset == 0 ? expression : $"{expression} + {offset}";
    }
}
