using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Ops;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Emit
{
    /// <summary>
    /// The schedule as the OpenCL host reads it, for both kinds of model (a sequential one is a chain): the C# view's
    /// nodes and step plans, each node's buffers as OpenCL expressions (an alias, a Flatten or Dropout that renames its
    /// predecessor's rows, as the node it renames), and who writes each gradient first. The fan-in rule is the C#
    /// Backward's: outputs are written by the loss, then each node in reverse schedule order passes its gradient to its
    /// inputs, slot by slot; a node's first contribution writes its rows, later ones add.
    /// </summary>
    internal sealed class OpenClScheduleView
    {
        public OpenClScheduleView(ModelPlan plan)
        {
            S = new ScheduleView(plan);
            var written = new HashSet<int>(Outputs.Select(S.Owner));
            First = new bool[Nodes.Length][];
            for (int i = Nodes.Length - 1; i >= 0; i--)
            {
                First[i] = new bool[Nodes[i].Inputs.Count];
                // An alias passes nothing on (its rows are its predecessor's), nor does a Dense step that runs no backward.
                if (Skipped(i) || Nodes[i].Kind == "Dense" && !Dense[Nodes[i].Name].NeedsBackward) continue;
                for (int s = 0; s < Nodes[i].Inputs.Count; s++)
                {
                    int p = S.Inputs(i)[s];
                    if (!S.NoGradient(p)) First[i][s] = written.Add(S.Owner(p));
                }
            }
        }

        /// <summary>The view the C# emitter reads.</summary>
        public ScheduleView S { get; }
        public ModelPlan Plan => S.Plan;
        public GraphPlan G => S.G;
        public bool Functional => G.IsFunctional;
        public NodePlan[] Nodes => S.Nodes;
        public Dictionary<string, DensePlan> Dense => S.Dense;
        public Dictionary<string, NormalizationPlan> Norm => S.Norm;
        public Dictionary<string, int> Flag => S.Flag;
        public Dictionary<string, DensePlan> NormalizedBy => S.NormalizedBy;
        public IEnumerable<int> Outputs => S.Outputs;

        /// <summary>First[i][s]: whether node i's gradient to its input s is the first contribution to that input.</summary>
        public bool[][] First { get; }

        /// <summary>Whether node i launches nothing of its own: an input, or an alias (a Flatten or Dropout renaming rows).</summary>
        public bool Skipped(int i) => S.IsInput(i) || S.Aliases(i);

        /// <summary>The node node i reads first (its only input, but for a merge), followed through aliases.</summary>
        public int From(int i) => S.Owner(S.Inputs(i)[0]);

        public bool IsMerge(int i) => !Skipped(i) && Nodes[i].Kind is not ("Dense" or "Normalization" or "BatchNormalization");

        /// <summary>Per-sample offset of node i's gradient rows (-1: none).</summary>
        public int Gradient(int i) => S.NoGradient(i) ? -1 : G.GradientBase + Nodes[S.Owner(i)].GradientBuffer;

        /// <summary>Node i's first value row inside a kernel that takes <c>input</c>, <c>act</c> and <c>capacity</c>.</summary>
        public string KernelValue(int i)
        {
            i = S.Owner(i);
            return S.IsInput(i) ? ScheduleView.Plus("input", G.InputColumns[i]) : $"act + capacity * {Nodes[i].ValueBuffer}";
        }

        /// <summary>Node i's value as host arguments (buffer, offset) of a kernel with separate offset arguments.</summary>
        public (string Buffer, string Offset) HostValue(int i)
        {
            i = S.Owner(i);
            return S.IsInput(i)
                ? ("cl.Input", G.InputColumns[i].ToString(System.Globalization.CultureInfo.InvariantCulture))
                : ("cl.Activations", OpenClEmitter.Offset(Nodes[i].ValueBuffer));
        }

        public List<MergeOpenCl.Input> MergeInputs(int i) => S.Inputs(i)
            .Select((p, s) => new MergeOpenCl.Input(Nodes[p].Name, KernelValue(p), S.Stride(p), S.Used(p), Gradient(p), Nodes[p].Width, First[i][s]))
            .ToList();

        public List<GraphLossOpenCl.Output> LossOutputs => Outputs
            .Select(i => new GraphLossOpenCl.Output(Nodes[i].Name, Nodes[i].Output!, KernelValue(i), Gradient(i), S.Stride(i), Nodes[i].Width, S.Used(i), G.OutputColumns[i], G.TargetColumns[i]))
            .ToList();

        /// <summary>A functional model's History entries per output, as the C# layout lists them (the metrics row's extra columns); none for a sequential one.</summary>
        public int EntryCount => !Functional ? 0 : GraphLossCSharp.Entries(Outputs
            .Select(i => new GraphLossCSharp.Output(Nodes[i].Name, Nodes[i].Output!, "", "", 0, S.Used(i), 0, 0)).ToList()).Count;

        /// <summary>Dense nodes whose input gradient goes to a node that already holds another contribution.</summary>
        public bool AnyAddedDenseGradient => Enumerable.Range(0, Nodes.Length)
            .Any(i => !Skipped(i) && Nodes[i].Kind == "Dense" && Dense[Nodes[i].Name].NeedsBackward && !S.NoGradient(From(i)) && !First[i][0]);

        /// <summary>Whether node i's first gradient write leaves padding that another node's gradient may have filled.</summary>
        public bool NeedsPaddingZeroed(int i) => Nodes[i].Width > S.Used(i) && S.GradientShared(i);

        /// <summary>Dense input gradients (or a batch normalization's dh) written first into rows whose padding must be zeroed.</summary>
        public bool AnyPaddedDenseGradient => Enumerable.Range(0, Nodes.Length)
            .Any(i => !Skipped(i) && (Nodes[i].Kind == "Dense" && Dense[Nodes[i].Name].NeedsBackward || Nodes[i].Kind == "BatchNormalization")
                && !S.NoGradient(From(i)) && First[i][0] && NeedsPaddingZeroed(From(i)));
    }
}
