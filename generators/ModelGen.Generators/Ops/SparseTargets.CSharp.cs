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
