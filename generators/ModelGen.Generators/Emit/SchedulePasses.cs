using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Ops;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Emit
{
    /// <summary>
    /// The forward and backward passes of every model, sequential or functional: the forward pass walks the graph
    /// schedule (a sequential model's is a chain), the backward pass walks it in reverse. Each node kind's code comes
    /// from its op (Dense and batch normalization: calls of their fused steps; Normalization; merges, inline loops).
    /// A node read by several nodes receives the sum of their gradients: the first contribution (in backward order)
    /// writes its buffer, later ones add to it, so no gradient buffer needs zeroing per step.
    /// </summary>
    internal static class SchedulePasses
    {
        public static void WriteForward(CodeWriter w, ScheduleView g)
        {
            using (w.Block("protected override void Forward(float* input, int count)"))
            {
                if (g.G.IsFunctional)
                {
                    w.Line($"// The schedule, in order; input rows hold {g.Plan.InputSize} floats: {string.Join(", ", Enumerable.Range(0, g.Nodes.Length).Where(g.IsInput).Select(i => $"{g.Nodes[i].Name} at {g.G.InputColumns[i]}"))}.");
                }
                bool foldWritten = false;
                for (int i = 0; i < g.Nodes.Length; i++)
                {
                    NodePlan node = g.Nodes[i];
                    if (g.IsInput(i) || g.Aliases(i)) continue;
                    int[] inputs = g.Inputs(i);
                    string reads = inputs[0] == i - 1 && inputs.Length == 1 ? "" : $", reads {node.Inputs[0]}";
                    switch (node.Kind)
                    {
                        case "Dense":
                            if (!foldWritten)
                            {
                                // Inference with folded batch normalizations replaces every Dense step, so it starts where the first would.
                                BatchNormCSharp.WriteFoldedInference(w, g.Plan);
                                foldWritten = true;
                            }
                            DensePlan d = g.Dense[node.Name];
                            w.Line($"// {ModelEmitter.Describe(d)}{reads}");
                            w.Line($"{d.MethodStem}Forward({g.Value(i)}, {g.Value(inputs[0])}, count);");
                            break;
                        case "BatchNormalization":
                            BatchNormCSharp.WriteForwardCall(w, g.NormalizedBy[node.Name]);
                            break;
                        case "Normalization":
                            NormalizationPlan norm = g.Norm[node.Name];
                            w.Line($"// {NormalizationCSharp.Describe(norm)}{reads}");
                            w.Line(NormalizationCSharp.ForwardCall(norm, g.Value(i), g.Value(inputs[0])));
                            break;
                        default:
                            MergeCSharp.WriteForward(w, g, i);
                            break;
                    }
                }
                int[] copied = g.Outputs.Where(i => g.G.OutputColumns[i] >= 0 && g.Nodes[i].ValueBuffer != g.G.PackedOutputBuffer).ToArray();
                if (copied.Length > 0) w.Line($"// Outputs side by side in the packed output rows ({g.Plan.OutputStride} floats), as Predict returns them.");
                foreach (int i in copied)
                {
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line($"float* y = {g.ValueRow(i)};");
                        w.Line($"float* packed = Output + {ScheduleView.Plus($"n * {g.Plan.OutputStride}", g.G.OutputColumns[i])};");
                        w.Line($"for (int j = 0; j < {g.Used(i)}; j++) packed[j] = y[j];");
                    }
                }
            }
            w.Line();
            w.Line($"protected override float* Output => {ModelEmitter.Buffer(g.G.PackedOutputBuffer)};");
            w.Line();
        }

        public static void WriteBackward(CodeWriter w, ScheduleView g)
        {
            var written = new HashSet<int>(g.Outputs);
            using (w.Block("protected override void Backward(float* input, int count)"))
            {
                if (g.G.IsFunctional)
                {
                    w.Line("// Loss gradients into the outputs' gradient rows (written, so reused buffers need no zeroing).");
                    foreach (GraphLossCSharp.Output o in ModelEmitter.LossOutputs(g))
                    {
                        using (w.Open()) GraphLossCSharp.WriteGradient(w, o);
                    }
                    w.Line("// Each node in reverse schedule order, Dense steps as (dx, x, y, dy, count): the first gradient contribution to a node writes, later ones add.");
                }
                else
                {
                    w.Line("// Loss gradient, then each layer in reverse order: (dx, x, y, dy, count).");
                    w.Line($"LossGradient({g.Gradient(g.Outputs.Single())}, count);");
                }
                for (int i = g.Nodes.Length - 1; i >= 0; i--)
                {
                    if (g.IsInput(i) || g.Aliases(i)) continue;
                    NodePlan node = g.Nodes[i];
                    switch (node.Kind)
                    {
                        case "Dense":
                            WriteDenseBackward(w, g, i, written);
                            break;
                        case "BatchNormalization":
                            BatchNormCSharp.WriteBackwardCall(w, g.NormalizedBy[node.Name]);
                            written.Add(g.Inputs(i)[0]); // its Dense node's only reader
                            WritePaddingZeroing(w, g, g.Inputs(i)[0]);
                            break;
                        case "Normalization":
                            WriteNormalizationBackward(w, g, i, written);
                            break;
                        default:
                            MergeCSharp.WriteBackward(w, g, i, written);
                            break;
                    }
                }
            }
            w.Line();
        }

        /// <summary>
        /// Zeroes the padding columns of node <paramref name="i"/>'s gradient rows after a step that writes only its
        /// used columns, when another node's gradient may have left numbers there (a buffer reused by lifetime).
        /// </summary>
        private static void WritePaddingZeroing(CodeWriter w, ScheduleView g, int i)
        {
            int width = g.Stride(i), used = g.Used(i);
            if (width == used || !g.GradientShared(i)) return;
            // The step leaves the padding unwritten; a reused buffer may hold another node's numbers there.
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* dx = {g.Gradient(i)} + n * {width};");
                w.Line($"for (int j = {used}; j < {width}; j++) dx[j] = 0f;");
            }
        }

        private static void WriteDenseBackward(CodeWriter w, ScheduleView g, int i, HashSet<int> written)
        {
            DensePlan d = g.Dense[g.Nodes[i].Name];
            if (!d.NeedsBackward)
            {
                w.Line($"// {d.Name}: frozen (Trainable = false) with no trainable layer before it: no backward at all.");
                return;
            }
            // dx: none for a step whose input takes no gradient; the input's rows for the first contribution to
            // them; the scratch rows, added afterwards, for a later one.
            int from = g.Inputs(i)[0];
            bool first = !d.IsFirst && written.Add(from);
            string scratch = ModelEmitter.Buffer(g.G.ScratchBuffer);
            string dx = d.IsFirst ? "null" : first ? g.Gradient(from) : scratch;
            w.Line($"{d.MethodStem}Backward({dx}, {g.Value(from)}, {g.Value(i)}, {g.Gradient(i)}, count);");
            foreach (string line in RegularizationCSharp.BackwardLines(g.Plan, d)) w.Line($"if (!FrozenAtRunTime[{g.Flag[d.Name]}]) {line}");
            if (d.IsFirst) return;
            if (first)
            {
                WritePaddingZeroing(w, g, from);
                return;
            }
            int width = g.Stride(from), used = g.Used(from);
            w.Line($"// {g.Nodes[from].Name} has several consumers: add this contribution.");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* dx = {g.Gradient(from)} + n * {width};");
                w.Line($"float* c = {scratch} + n * {width};");
                w.Line($"for (int j = 0; j < {used}; j++) dx[j] += c[j];");
            }
        }

        private static void WriteNormalizationBackward(CodeWriter w, ScheduleView g, int i, HashSet<int> written)
        {
            NormalizationPlan norm = g.Norm[g.Nodes[i].Name];
            int from = g.Inputs(i)[0];
            if (g.NoGradient(from))
            {
                w.Line($"// {norm.Name}: {(g.IsInput(from) ? "Normalization of an input" : $"reads {g.Nodes[from].Name}, which takes no gradient")}: no gradient to pass on.");
                return;
            }
            bool first = written.Add(from);
            w.Line($"// {norm.Name}: Normalization backward, dx = dy / max(sqrt(variance), 1e-7){(first ? "" : $", added: {g.Nodes[from].Name} has several consumers")}");
            w.Line(NormalizationCSharp.BackwardCall(norm, g.Gradient(from), g.Gradient(i), add: !first));
            if (first) WritePaddingZeroing(w, g, from);
        }
    }
}
