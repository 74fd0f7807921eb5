using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Ops;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Emit
{
    /// <summary>
    /// The host passes of <see cref="OpenClEmitter"/>, for both kinds of model: forward in schedule order, the loss,
    /// backward in reverse schedule order (each node's launches from its op), the optimizer and the fused training step.
    /// </summary>
    public static partial class OpenClEmitter
    {
        private static void WriteForward(CodeWriter w, OpenClScheduleView g, IReadOnlyList<string> names)
        {
            ModelPlan plan = g.Plan;
            using (w.Block("protected override void EnqueueForward(global::ModelGen.OpenClSession cl, int count)"))
            {
                if (FusedMlpOpenCl.Applies(plan))
                {
                    // Training passes normally run the fused training kernel; one that cannot (a layer frozen at run
                    // time) needs every layer's output kept for its backward pass, so it takes the per-layer kernels.
                    using (w.Block("if (!Training)"))
                    {
                        w.Line("// Small enough for the fully fused forward pass: one launch for every layer.");
                        Launch(w, names, FusedMlpOpenCl.ForwardKernel, new[] { "cl.Input", "cl.Activations", Offset(plan.DenseSteps.Last().OutputBuffer), "cl.Parameters", "count" },
                            $"(count + {FusedMlpOpenCl.Group - 1}) / {FusedMlpOpenCl.Group} * {FusedMlpOpenCl.Group}, {FusedMlpOpenCl.Group}");
                        w.Line("return;");
                    }
                }
                w.Line($"int rows = (count + {DenseOpenCl.Tile - 1}) / {DenseOpenCl.Tile} * {DenseOpenCl.Tile}, items = (count + {Group - 1}) / {Group} * {Group};");
                if (g.Functional)
                {
                    w.Line($"// The schedule, in order; input rows hold {plan.InputSize} floats: {string.Join(", ", Enumerable.Range(0, g.Nodes.Length).Where(g.S.IsInput).Select(i => $"{g.Nodes[i].Name} at {g.G.InputColumns[i]}"))}.");
                }
                for (int i = 0; i < g.Nodes.Length; i++)
                {
                    if (g.Skipped(i)) continue;
                    NodePlan node = g.Nodes[i];
                    int from = g.From(i);
                    // A chain reads the node before it; a functional node names what it reads.
                    string reads = g.Functional ? $", reads {node.Inputs[0]}" : "";
                    if (node.Kind == "BatchNormalization")
                    {
                        DensePlan d = g.NormalizedBy[node.Name];
                        BatchNormOpenCl.WriteForwardLaunch(w, d, names);
                        WriteDropoutForward(w, d, names);
                    }
                    else if (node.Kind == "Dense")
                    {
                        DensePlan d = g.Dense[node.Name];
                        string s = DenseOpenCl.Prefix(d);
                        var (x, xOffset) = g.HostValue(from);
                        w.Line($"// {d.Name}: Dense [{d.Inputs}] -> [{d.Units}], {ActivationCSharp.Describe(d.Activation)}{reads}");
                        Launch(w, names, s + "_forward", new[] { x, xOffset, "cl.Activations", Offset(d.OutputBuffer), "cl.Parameters", "count" }
                            .Concat(ActivationOpenCl.ForwardArguments(d, Offset)).ToArray(),
                            $"{Round(d.Units)}, rows, {DenseOpenCl.Tile}, {DenseOpenCl.Tile}");
                        if (d.Activation == Activation.Softmax)
                        {
                            Launch(w, names, s + "_softmax", new[] { "cl.Activations", Offset(d.OutputBuffer), "count" }, $"items, {Group}");
                        }
                        // A batch-normalized step's dropout follows the batch normalization, at its node.
                        if (d.BatchNorm is null) WriteDropoutForward(w, d, names);
                    }
                    else if (node.Kind == "Normalization")
                    {
                        NormalizationPlan n = g.Norm[node.Name];
                        var (x, xOffset) = g.HostValue(from);
                        w.Line($"// {NormalizationCSharp.Describe(n)}{reads}");
                        Launch(w, names, NormalizationOpenCl.KernelName(n), new[] { x, xOffset, "cl.Activations", Offset(n.OutputBuffer), "cl.Parameters", "count" },
                            $"{NormalizationOpenCl.GlobalSize(n)}, {NormalizationOpenCl.Group}");
                    }
                    else
                    {
                        w.Line($"// {node.Name}: {node.Kind} of {string.Join(", ", node.Inputs)} -> [{string.Join(", ", node.OutputShape)}]");
                        Launch(w, names, MergeOpenCl.ForwardKernel(node.Name), new[] { "cl.Input", "cl.Activations", "cl.Capacity", "count" }, $"items, {MergeOpenCl.Group}");
                    }
                }
                if (g.Functional)
                {
                    w.Line($"// Outputs side by side in the packed output rows ({plan.OutputStride} floats), as Predict reads them.");
                    Launch(w, names, GraphLossOpenCl.PackKernelName, new[] { "cl.Input", "cl.Activations", "cl.Capacity", "count" }, $"items, {Group}");
                }
            }
            w.Line();
        }

        private static void WriteDropoutForward(CodeWriter w, DensePlan d, IReadOnlyList<string> names)
        {
            if (!DropoutOpenCl.Applies(d)) return;
            var (arguments, sizes) = DropoutOpenCl.ForwardLaunch(d, Offset, Group);
            w.Line("if (Training) // dropout acts only in a training forward pass");
            Launch(w, names, DropoutOpenCl.ForwardKernel(d), arguments, sizes);
        }

        /// <summary>The loss op by kind: a sequential model's one loss (fused with its last layer), or every output's, weighted.</summary>
        private static void WriteLoss(CodeWriter w, OpenClScheduleView g, IReadOnlyList<string> names)
        {
            ModelPlan plan = g.Plan;
            using (w.Block("protected override void EnqueueLoss(global::ModelGen.OpenClSession cl, int count)"))
            {
                w.Line($"int items = (count + {Group - 1}) / {Group} * {Group};");
                if (g.Functional)
                {
                    w.Line($"// Each output's loss, weighted and summed per sample, and its History terms into cl.Metrics ({LossOpenCl.MetricColumns + g.EntryCount} floats a row); weight · dL/dy into its gradient rows.");
                    Launch(w, names, GraphLossOpenCl.KernelName, new[] { "cl.Input", "cl.Activations", "cl.Capacity", "cl.Targets", "cl.Metrics", "count" }, $"items, {Group}");
                }
                else
                {
                    DensePlan last = plan.DenseSteps.Last();
                    w.Line("// Per-sample loss and correctness into cl.Metrics, and the loss gradient into the last layer's delta rows.");
                    Launch(w, names, LossOpenCl.KernelName,
                        new[] { "cl.Activations", Offset(last.OutputBuffer), "cl.Activations", Offset(last.DeltaBuffer), "cl.Labels", "cl.Targets", "cl.Metrics", "count" },
                        $"items, {Group}");
                }
                RegularizationOpenCl.WritePenaltyLaunch(w, plan, names);
            }
            w.Line();
        }

        private static void WriteBackward(CodeWriter w, OpenClScheduleView g, IReadOnlyList<string> names)
        {
            using (w.Block("protected override void EnqueueBackward(global::ModelGen.OpenClSession cl, int count)"))
            {
                w.Line($"int rows = (count + {DenseOpenCl.Tile - 1}) / {DenseOpenCl.Tile} * {DenseOpenCl.Tile}, items = (count + {Group - 1}) / {Group} * {Group};");
                if (g.Functional) w.Line("// Each node in reverse schedule order: the first gradient contribution to a node writes, later ones add.");
                for (int i = g.Nodes.Length - 1; i >= 0; i--)
                {
                    if (g.Skipped(i)) continue;
                    NodePlan node = g.Nodes[i];
                    int from = g.From(i);
                    if (node.Kind == "BatchNormalization")
                    {
                        BatchNormOpenCl.WriteBackwardLaunch(w, g.NormalizedBy[node.Name], names);
                        WritePaddingZeroing(w, g, names, from);
                    }
                    else if (node.Kind == "Dense")
                    {
                        WriteDenseBackward(w, g, names, i, from);
                    }
                    else if (node.Kind == "Normalization")
                    {
                        NormalizationPlan n = g.Norm[node.Name];
                        if (g.S.NoGradient(from))
                        {
                            w.Line($"// {n.Name}: {(g.S.IsInput(from) ? "Normalization of an input" : $"reads {g.Nodes[from].Name}, which takes no gradient")}: no gradient to pass on.");
                            continue;
                        }
                        w.Line($"// {n.Name}: Normalization backward{(g.First[i][0] ? "" : $", added: {node.Inputs[0]} has several consumers")}");
                        Launch(w, names, NormalizationOpenCl.BackwardKernelName(n),
                            new[] { "cl.Activations", Offset(g.Gradient(from)), "cl.Activations", Offset(g.Gradient(i)), "cl.Parameters", "count" },
                            $"{NormalizationOpenCl.BackwardGlobalSize(n)}, {NormalizationOpenCl.Group}");
                    }
                    else if (MergeOpenCl.HasBackward(g.MergeInputs(i)))
                    {
                        w.Line($"// {node.Name}: {node.Kind} backward");
                        Launch(w, names, MergeOpenCl.BackwardKernel(node.Name), new[] { "cl.Input", "cl.Activations", "cl.Capacity", "count" }, $"items, {MergeOpenCl.Group}");
                    }
                }
            }
            w.Line();
        }

        private static void WriteDenseBackward(CodeWriter w, OpenClScheduleView g, IReadOnlyList<string> names, int i, int from)
        {
            ModelPlan plan = g.Plan;
            DensePlan d = g.Dense[g.Nodes[i].Name];
            string s = DenseOpenCl.Prefix(d);
            if (!d.NeedsBackward)
            {
                w.Line($"// {d.Name}: frozen (Trainable = false) with no trainable layer before it: no backward at all.");
                return;
            }
            w.Line($"// {d.Name} backward{(g.Functional ? $", reads {g.Nodes[i].Inputs[0]}" : "")}{(d.Frozen ? " (frozen: no kernel or bias gradient)" : "")}");
            if (DropoutOpenCl.Applies(d))
            {
                var (arguments, sizes) = DropoutOpenCl.BackwardLaunch(d, Offset, Group);
                Launch(w, names, DropoutOpenCl.BackwardKernel(d), arguments, sizes);
            }
            // Frozen at run time (Freeze): no gradient for its tensors; Freeze cleared them, so clipping sees zeros.
            string guard = $"if (!FrozenAtRunTime[{g.Flag[d.Name]}])";
            if (ActivationOpenCl.ParameterGradientKernel(d) is { } parameterGradient && names.Contains(parameterGradient))
            {
                var (arguments, sizes) = ActivationOpenCl.ParameterGradientLaunch(d, Offset, Group);
                w.Line(guard);
                Launch(w, names, parameterGradient, arguments, sizes);
            }
            if (names.Contains(s + "_activation_backward"))
            {
                string size = d.Activation == Activation.Softmax ? "items" : $"(count * {d.PaddedUnits} + {Group - 1}) / {Group} * {Group}";
                Launch(w, names, s + "_activation_backward",
                    new[] { "cl.Activations", Offset(d.OutputBuffer), "cl.Activations", Offset(d.DeltaBuffer), "count" }
                        .Concat(ActivationOpenCl.BackwardArguments(d, Offset)).ToArray(), $"{size}, {Group}");
            }
            var (x, xOffset) = g.HostValue(from);
            int rows = d.Inputs + (d.UseBias ? 1 : 0);
            if (!d.Frozen)
            {
                void Gradients()
                {
                    Launch(w, names, s + "_kernel_gradient",
                        new[] { x, xOffset, "cl.Activations", Offset(d.DeltaBuffer), "cl.Gradients", "count" },
                        $"{Round(d.Units)}, {Round(rows)}, {DenseOpenCl.Tile}, {DenseOpenCl.Tile}");
                    RegularizationOpenCl.WriteGradientLaunches(w, plan, d, names);
                }
                // One launch under the guard, or a block of them when penalty gradients follow.
                if (plan.Training.Regularized.Any(r => r.Layer == d.Name))
                {
                    using (w.Block(guard)) Gradients();
                }
                else
                {
                    w.Line(guard);
                    Gradients();
                }
            }
            if (g.S.NoGradient(from)) return;
            bool first = g.First[i][0];
            int target = first ? g.Gradient(from) : g.G.ScratchBuffer;
            Launch(w, names, s + "_input_gradient",
                new[] { "cl.Activations", Offset(d.DeltaBuffer), "cl.Activations", Offset(target), "cl.Parameters", "count" },
                $"{Round(d.Inputs)}, rows, {DenseOpenCl.Tile}, {DenseOpenCl.Tile}", first ? null : "into the scratch rows");
            if (first)
            {
                WritePaddingZeroing(w, g, names, from);
                return;
            }
            int width = g.Nodes[from].Width, used = g.S.Used(from);
            w.Line($"// {g.Nodes[from].Name} has several consumers: add this contribution.");
            Launch(w, names, MergeOpenCl.AddRowsKernel,
                new[] { "cl.Activations", Offset(g.Gradient(from)), Offset(g.G.ScratchBuffer), width.ToString(), used.ToString(), "count" },
                $"(count * {used} + {Group - 1}) / {Group} * {Group}, {Group}", g.Nodes[from].Name);
        }

        /// <summary>
        /// Zeroes the padding columns of node <paramref name="p"/>'s gradient rows after a first write that leaves them,
        /// where another node's gradient may have left numbers there (a buffer reused by lifetime; the CPU's rule).
        /// </summary>
        private static void WritePaddingZeroing(CodeWriter w, OpenClScheduleView g, IReadOnlyList<string> names, int p)
        {
            if (!g.NeedsPaddingZeroed(p)) return;
            int width = g.Nodes[p].Width, used = g.S.Used(p);
            Launch(w, names, MergeOpenCl.ZeroPaddingKernel,
                new[] { "cl.Activations", Offset(g.Gradient(p)), width.ToString(), used.ToString(), "count" },
                $"(count * {width - used} + {Group - 1}) / {Group} * {Group}, {Group}", $"{g.Nodes[p].Name}'s padding");
        }

        /// <summary>The optimizer launches over the trainable segments, each layer's piece guarded by its Freeze flag.</summary>
        private static void WriteOptimizer(CodeWriter w, ModelPlan plan, IReadOnlyList<string> names)
        {
            using (w.Block("protected override void EnqueueOptimizer(global::ModelGen.OpenClSession cl)"))
            {
                RegularizationOpenCl.WriteClipLaunch(w, plan, names);
                OptimizerOpenCl.WriteHostScalars(w, plan.Optimizer);
                int length = plan.Memory.ParameterFloats;
                var segments = plan.Training.TrainableSegments(length);
                foreach (var (flag, first, end) in FreezingCSharp.Split(plan, segments))
                {
                    if (flag >= 0) w.Line($"if (!FrozenAtRunTime[{flag}]) // run-time Freeze: no update, state untouched");
                    Launch(w, names, OptimizerOpenCl.KernelName, new[] { "cl.Parameters", "cl.Gradients", "cl.OptimizerState", "h", first.ToString(), end.ToString() },
                        $"{(end - first + Group - 1) / Group * Group}, {Group}");
                }
                RegularizationOpenCl.WriteConstraintLaunches(w, plan, names);
            }
        }

        private static void WriteFusedTrainingStep(CodeWriter w, OpenClScheduleView g, IReadOnlyList<string> names)
        {
            ModelPlan plan = g.Plan;
            w.Line();
            using (w.Block("protected override bool EnqueueFusedTrainingStep(global::ModelGen.OpenClSession cl, int count, bool update)"))
            {
                if (FusedMlpOpenCl.Applies(plan))
                {
                    OptimizerOpenCl.WriteHostScalars(w, plan.Optimizer);
                    Launch(w, names, FusedMlpOpenCl.TrainKernel,
                        new[] { "cl.Input", "cl.Labels", "cl.Targets", "cl.Parameters", "cl.Gradients", "cl.OptimizerState", "cl.Metrics", "count", "h", "update ? 1 : 0" },
                        $"{FusedMlpOpenCl.Group}, {FusedMlpOpenCl.Group}");
                    w.Line("return true;");
                }
                else
                {
                    w.Line(g.Functional
                        ? "return false; // functional models run node by node"
                        : "return false; // too large for the fully fused kernels: the per-layer kernels run instead");
                }
            }
            if (g.Functional) w.Line(); // the typed API follows
        }
    }
}
