using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Emit
{
    /// <summary>
    /// A plan's graph schedule as the C# emitter reads it: every node by index, the step plans behind its name, and
    /// the expressions that name its value and gradient rows. A sequential model is a chain, a functional one any DAG;
    /// both are read through this one view, so both are written by the same code.
    /// </summary>
    internal sealed class ScheduleView
    {
        public ScheduleView(ModelPlan plan)
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
        }

        public ModelPlan Plan { get; }
        public GraphPlan G => Plan.Graph!;
        public NodePlan[] Nodes { get; }
        public Dictionary<string, int> Index { get; } = new(System.StringComparer.Ordinal);
        public Dictionary<string, DensePlan> Dense { get; } = new(System.StringComparer.Ordinal);
        public Dictionary<string, NormalizationPlan> Norm { get; } = new(System.StringComparer.Ordinal);

        /// <summary>The run-time freeze flag of each Dense step (its index among the Dense steps).</summary>
        public Dictionary<string, int> Flag { get; } = new(System.StringComparer.Ordinal);

        /// <summary>A BatchNormalization node's Dense step, by the normalization's name.</summary>
        public Dictionary<string, DensePlan> NormalizedBy { get; } = new(System.StringComparer.Ordinal);

        public bool IsInput(int i) => Nodes[i].Kind == "Input";

        /// <summary>The nodes node i reads, by index.</summary>
        public int[] Inputs(int i) => Nodes[i].Inputs.Select(name => Index[name]).ToArray();

        /// <summary>The output nodes in schedule order (the packed output and target columns follow it).</summary>
        public IEnumerable<int> Outputs => Enumerable.Range(0, Nodes.Length).Where(i => Nodes[i].Output is not null);

        /// <summary>Floats a row of node i holds (its shape's product).</summary>
        public int Used(int i) => Nodes[i].OutputShape.Aggregate(1, (a, b) => a * b);

        /// <summary>Row stride of node i's value: the packed input row for an input node, else its padded width.</summary>
        public int Stride(int i) => IsInput(i) ? Plan.InputSize : Nodes[i].Width;

        /// <summary>Whether node i takes no gradient (planned: <see cref="NodePlan.NoGradient"/>).</summary>
        public bool NoGradient(int i) => Nodes[i].NoGradient;

        /// <summary>Whether node i's value is its predecessor's buffer under a new shape (a sequential Flatten): no step runs for it.</summary>
        public bool Aliases(int i) => Nodes[i].Inputs.Count == 1 && Nodes[i].ValueBuffer == Nodes[Inputs(i)[0]].ValueBuffer && !IsInput(i);

        /// <summary>Node i's value rows (the first row): the caller's input at its column for an input node.</summary>
        public string Value(int i) =>
            IsInput(i) ? Plus("input", G.InputColumns.Count == 0 ? 0 : G.InputColumns[i]) : ModelEmitter.Buffer(Nodes[i].ValueBuffer);

        /// <summary>Node i's gradient rows.</summary>
        public string Gradient(int i) => ModelEmitter.Buffer(G.GradientBase + Nodes[i].GradientBuffer);

        /// <summary>Sample n's value row of node i.</summary>
        public string ValueRow(int i) => $"{Value(i)} + n * {Stride(i)}";

        /// <summary>
        /// Whether another node's gradient may occupy node i's gradient floats at some other time (the planner reuses
        /// buffers by lifetime): its padding columns must then be written, as nothing else keeps them zero.
        /// </summary>
        public bool GradientShared(int i)
        {
            int first = Nodes[i].GradientBuffer, end = first + Nodes[i].Width;
            for (int j = 0; j < Nodes.Length; j++)
            {
                // An alias and the node it renames are one buffer, not two sharing it.
                if (IsInput(j) || Nodes[j].GradientBuffer < 0 || Owner(j) == Owner(i)) continue;
                int other = Nodes[j].GradientBuffer;
                if (other < end && first < other + Nodes[j].Width) return true;
            }
            return false;
        }

        /// <summary>The node whose buffers node i's are: itself, or, for an alias, the node it renames (followed to the end).</summary>
        public int Owner(int i)
        {
            while (Aliases(i)) i = Inputs(i)[0];
            return i;
        }

        public static string Plus(string pointer, int offset) => offset == 0 ? pointer : $"{pointer} + {offset}";
    }
}
