using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The typed API of a functional model's sparse outputs (sparse categorical cross-entropy): such an output takes one
    /// integer class index per sample, an <c>int[]</c> in <c>PackTargets</c> and the typed <c>Fit</c>, stored as one
    /// float column of the packed target rows by the runtime's <c>PackLabels</c> (which checks every index). The
    /// loss, its gradient and sparse accuracy are in <see cref="GraphLossCSharp"/>. Other outputs and inputs are
    /// unchanged: float arrays, one float per unit.
    /// </summary>
    public static class SparseTargetsCSharp
    {
        /// <summary>Whether the node is an output that takes class labels.</summary>
        public static bool TakesLabels(NodePlan node) => node.Output is { TakesLabels: true };

        /// <summary>The node's array type in PackInputs, PackTargets and the typed Fit.</summary>
        public static string ArrayType(NodePlan node) => TakesLabels(node) ? "int[]" : "float[]";

        /// <summary>
        /// The extra <c>ModelLayout</c> arguments when the packed target rows are narrower than the output rows (a sparse
        /// output's class index takes one column), and, when the only output is sparse, the flag that lets the base
        /// class's <c>int[]</c> overloads (Fit, Evaluate, TrainBatch) store labels in that column. Empty otherwise, so
        /// other models' generated code does not change.
        /// </summary>
        public static string TargetSizeArgument(ModelPlan plan)
        {
            // A sequential model's chain leaves TargetSize unset: its targets are always OutputSize wide.
            if (plan.Graph is not { IsFunctional: true } g || g.TargetSize == plan.OutputSize) return "";
            bool onlySparse = g.Schedule.Count(n => n.Output is not null) == 1 && g.Schedule.Any(TakesLabels);
            return $", targetSize: {g.TargetSize}" + (onlySparse ? ", labelsAsTargets: true" : "");
        }

        /// <summary>
        /// Writes the <c>CheckTargets</c> override of a model with sparse outputs: every class index of a batch checked
        /// before an OpenCL upload (the device's loss kernel cannot throw). Nothing for other models.
        /// </summary>
        public static void WriteCheckTargets(CodeWriter w, ModelPlan plan)
        {
            GraphPlan g = plan.Graph!;
            var sparse = Enumerable.Range(0, g.Schedule.Count).Where(i => TakesLabels(g.Schedule[i])).ToArray();
            if (sparse.Length == 0) return;
            w.Line("/// <summary>Checks every sparse output's class indices in a batch's target rows (before an OpenCL upload).</summary>");
            using (w.Block("protected override void CheckTargets(float* targets, int count)"))
            {
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    foreach (int i in sparse)
                    {
                        NodePlan node = g.Schedule[i];
                        int classes = node.OutputShape.Aggregate(1, (a, b) => a * b);
                        w.Line($"SparseLabel(targets + n * {g.TargetSize}{(g.TargetColumns[i] == 0 ? "" : " + " + g.TargetColumns[i])}, {classes}, \"{node.Name}\");");
                    }
                }
            }
            w.Line();
        }

        /// <summary>Writes the PackLabels call that checks a sparse output's labels and stores them in its target column.</summary>
        /// <param name="w">The writer.</param>
        /// <param name="node">The sparse output.</param>
        /// <param name="packed">The packed rows' local.</param>
        /// <param name="rowWidth">Floats per packed target row.</param>
        /// <param name="column">The output's target column.</param>
        /// <param name="classes">The output's units.</param>
        public static void WritePackLabels(CodeWriter w, NodePlan node, string packed, int rowWidth, int column, int classes)
        {
            w.Line($"// {node.Name}: one class index per sample (0 to {classes - 1}), stored as a float in column {column}.");
            w.Line($"PackLabels({packed}, {rowWidth}, {column}, {node.Name}, {classes}, \"{node.Name}\");");
        }
    }
}
