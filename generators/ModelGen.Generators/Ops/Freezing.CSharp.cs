using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;
using ModelGen.Generators.Planning;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Run-time freezing (<c>model.Freeze("dense")</c>): flag i of <c>CompiledModel.FrozenAtRunTime</c> belongs to the
    /// plan's i-th Dense step. The backward pass, the penalty, the optimizer loop and the constraints test it once per
    /// layer per step (a predictable branch); layers declared <c>Trainable = false</c> keep generating no code at all.
    /// </summary>
    public static class FreezingCSharp
    {
        /// <summary>The <c>RunTimeFreezableLayers</c> override: the Dense steps' names, null for declared-frozen ones.</summary>
        public static void WriteMembers(CodeWriter w, ModelPlan plan)
        {
            string names = string.Join(", ", plan.DenseSteps.Select(d => d.Frozen ? "null" : $"\"{d.Name}\""));
            w.Line("/// <summary>The Dense layers by run-time freeze flag (null: declared Trainable = false).</summary>");
            w.Line($"protected override string?[] RunTimeFreezableLayers {{ get; }} = new string?[] {{ {names} }};");
            w.Line();
        }

        /// <summary>"if (!FrozenAtRunTime[i]) " for the layer owning tensor <paramref name="tensor"/> ("dense.kernel").</summary>
        public static string Guard(ModelPlan plan, string tensor) => Flag(plan, tensor) is int i and >= 0 ? $"if (!FrozenAtRunTime[{i}]) " : "";

        /// <summary>The run-time freeze flag of the layer owning <paramref name="tensor"/> ("dense.kernel" or "dense"), or -1.</summary>
        public static int Flag(ModelPlan plan, string tensor)
        {
            string layer = tensor.Contains('.') ? tensor.Substring(0, tensor.IndexOf('.')) : tensor;
            int i = 0;
            foreach (DensePlan d in plan.DenseSteps)
            {
                if (d.Name == layer) return i;
                i++;
            }
            return -1;
        }

        /// <summary>Each trainable Dense step's slice of the parameter arena [First, End), with its flag index.</summary>
        public static IEnumerable<(int Flag, int First, int End)> LayerRanges(ModelPlan plan)
        {
            int i = 0;
            foreach (DensePlan d in plan.DenseSteps)
            {
                if (!d.Frozen)
                {
                    int end = plan.Memory.Tensors.Where(x => x.Name.StartsWith(d.Name + ".", System.StringComparison.Ordinal))
                        .Max(x => x.Offset + Planner.AlignUp(x.Length));
                    yield return (i, d.KernelOffset, end);
                }
                i++;
            }
        }

        /// <summary>
        /// The optimizer's segments split at layer boundaries: each piece with the flag that guards it (-1: none).
        /// </summary>
        public static List<(int Flag, int First, int End)> Split(ModelPlan plan, IEnumerable<(int First, int End)> segments)
        {
            var layers = LayerRanges(plan).ToList();
            var result = new List<(int Flag, int First, int End)>();
            foreach (var (first, end) in segments)
            {
                int at = first;
                foreach (var (flag, lf, le) in layers.Where(l => l.End > first && l.First < end).OrderBy(l => l.First))
                {
                    int a = System.Math.Max(lf, first), b = System.Math.Min(le, end);
                    if (a > at) result.Add((-1, at, a));
                    result.Add((flag, a, b));
                    at = b;
                }
                if (at < end) result.Add((-1, at, end));
            }
            return result;
        }
    }
}
