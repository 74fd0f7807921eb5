using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Ops;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Emit
{
    /// <summary>
    /// The OpenCL backend of a functional model, from the same plan as its C# (<see cref="ModelEmitter"/>): the Dense
    /// nodes are the sequential Dense kernels (<see cref="DenseOpenCl"/>; one reading an input node reads the packed
    /// input row at that node's column), Normalization nodes <see cref="NormalizationOpenCl"/>, merges
    /// <see cref="MergeOpenCl"/>, the outputs' losses <see cref="GraphLossOpenCl"/>, the optimizer the sequential one.
    /// The host walks the schedule forward and in reverse, as the C# Forward and Backward do, with the same fan-in rule:
    /// the first gradient contribution to a node writes its rows, later ones add (a Dense input gradient through the
    /// scratch rows), so device buffers reused by lifetime need no clearing beyond the padding the CPU clears too.
    /// </summary>
    public static class GraphOpenClEmitter
    {
        private const int Group = OpenClEmitter.Group;

        /// <summary>The schedule with each node's buffers as OpenCL expressions, and who writes each gradient first.</summary>
        private sealed class View
        {
            public View(ModelPlan plan)
            {
                Plan = plan;
                Nodes = plan.Graph!.Schedule.ToArray();
                for (int i = 0; i < Nodes.Length; i++) Index[Nodes[i].Name] = i;
                int flag = 0;
                foreach (DensePlan d in plan.DenseSteps)
                {
                    Dense[d.Name] = d;
                    Flag[d.Name] = flag++;
                    if (d.BatchNorm is { } bn) NormalizedBy[bn.Name] = d;
                }
                foreach (NormalizationPlan n in plan.Normalizations) Norm[n.Name] = n;
                // The C# Backward's order: outputs are written by the loss, then each node in reverse schedule order
                // passes its gradient to its inputs, slot by slot; a node's first contribution writes, later ones add.
                var written = new HashSet<int>(Outputs);
                First = new bool[Nodes.Length][];
                for (int i = Nodes.Length - 1; i >= 0; i--)
                {
                    First[i] = new bool[Nodes[i].Inputs.Count];
                    // A Dropout node passes nothing on (its rows are its Dense node's), nor does a Dense step that runs no backward.
                    if (IsInput(i) || Nodes[i].Kind == "Dropout" || Nodes[i].Kind == "Dense" && !Dense[Nodes[i].Name].NeedsBackward) continue;
                    for (int s = 0; s < Nodes[i].Inputs.Count; s++)
                    {
                        int p = Inputs(i)[s];
                        if (!NoGradient(p)) First[i][s] = written.Add(p);
                    }
                }
            }

            public ModelPlan Plan { get; }
            public GraphPlan G => Plan.Graph!;
            public NodePlan[] Nodes { get; }
            public Dictionary<string, int> Index { get; } = new(System.StringComparer.Ordinal);
            public Dictionary<string, DensePlan> Dense { get; } = new(System.StringComparer.Ordinal);
            public Dictionary<string, NormalizationPlan> Norm { get; } = new(System.StringComparer.Ordinal);

            /// <summary>The run-time freeze flag of each Dense step (its index among the Dense steps, as on the CPU).</summary>
            public Dictionary<string, int> Flag { get; } = new(System.StringComparer.Ordinal);

            /// <summary>A BatchNormalization node's Dense step, by the normalization's name.</summary>
            public Dictionary<string, DensePlan> NormalizedBy { get; } = new(System.StringComparer.Ordinal);

            /// <summary>
            /// Whether node i runs no kernel of its own: a Dropout node (its Dense step applies the mask to its own rows)
            /// or a BatchNormalization node (launched with its Dense step's batch-normalization kernels).
            /// </summary>
            public bool Fused(int i) => Nodes[i].Kind is "Dropout" or "BatchNormalization";

            /// <summary>First[i][s]: whether node i's gradient to its input s is the first contribution to that input.</summary>
            public bool[][] First { get; }

            public int[] Inputs(int i) => Nodes[i].Inputs.Select(name => Index[name]).ToArray();
            public IEnumerable<int> Outputs => Enumerable.Range(0, Nodes.Length).Where(i => Nodes[i].Output is not null);
            public bool IsInput(int i) => Nodes[i].Kind == "Input";
            public bool NoGradient(int i) => IsInput(i) || (Nodes[i].Kind == "Normalization" && IsInput(Index[Nodes[i].Inputs[0]]));
            public int Used(int i) => Nodes[i].OutputShape.Aggregate(1, (a, b) => a * b);
            public int Stride(int i) => IsInput(i) ? Plan.InputSize : Nodes[i].Width;

            /// <summary>Per-sample offset of node i's gradient rows (-1: none).</summary>
            public int Gradient(int i) => NoGradient(i) ? -1 : G.GradientBase + Nodes[i].GradientBuffer;

            /// <summary>Node i's first value row inside a kernel that takes <c>input</c>, <c>act</c> and <c>capacity</c>.</summary>
            public string KernelValue(int i) => IsInput(i)
                ? (G.InputColumns[i] == 0 ? "input" : $"input + {G.InputColumns[i]}")
                : $"act + capacity * {Nodes[i].ValueBuffer}";

            /// <summary>Node i's value as host arguments (buffer, offset) of a kernel with separate offset arguments.</summary>
            public (string Buffer, string Offset) HostValue(int i) => IsInput(i)
                ? ("cl.Input", G.InputColumns[i].ToString(System.Globalization.CultureInfo.InvariantCulture))
                : ("cl.Activations", OpenClEmitter.Offset(Nodes[i].ValueBuffer));

            public List<MergeOpenCl.Input> MergeInputs(int i) => Inputs(i)
                .Select((p, s) => new MergeOpenCl.Input(Nodes[p].Name, KernelValue(p), Stride(p), Used(p), Gradient(p), Nodes[p].Width, First[i][s]))
                .ToList();

            public List<GraphLossOpenCl.Output> LossOutputs => Outputs
                .Select(i => new GraphLossOpenCl.Output(Nodes[i].Name, Nodes[i].Output!, KernelValue(i), Gradient(i), Stride(i), Nodes[i].Width, Used(i), G.OutputColumns[i], G.TargetColumns[i]))
                .ToList();

            /// <summary>History's per-output entries, as the C# layout lists them (the metrics row's extra columns).</summary>
            public int EntryCount => GraphLossCSharp.Entries(Outputs
                .Select(i => new GraphLossCSharp.Output(Nodes[i].Name, Nodes[i].Output!, "", "", 0, Used(i), 0, 0)).ToList()).Count;

            public bool IsMerge(int i) => !IsInput(i) && !Fused(i) && Nodes[i].Kind != "Dense" && Nodes[i].Kind != "Normalization";

            /// <summary>Dense nodes whose input gradient goes to a node that already holds another contribution.</summary>
            public bool AnyAddedDenseGradient => Enumerable.Range(0, Nodes.Length).Any(i => Nodes[i].Kind == "Dense" && !NoGradient(Inputs(i)[0]) && !First[i][0]);

            /// <summary>Dense input gradients (or a batch normalization's dh) written first into rows with padding.</summary>
            public bool AnyPaddedDenseGradient => Enumerable.Range(0, Nodes.Length)
                .Any(i => (Nodes[i].Kind == "Dense" && Dense[Nodes[i].Name].NeedsBackward || Nodes[i].Kind == "BatchNormalization")
                    && !NoGradient(Inputs(i)[0]) && First[i][0] && Nodes[Inputs(i)[0]].Width > Used(Inputs(i)[0]));
        }

        /// <summary>The program's kernels in the order the host refers to them.</summary>
        public static IReadOnlyList<string> KernelNames(ModelPlan plan) => KernelNames(new View(plan));

        /// <summary>Floats per row of the device metrics buffer: the sequential columns, then one per History entry of the outputs.</summary>
        public static int MetricStride(ModelPlan plan) => LossOpenCl.MetricColumns + (plan.Graph is { IsFunctional: true } ? new View(plan).EntryCount : 0);

        private static List<string> KernelNames(View g)
        {
            var names = new List<string>();
            for (int i = 0; i < g.Nodes.Length; i++)
            {
                if (g.IsInput(i) || g.Fused(i)) continue;
                if (g.Nodes[i].Kind == "Dense")
                {
                    names.AddRange(DenseOpenCl.KernelNames(g.Dense[g.Nodes[i].Name], lossGaveDz: false));
                    names.AddRange(DropoutOpenCl.KernelNames(g.Dense[g.Nodes[i].Name]));
                }
                else if (g.Nodes[i].Kind == "Normalization")
                {
                    NormalizationPlan n = g.Norm[g.Nodes[i].Name];
                    names.Add(NormalizationOpenCl.KernelName(n));
                    if (!g.NoGradient(g.Inputs(i)[0])) names.Add(NormalizationOpenCl.BackwardKernelName(n));
                }
                else
                {
                    names.Add(MergeOpenCl.ForwardKernel(g.Nodes[i].Name));
                    if (MergeOpenCl.HasBackward(g.MergeInputs(i))) names.Add(MergeOpenCl.BackwardKernel(g.Nodes[i].Name));
                }
            }
            if (g.AnyAddedDenseGradient) names.Add(MergeOpenCl.AddRowsKernel);
            if (g.AnyPaddedDenseGradient) names.Add(MergeOpenCl.ZeroPaddingKernel);
            names.AddRange(BatchNormOpenCl.KernelNames(g.Plan));
            names.Add(GraphLossOpenCl.PackKernelName);
            names.Add(GraphLossOpenCl.KernelName);
            names.Add(OptimizerOpenCl.KernelName);
            names.AddRange(RegularizationOpenCl.KernelNames(g.Plan));
            return names;
        }

        /// <summary>The OpenCL C program.</summary>
        public static string Program(ModelPlan plan)
        {
            var g = new View(plan);
            var w = new CodeWriter();
            w.Line($"// {plan.ClassName}: a functional model, generated by ModelGen from the same plan as the C# kernels.");
            w.Line("// Buffers: params (packed kernels and biases), activations ([capacity, width] rows at capacity × offset: values, gradients, packed outputs, scratch), input (packed input rows).");
            w.Line();
            ActivationOpenCl.WriteHelpers(w, plan);
            for (int i = 0; i < g.Nodes.Length; i++)
            {
                if (g.IsInput(i) || g.Fused(i)) continue;
                NodePlan node = g.Nodes[i];
                if (node.Kind == "Dense")
                {
                    DenseOpenCl.WriteKernels(w, g.Dense[node.Name], lossGaveDz: false);
                    DropoutOpenCl.WriteKernels(w, g.Dense[node.Name]);
                }
                else if (node.Kind == "Normalization")
                {
                    NormalizationPlan n = g.Norm[node.Name];
                    NormalizationOpenCl.WriteKernel(w, n);
                    if (!g.NoGradient(g.Inputs(i)[0])) NormalizationOpenCl.WriteBackwardKernel(w, n, add: !g.First[i][0]);
                }
                else
                {
                    List<MergeOpenCl.Input> inputs = g.MergeInputs(i);
                    MergeOpenCl.WriteForward(w, node.Name, node.Kind, inputs, node.ValueBuffer, node.Width, g.Used(i));
                    if (MergeOpenCl.HasBackward(inputs)) MergeOpenCl.WriteBackward(w, node.Name, node.Kind, inputs, g.Gradient(i), node.Width);
                }
            }
            BatchNormOpenCl.Write(w, plan);
            MergeOpenCl.WriteRowHelpers(w, g.AnyAddedDenseGradient, g.AnyPaddedDenseGradient);
            GraphLossOpenCl.WritePack(w, g.LossOutputs, g.G.PackedOutputBuffer, plan.OutputStride);
            GraphLossOpenCl.Write(w, g.LossOutputs, g.G.TargetSize, g.EntryCount);
            OptimizerOpenCl.Write(w, plan);
            RegularizationOpenCl.Write(w, plan);
            return w.ToString();
        }

        /// <summary>Writes the members that carry the program and enqueue it (or a refusal when two nodes need one kernel name).</summary>
        public static void WriteHost(CodeWriter w, ModelPlan plan)
        {
            var g = new View(plan);
            List<string> names = KernelNames(g);
            // Kernel names come from node names and fixed suffixes (lower-cased), so two nodes can ask for the same one.
            if (names.GroupBy(n => n).FirstOrDefault(x => x.Count() > 1) is { } clash)
            {
                OpenClEmitter.WriteRefusal(w, $"two nodes need the OpenCL kernel name '{clash.Key}'",
                    $"{plan.ClassName.TrimStart('@')}: two of its nodes need the same OpenCL kernel name '{clash.Key}' (kernel names are lower-cased node names plus suffixes); rename one of the nodes to run on OpenCL.");
                return;
            }
            w.Line("// ---- OpenCL: the same plan as OpenCL C kernels, run by global::ModelGen.OpenClSession; the host walks the schedule ----");
            w.Line();
            w.Line("/// <summary>The OpenCL C program of this model (every shape a constant).</summary>");
            w.Line("public const string OpenClSource = @\"");
            foreach (string line in Program(plan).TrimEnd('\n').Split('\n')) w.Raw(line.Replace("\"", "\"\""));
            w.Raw("\";");
            w.Line();
            w.Line("/// <summary>The program's kernels, in the order the enqueue methods index them.</summary>");
            w.Line($"private static readonly string[] s_openClKernels = {{ {string.Join(", ", names.Select(n => "\"" + n + "\""))} }};");
            w.Line();
            w.Line("protected override string OpenClProgram => OpenClSource;");
            w.Line();
            w.Line("protected override string[] OpenClKernels => s_openClKernels;");
            w.Line();
            WriteForward(w, g, names);
            WriteLoss(w, g, names);
            WriteBackward(w, g, names);
            OpenClEmitter.WriteOptimizer(w, plan, names, runTimeFreezing: true);
            w.Line();
            w.Line("protected override bool EnqueueFusedTrainingStep(global::ModelGen.OpenClSession cl, int count, bool update) => false; // graph models run node by node");
            w.Line();
        }

        private static void WriteForward(CodeWriter w, View g, List<string> names)
        {
            using (w.Block("protected override void EnqueueForward(global::ModelGen.OpenClSession cl, int count)"))
            {
                w.Line($"int rows = (count + {DenseOpenCl.Tile - 1}) / {DenseOpenCl.Tile} * {DenseOpenCl.Tile}, items = (count + {Group - 1}) / {Group} * {Group};");
                w.Line($"// The schedule, in order; input rows hold {g.Plan.InputSize} floats: {string.Join(", ", Enumerable.Range(0, g.Nodes.Length).Where(g.IsInput).Select(i => $"{g.Nodes[i].Name} at {g.G.InputColumns[i]}"))}.");
                for (int i = 0; i < g.Nodes.Length; i++)
                {
                    if (g.IsInput(i) || g.Nodes[i].Kind == "Dropout") continue;
                    NodePlan node = g.Nodes[i];
                    int from = g.Inputs(i)[0];
                    if (node.Kind == "BatchNormalization")
                    {
                        BatchNormOpenCl.WriteForwardLaunch(w, g.NormalizedBy[node.Name], names);
                    }
                    else if (node.Kind == "Dense")
                    {
                        DensePlan d = g.Dense[node.Name];
                        string s = DenseOpenCl.Prefix(d);
                        var (x, xOffset) = g.HostValue(from);
                        w.Line($"// {d.Name}: Dense [{d.Inputs}] -> [{d.Units}], {ActivationCSharp.Describe(d.Activation)}, reads {node.Inputs[0]}");
                        OpenClEmitter.Launch(w, names, s + "_forward", new[] { x, xOffset, "cl.Activations", OpenClEmitter.Offset(d.OutputBuffer), "cl.Parameters", "count" }
                            .Concat(ActivationOpenCl.ForwardArguments(d, OpenClEmitter.Offset)).ToArray(),
                            $"{OpenClEmitter.Round(d.Units)}, rows, {DenseOpenCl.Tile}, {DenseOpenCl.Tile}");
                        if (d.Activation == Activation.Softmax)
                        {
                            OpenClEmitter.Launch(w, names, s + "_softmax", new[] { "cl.Activations", OpenClEmitter.Offset(d.OutputBuffer), "count" }, $"items, {Group}");
                        }
                        if (DropoutOpenCl.Applies(d))
                        {
                            var (arguments, sizes) = DropoutOpenCl.ForwardLaunch(d, OpenClEmitter.Offset, Group);
                            w.Line("if (Training) // dropout acts only in a training forward pass");
                            OpenClEmitter.Launch(w, names, DropoutOpenCl.ForwardKernel(d), arguments, sizes);
                        }
                    }
                    else if (node.Kind == "Normalization")
                    {
                        NormalizationPlan n = g.Norm[node.Name];
                        var (x, xOffset) = g.HostValue(from);
                        w.Line($"// {NormalizationCSharp.Describe(n)}, reads {node.Inputs[0]}");
                        OpenClEmitter.Launch(w, names, NormalizationOpenCl.KernelName(n), new[] { x, xOffset, "cl.Activations", OpenClEmitter.Offset(n.OutputBuffer), "cl.Parameters", "count" },
                            $"{NormalizationOpenCl.GlobalSize(n)}, {NormalizationOpenCl.Group}");
                    }
                    else
                    {
                        w.Line($"// {node.Name}: {node.Kind} of {string.Join(", ", node.Inputs)} -> [{string.Join(", ", node.OutputShape)}]");
                        OpenClEmitter.Launch(w, names, MergeOpenCl.ForwardKernel(node.Name), new[] { "cl.Input", "cl.Activations", "cl.Capacity", "count" }, $"items, {MergeOpenCl.Group}");
                    }
                }
                w.Line($"// Outputs side by side in the packed output rows ({g.Plan.OutputStride} floats), as Predict reads them.");
                OpenClEmitter.Launch(w, names, GraphLossOpenCl.PackKernelName, new[] { "cl.Input", "cl.Activations", "cl.Capacity", "count" }, $"items, {Group}");
            }
            w.Line();
        }

        private static void WriteLoss(CodeWriter w, View g, List<string> names)
        {
            using (w.Block("protected override void EnqueueLoss(global::ModelGen.OpenClSession cl, int count)"))
            {
                w.Line($"int items = (count + {Group - 1}) / {Group} * {Group};");
                w.Line($"// Each output's loss, weighted and summed per sample, and its History terms into cl.Metrics ({LossOpenCl.MetricColumns + g.EntryCount} floats a row); weight · dL/dy into its gradient rows.");
                OpenClEmitter.Launch(w, names, GraphLossOpenCl.KernelName, new[] { "cl.Input", "cl.Activations", "cl.Capacity", "cl.Targets", "cl.Metrics", "count" }, $"items, {Group}");
                RegularizationOpenCl.WritePenaltyLaunch(w, g.Plan, names);
            }
            w.Line();
        }

        private static void WriteBackward(CodeWriter w, View g, List<string> names)
        {
            using (w.Block("protected override void EnqueueBackward(global::ModelGen.OpenClSession cl, int count)"))
            {
                w.Line($"int rows = (count + {DenseOpenCl.Tile - 1}) / {DenseOpenCl.Tile} * {DenseOpenCl.Tile}, items = (count + {Group - 1}) / {Group} * {Group};");
                w.Line("// Each node in reverse schedule order: the first gradient contribution to a node writes, later ones add.");
                for (int i = g.Nodes.Length - 1; i >= 0; i--)
                {
                    if (g.IsInput(i) || g.Nodes[i].Kind == "Dropout") continue;
                    NodePlan node = g.Nodes[i];
                    int from = g.Inputs(i)[0];
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
                        if (g.NoGradient(from))
                        {
                            w.Line($"// {n.Name}: Normalization of an input: no gradient to pass on.");
                            continue;
                        }
                        w.Line($"// {n.Name}: Normalization backward{(g.First[i][0] ? "" : $", added: {node.Inputs[0]} has several consumers")}");
                        OpenClEmitter.Launch(w, names, NormalizationOpenCl.BackwardKernelName(n),
                            new[] { "cl.Activations", OpenClEmitter.Offset(g.Gradient(from)), "cl.Activations", OpenClEmitter.Offset(g.Gradient(i)), "cl.Parameters", "count" },
                            $"{NormalizationOpenCl.BackwardGlobalSize(n)}, {NormalizationOpenCl.Group}");
                    }
                    else if (MergeOpenCl.HasBackward(g.MergeInputs(i)))
                    {
                        w.Line($"// {node.Name}: {node.Kind} backward");
                        OpenClEmitter.Launch(w, names, MergeOpenCl.BackwardKernel(node.Name), new[] { "cl.Input", "cl.Activations", "cl.Capacity", "count" }, $"items, {MergeOpenCl.Group}");
                    }
                }
            }
            w.Line();
        }

        private static void WriteDenseBackward(CodeWriter w, View g, List<string> names, int i, int from)
        {
            DensePlan d = g.Dense[g.Nodes[i].Name];
            string s = DenseOpenCl.Prefix(d);
            if (!d.NeedsBackward)
            {
                w.Line($"// {d.Name}: frozen (Trainable = false) with no trainable layer before it: no backward at all.");
                return;
            }
            w.Line($"// {d.Name} backward, reads {g.Nodes[from].Name}{(d.Frozen ? " (frozen: no kernel or bias gradient)" : "")}");
            if (DropoutOpenCl.Applies(d))
            {
                var (arguments, sizes) = DropoutOpenCl.BackwardLaunch(d, OpenClEmitter.Offset, Group);
                OpenClEmitter.Launch(w, names, DropoutOpenCl.BackwardKernel(d), arguments, sizes);
            }
            // Frozen at run time (Freeze): no gradient for its tensors; Freeze cleared them, so clipping sees zeros.
            string guard = $"if (!FrozenAtRunTime[{g.Flag[d.Name]}])";
            if (!d.Frozen && ActivationOpenCl.ParameterGradientKernel(d) is { } parameterGradient && names.Contains(parameterGradient))
            {
                var (arguments, sizes) = ActivationOpenCl.ParameterGradientLaunch(d, OpenClEmitter.Offset, Group);
                w.Line(guard);
                OpenClEmitter.Launch(w, names, parameterGradient, arguments, sizes);
            }
            if (names.Contains(s + "_activation_backward"))
            {
                string size = d.Activation == Activation.Softmax ? "items" : $"(count * {d.PaddedUnits} + {Group - 1}) / {Group} * {Group}";
                OpenClEmitter.Launch(w, names, s + "_activation_backward",
                    new[] { "cl.Activations", OpenClEmitter.Offset(d.OutputBuffer), "cl.Activations", OpenClEmitter.Offset(d.DeltaBuffer), "count" }
                        .Concat(ActivationOpenCl.BackwardArguments(d, OpenClEmitter.Offset)).ToArray(), $"{size}, {Group}");
            }
            var (x, xOffset) = g.HostValue(from);
            int rows = d.Inputs + (d.UseBias ? 1 : 0);
            if (!d.Frozen)
            {
                using (w.Block(guard))
                {
                    OpenClEmitter.Launch(w, names, s + "_kernel_gradient",
                        new[] { x, xOffset, "cl.Activations", OpenClEmitter.Offset(d.DeltaBuffer), "cl.Gradients", "count" },
                        $"{OpenClEmitter.Round(d.Units)}, {OpenClEmitter.Round(rows)}, {DenseOpenCl.Tile}, {DenseOpenCl.Tile}");
                    RegularizationOpenCl.WriteGradientLaunches(w, g.Plan, d, names);
                }
            }
            if (g.NoGradient(from)) return;
            int width = g.Nodes[from].Width, used = g.Used(from);
            bool first = g.First[i][0];
            int target = first ? g.Gradient(from) : g.G.ScratchBuffer;
            OpenClEmitter.Launch(w, names, s + "_input_gradient",
                new[] { "cl.Activations", OpenClEmitter.Offset(d.DeltaBuffer), "cl.Activations", OpenClEmitter.Offset(target), "cl.Parameters", "count" },
                $"{OpenClEmitter.Round(d.Inputs)}, rows, {DenseOpenCl.Tile}, {DenseOpenCl.Tile}", first ? null : "into the scratch rows");
            if (first) WritePaddingZeroing(w, g, names, from);
            if (!first)
            {
                w.Line($"// {g.Nodes[from].Name} has several consumers: add this contribution.");
                OpenClEmitter.Launch(w, names, MergeOpenCl.AddRowsKernel,
                    new[] { "cl.Activations", OpenClEmitter.Offset(g.Gradient(from)), OpenClEmitter.Offset(g.G.ScratchBuffer), width.ToString(), used.ToString(), "count" },
                    $"(count * {used} + {Group - 1}) / {Group} * {Group}, {Group}", g.Nodes[from].Name);
            }
        }

        /// <summary>Zeroes the padding columns of node <paramref name="p"/>'s gradient rows after a first write that leaves them (a buffer reused by lifetime may hold another node's numbers there).</summary>
        private static void WritePaddingZeroing(CodeWriter w, View g, List<string> names, int p)
        {
            int width = g.Nodes[p].Width, used = g.Used(p);
            if (width == used) return;
            OpenClEmitter.Launch(w, names, MergeOpenCl.ZeroPaddingKernel,
                new[] { "cl.Activations", OpenClEmitter.Offset(g.Gradient(p)), width.ToString(), used.ToString(), "count" },
                $"(count * {width - used} + {Group - 1}) / {Group} * {Group}, {Group}", $"{g.Nodes[p].Name}'s padding");
        }
    }
}
