using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>Lowers the declared regularizers, constraints and clipping onto the memory plan's tensors.</summary>
    public static class TrainingMathPlanner
    {
        /// <summary>The training math of <paramref name="model"/>, whose Dense layers are <paramref name="plan"/>'s Dense steps in order.</summary>
        public static TrainingMathPlan Plan(CheckedModel model, ModelPlan plan)
        {
            var regularized = new List<RegularizedTensor>();
            var constraints = new List<ConstrainedKernel>();
            DensePlan[] steps = plan.DenseSteps.ToArray();
            CheckedLayer[] layers = model.Layers.Where(l => l.Kind == LayerKind.Dense).ToArray();
            for (int i = 0; i < steps.Length; i++)
            {
                DensePlan d = steps[i];
                LayerTraining t = layers[i].Training;
                if (t.KernelL1 > 0 || t.KernelL2 > 0)
                {
                    regularized.Add(new RegularizedTensor(d.Name + ".kernel", d.Name, d.KernelOffset, d.Inputs * d.PaddedUnits, t.KernelL1, t.KernelL2));
                }
                if (d.UseBias && (t.BiasL1 > 0 || t.BiasL2 > 0))
                {
                    regularized.Add(new RegularizedTensor(d.Name + ".bias", d.Name, d.BiasOffset, Round(d.Units), t.BiasL1, t.BiasL2));
                }
                if (t.KernelConstraint != Constraint.None)
                {
                    constraints.Add(new ConstrainedKernel(d.Name + ".kernel", d.KernelOffset, d.Inputs, d.Units, d.PaddedUnits, t.KernelConstraint, t.MaxValue));
                }
            }

            ClippingDeclaration c = model.Clipping;
            (ClipKind kind, float threshold) = c.ClipValue > 0 ? (ClipKind.Value, c.ClipValue)
                : c.ClipNorm > 0 ? (ClipKind.Norm, c.ClipNorm)
                : c.GlobalClipNorm > 0 ? (ClipKind.GlobalNorm, c.GlobalClipNorm) : (ClipKind.None, 0f);
            var ranges = kind == ClipKind.None
                ? EquatableArray<TensorRange>.Empty
                : plan.Memory.Tensors.Select(t => new TensorRange(t.Name, t.Offset, Round(t.Length))).ToEquatableArray();
            return new TrainingMathPlan(regularized.ToEquatableArray(), new ClipPlan(kind, threshold, ranges), constraints.ToEquatableArray());
        }

        private static int Round(int length) => (length + Planner.AlignFloats - 1) / Planner.AlignFloats * Planner.AlignFloats;
    }
}
