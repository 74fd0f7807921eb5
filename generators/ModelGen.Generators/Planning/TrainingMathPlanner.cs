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
            var frozen = new List<TensorRange>();
            var regularized = new List<RegularizedTensor>();
            var constraints = new List<ConstrainedKernel>();
            DensePlan[] steps = plan.DenseSteps.ToArray();
            CheckedLayer[] layers = model.Layers.Where(l => l.Kind == LayerKind.Dense).ToArray();
            for (int i = 0; i < steps.Length; i++)
            {
                DensePlan d = steps[i];
                LayerTraining t = layers[i].Training;
                if (!t.Trainable)
                {
                    // Keras: a frozen layer's weights are not trainable_weights: no update, no constraint, and no
                    // regularization loss (compute_loss collects penalties of trainable weights only).
                    int end = plan.Memory.Tensors.Where(x => x.Name.StartsWith(d.Name + ".", System.StringComparison.Ordinal)).Max(x => x.Offset + Round(x.Length));
                    frozen.Add(new TensorRange(d.Name, d.KernelOffset, end - d.KernelOffset));
                    continue;
                }
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
            return new TrainingMathPlan(regularized.ToEquatableArray(), new ClipPlan(kind, threshold, ranges), constraints.ToEquatableArray())
            {
                Frozen = frozen.ToEquatableArray(),
            };
        }

        /// <summary>
        /// The plan's layers with each Dense step's <see cref="DensePlan.Frozen"/> and <see cref="DensePlan.NeedsBackward"/>
        /// set: a frozen step whose earlier layers (Dense steps and trainable batch normalizations) are all frozen too
        /// needs no backward at all.
        /// </summary>
        public static EquatableArray<LayerPlan> MarkFrozen(CheckedModel model, ModelPlan plan)
        {
            CheckedLayer[] dense = model.Layers.Where(l => l.Kind == LayerKind.Dense).ToArray();
            var result = new List<LayerPlan>();
            int index = 0;
            bool anyTrainableBefore = false;
            foreach (LayerPlan layer in plan.Layers)
            {
                if (layer.Dense is not { } d)
                {
                    result.Add(layer);
                    continue;
                }
                bool frozen = !dense[index++].Training.Trainable;
                result.Add(layer with { Dense = d with { Frozen = frozen, NeedsBackward = !frozen || anyTrainableBefore } });
                // A trainable batch normalization after this step needs the input gradient of the step after it too.
                anyTrainableBefore |= !frozen || d.BatchNorm is { Trainable: true };
            }
            return result.ToEquatableArray();
        }

        private static int Round(int length) => Planner.AlignUp(length);
    }
}
