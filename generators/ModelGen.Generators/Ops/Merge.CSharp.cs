using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The merge nodes of a graph in C#, all in one place: Concatenate (along features), Add, Multiply, Average, and a
    /// Flatten node that copies its predecessor's row. Each is a tight loop over the rows, inline in the forward and
    /// backward passes: the rows are short (a layer's width), so a call per node would cost more than the loop.
    /// </summary>
    internal static class MergeCSharp
    {
        /// <summary>The forward loop of merge node <paramref name="i"/>: its row from its inputs' rows.</summary>
        public static void WriteForward(CodeWriter w, ScheduleView g, int i)
        {
            NodePlan node = g.Nodes[i];
            int[] inputs = g.Inputs(i);
            w.Line($"// {node.Name}: {node.Kind} of {string.Join(", ", node.Inputs)} -> [{string.Join(", ", node.OutputShape)}]");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* y = {g.ValueRow(i)};");
                for (int s = 0; s < inputs.Length; s++) w.Line($"float* x{s} = {g.ValueRow(inputs[s])};");
                if (node.Kind == "Concatenate")
                {
                    int column = 0;
                    for (int s = 0; s < inputs.Length; s++)
                    {
                        w.Line($"for (int j = 0; j < {g.Used(inputs[s])}; j++) y[{ScheduleView.Plus("j", column)}] = x{s}[j];");
                        column += g.Used(inputs[s]);
                    }
                    return;
                }
                // Add, Multiply, Average; Flatten is the one-input case (a copy of the row).
                string op = node.Kind == "Multiply" ? " * " : " + ";
                string sum = string.Join(op, Enumerable.Range(0, inputs.Length).Select(s => $"x{s}[j]"));
                if (node.Kind == "Average") sum = $"({sum}) / {inputs.Length}f";
                w.Line($"for (int j = 0; j < {g.Used(i)}; j++) y[j] = {sum};");
            }
        }

        /// <summary>
        /// The backward loop of merge node <paramref name="i"/>: each input's share of its gradient, written when it is
        /// the first contribution to that input (recorded in <paramref name="written"/>), added otherwise.
        /// </summary>
        public static void WriteBackward(CodeWriter w, ScheduleView g, int i, HashSet<int> written)
        {
            NodePlan node = g.Nodes[i];
            int[] inputs = g.Inputs(i);
            w.Line($"// {node.Name}: {node.Kind} backward");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* dy = {g.Gradient(i)} + n * {g.Stride(i)};");
                if (node.Kind == "Multiply")
                {
                    for (int s = 0; s < inputs.Length; s++) w.Line($"float* x{s} = {g.ValueRow(inputs[s])};");
                }
                int column = 0;
                for (int s = 0; s < inputs.Length; s++)
                {
                    int p = inputs[s];
                    int used = g.Used(p);
                    if (!g.NoGradient(p))
                    {
                        bool first = written.Add(p);
                        string expression = node.Kind switch
                        {
                            "Concatenate" => $"dy[{ScheduleView.Plus("j", column)}]",
                            "Add" or "Flatten" => "dy[j]",
                            "Average" => $"dy[j] / {inputs.Length}f",
                            _ => "dy[j]" + string.Concat(Enumerable.Range(0, inputs.Length).Where(o => o != s).Select(o => $" * x{o}[j]")),
                        };
                        w.Line($"float* dx{s} = {g.Gradient(p)} + n * {g.Stride(p)};");
                        w.Line($"for (int j = 0; j < {used}; j++) dx{s}[j] {(first ? "=" : "+=")} {expression};");
                        if (first && g.Stride(p) > used && g.GradientShared(p)) w.Line($"for (int j = {used}; j < {g.Stride(p)}; j++) dx{s}[j] = 0f;");
                    }
                    column += used;
                }
            }
        }
    }
}
