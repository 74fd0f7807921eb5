using System.Linq;
using ModelGen.Generators.Ops;

namespace ModelGen.Generators.Emit
{
    /// <summary>
    /// The typed API of a functional model: <c>PackInputs</c>/<c>PackTargets</c> (per-node arrays to
    /// the packed rows the base class trains on), and, with several inputs or outputs, a <c>Fit</c> that takes a tuple
    /// per side and a <c>Predict</c> with one span per node, as Keras' <c>fit([a, b], [y1, y2])</c>.
    /// </summary>
    internal static class TypedGraphApi
    {
        public static void Write(CodeWriter w, ScheduleView g)
        {
            int[] ins = Enumerable.Range(0, g.Nodes.Length).Where(g.IsInput).ToArray();
            int[] outs = g.Outputs.ToArray();
            WritePack(w, g, "PackInputs", "inputs", ins, g.Plan.InputSize, i => g.G.InputColumns[i]);
            WritePack(w, g, "PackTargets", "targets", outs, g.G.TargetSize, i => g.G.TargetColumns[i]);
            if (ins.Length == 1 && outs.Length == 1) return; // the base class's Fit and Predict already take one array each

            string Tuple(int[] nodes) => nodes.Length == 1 ? $"{SparseTargetsCSharp.ArrayType(g.Nodes[nodes[0]])} {g.Nodes[nodes[0]].Name}" : "(" + string.Join(", ", nodes.Select(i => $"{SparseTargetsCSharp.ArrayType(g.Nodes[i])} {g.Nodes[i].Name}")) + ")";
            string Args(string tuple, int[] nodes) => nodes.Length == 1 ? tuple : string.Join(", ", nodes.Select(i => $"{tuple}.{g.Nodes[i].Name}"));
            w.Line("/// <summary>");
            w.Line($"/// Trains on per-node arrays, as Keras' <c>fit([{string.Join(", ", ins.Select(i => g.Nodes[i].Name))}], [{string.Join(", ", outs.Select(i => g.Nodes[i].Name))}])</c>:");
            w.Line("/// packs them into rows (once per call) and runs the base class's Fit; History's \"loss\" is the weighted total.");
            w.Line("/// </summary>");
            string xType = ins.Length == 1 ? "float[] x" : Tuple(ins) + " x";
            string yType = outs.Length == 1 ? $"{SparseTargetsCSharp.ArrayType(g.Nodes[outs[0]])} y" : Tuple(outs) + " y";
            using (w.Block($"public global::ModelGen.History Fit({xType}, {yType}, int epochs = 1, int batchSize = 32, bool shuffle = true, bool verbose = true)"))
            {
                w.Line($"return Fit(PackInputs({Args("x", ins)}), PackTargets({Args("y", outs)}), epochs, batchSize, null, shuffle, verbose);");
            }
            w.Line();
            w.Line("/// <summary>Runs one sample: one span per input node in, one span per output node out. Allocation-free (the packed rows are on the stack).</summary>");
            string parameters = string.Join(", ", ins.Select(i => $"global::System.ReadOnlySpan<float> {g.Nodes[i].Name}").Concat(outs.Select(i => $"global::System.Span<float> {g.Nodes[i].Name}")));
            using (w.Block($"public void Predict({parameters})"))
            {
                w.Line($"global::System.Span<float> packedInput = stackalloc float[{g.Plan.InputSize}];");
                w.Line($"global::System.Span<float> packedOutput = stackalloc float[{g.Plan.OutputSize}];");
                foreach (int i in ins.Concat(outs))
                {
                    w.Line($"if ({g.Nodes[i].Name}.Length != {g.Used(i)}) throw new global::System.ArgumentException(\"{g.Nodes[i].Name} holds {g.Used(i)} floats per sample, not \" + {g.Nodes[i].Name}.Length + \".\", nameof({g.Nodes[i].Name}));");
                }
                foreach (int i in ins) w.Line($"{g.Nodes[i].Name}.CopyTo(packedInput.Slice({g.G.InputColumns[i]}, {g.Used(i)}));");
                w.Line("Predict(packedInput, packedOutput);");
                foreach (int i in outs) w.Line($"packedOutput.Slice({g.G.OutputColumns[i]}, {g.Used(i)}).CopyTo({g.Nodes[i].Name});");
            }
            w.Line();
        }

        private static void WritePack(CodeWriter w, ScheduleView g, string name, string what, int[] nodes, int total, System.Func<int, int> column)
        {
            w.Line($"/// <summary>Packs per-node {what} ([n, width] each, row-major) into rows of {total}: {string.Join(", ", nodes.Select(i => $"{g.Nodes[i].Name} at {column(i)}"))}.</summary>");
            using (w.Block($"public static float[] {name}({string.Join(", ", nodes.Select(i => $"{SparseTargetsCSharp.ArrayType(g.Nodes[i])} {g.Nodes[i].Name}"))})"))
            {
                int first = nodes[0];
                int Width(int i) => SparseTargetsCSharp.TakesLabels(g.Nodes[i]) ? 1 : g.Used(i);
                w.Line($"int count = {g.Nodes[first].Name}.Length / {Width(first)};");
                foreach (int i in nodes.Where(i => !SparseTargetsCSharp.TakesLabels(g.Nodes[i])))
                {
                    w.Line($"if ({g.Nodes[i].Name}.Length != count * {g.Used(i)}) throw new global::System.ArgumentException(\"{g.Nodes[i].Name} must hold \" + count + \" rows of {g.Used(i)} floats.\", nameof({g.Nodes[i].Name}));");
                }
                w.Line($"var packed = new float[count * {total}];");
                int[] rows = nodes.Where(i => !SparseTargetsCSharp.TakesLabels(g.Nodes[i])).ToArray();
                if (rows.Length > 0)
                {
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        foreach (int i in rows) w.Line($"global::System.Array.Copy({g.Nodes[i].Name}, n * {g.Used(i)}, packed, {ScheduleView.Plus($"n * {total}", column(i))}, {g.Used(i)});");
                    }
                }
                foreach (int i in nodes.Where(i => SparseTargetsCSharp.TakesLabels(g.Nodes[i]))) SparseTargetsCSharp.WritePackLabels(w, g.Nodes[i], "packed", total, column(i), g.Used(i));
                w.Line("return packed;");
            }
            w.Line();
        }
    }
}
