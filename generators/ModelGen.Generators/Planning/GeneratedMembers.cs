using System.Linq;
using System.Text.RegularExpressions;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>
    /// The names of the members the emitters add to a model class, so a class named like one of them is reported
    /// (MG0019) instead of failing to compile with CS0542. Keep in step with Emit/ and Ops/ (a snapshot test would show
    /// a new member; the fuzz test would show a missed one).
    /// </summary>
    public static class GeneratedMembers
    {
        private static readonly string[] s_fixed =
        {
            "Forward", "Output", "ComputeLoss", "Backward", "LossGradient", "ApplyOptimizer",
            "OpenClSource", "OpenClProgram", "OpenClKernels", "EnqueueForward", "EnqueueLoss", "EnqueueBackward",
            "EnqueueOptimizer", "EnqueueFusedTrainingStep", "s_layout", "s_openClKernels", "Summary",
        };

        /// <summary>Per-layer suffixes after the layer's method stem (e.g. "Dense1" + "KernelGradientPanels").</summary>
        private static readonly Regex s_layerSuffix = new(
            "^(Forward|ForwardHalf|ForwardPanels|Backward|ActivationBackward|KernelGradient|KernelGradientHalf|KernelGradientPanels|" +
            "BiasGradient|InputGradient|InputGradientHalf|InputGradientRows|(Forward|KernelGradient|InputGradient)[0-9]+x[0-9]+_(512|256))$",
            RegexOptions.CultureInvariant);

        /// <summary>Whether the emitters would add a member called <paramref name="name"/> to the class of <paramref name="plan"/>.</summary>
        public static bool Contains(ModelPlan plan, string name)
        {
            name = name.TrimStart('@');
            if (s_fixed.Contains(name)) return true;
            if (name == "InitializeOptimizerState") return plan.Optimizer.Kind == Optimizer.Adagrad; // its accumulator's start
            if (name is "RegularizationPenalty" or "DataLoss") return plan.Training.HasPenalty; // RegularizationCSharp
            if (name == "ClipGradients") return plan.Training.Clip.Kind != ClipKind.None;
            if (name == "ApplyConstraints") return plan.Training.Constraints.Count > 0;
            if (plan.Normalizations.Any(n => name == "Adapt" || name == "Adapt" + n.MethodStem || name == n.MethodStem + "Forward" || name == n.MethodStem + "Backward")) return true;
            return plan.DenseSteps.Any(d => name.StartsWith(d.MethodStem, System.StringComparison.Ordinal)
                && s_layerSuffix.IsMatch(name.Substring(d.MethodStem.Length)));
        }
    }
}
