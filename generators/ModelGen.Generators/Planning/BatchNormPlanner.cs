using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>
    /// Lays out batch normalizations (Keras' gamma, beta, moving_mean, moving_variance, in that order, after the Dense
    /// layer's own tensors) and decides what inference folds where: a normalization right after a Dense layer with no
    /// activation is folded into that layer's columns; one after a nonlinear activation, with no activation of its
    /// own, into the next Dense layer's rows (it is affine per feature); any other runs as one fused pass.
    /// </summary>
    public static class BatchNormPlanner
    {
        /// <summary>
        /// Gives <paramref name="dense"/> the batch normalization <paramref name="layer"/> declares, if any: its rows at
        /// <paramref name="output"/> and <paramref name="delta"/> when the caller planned them (a graph node), else new ones.
        /// </summary>
        public static DensePlan Attach(CheckedLayer layer, DensePlan dense, HashSet<string> stems, ref int parameters, ref int activations, List<TensorPlan> tensors,
            int? output = null, int? delta = null)
        {
            if (layer.BatchNorm is not { } bn) return dense;
            int units = dense.Units, padded = dense.PaddedUnits;
            EquatableArray<int> shape = new[] { units }.ToEquatableArray();
            int gamma = -1, beta = -1;
            if (bn.Scale)
            {
                gamma = Planner.Allocate(ref parameters, units);
                tensors.Add(new TensorPlan(bn.Name + ".gamma", shape, gamma, units, Packed: false, Init.Ones, FanIn: units, FanOut: units));
            }
            if (bn.Center)
            {
                beta = Planner.Allocate(ref parameters, units);
                tensors.Add(new TensorPlan(bn.Name + ".beta", shape, beta, units, Packed: false, Init.Zeros, FanIn: units, FanOut: units));
            }
            int mean = Planner.Allocate(ref parameters, units);
            tensors.Add(new TensorPlan(bn.Name + ".moving_mean", shape, mean, units, Packed: false, Init.Zeros, FanIn: units, FanOut: units));
            int variance = Planner.Allocate(ref parameters, units);
            tensors.Add(new TensorPlan(bn.Name + ".moving_variance", shape, variance, units, Packed: false, Init.Ones, FanIn: units, FanOut: units));
            int stats = Planner.Allocate(ref parameters, 5 * padded);
            int outputBuffer = output ?? Planner.Allocate(ref activations, padded);
            int deltaBuffer = delta ?? Planner.Allocate(ref activations, padded);
            return dense with
            {
                BatchNorm = new BatchNormPlan(bn.Name, Planner.UniqueStem(bn.Name, stems), units, padded, bn.Momentum, bn.Epsilon, bn.Activation, bn.Trainable,
                    gamma, beta, mean, variance, stats, outputBuffer, deltaBuffer),
            };
        }

        /// <summary>The summary's row of a batch normalization: Keras counts all four tensors (two of them non-trainable).</summary>
        public static LayerPlan Layer(CheckedLayer layer, BatchNormPlan bn) =>
            new(bn.Name, "BatchNormalization", layer.OutputShape, ParameterCount(layer.BatchNorm!, bn.Units), null);

        /// <summary>gamma (with Scale), beta (with Center), the moving mean and the moving variance.</summary>
        public static int ParameterCount(BatchNormSettings bn, int units) => units * ((bn.Scale ? 1 : 0) + (bn.Center ? 1 : 0) + 2);

        /// <summary>Parameters that never train: moving statistics, and gamma and beta of a normalization declared Trainable = false.</summary>
        public static long NonTrainableParameters(ModelPlan plan) => plan.DenseSteps.Where(d => d.BatchNorm is not null).Sum(d =>
            (long)d.BatchNorm!.Units * (2 + (d.BatchNorm.Trainable ? 0 : (d.BatchNorm.GammaOffset >= 0 ? 1 : 0) + (d.BatchNorm.BetaOffset >= 0 ? 1 : 0))));

        /// <summary>Whether a Dense step's own normalization folds into its columns (its activation is Identity).</summary>
        public static bool FoldsIntoOwnStep(DensePlan d) => d.BatchNorm is not null && d.Activation == Activation.Identity;

        /// <summary>Whether a Dense step's normalization folds into the next step's rows: nonlinear before it, none after.</summary>
        public static bool FoldsIntoNextStep(DensePlan d) => d.BatchNorm is { Activation: Activation.Identity } && d.Activation != Activation.Identity;

        /// <summary>Marks the folds on the plan's Dense steps and reserves their folded kernels and biases.</summary>
        public static void PlanFolds(List<LayerPlan> layers, ref int parameters)
        {
            DensePlan? previous = null;
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i].Dense is not { } d) continue;
                bool input = previous is not null && FoldsIntoNextStep(previous);
                bool output = FoldsIntoOwnStep(d);
                previous = d;
                if (!input && !output) continue;
                int kernel = Planner.Allocate(ref parameters, d.Inputs * d.PaddedUnits);
                int bias = Planner.Allocate(ref parameters, d.PaddedUnits);
                layers[i] = layers[i] with { Dense = d with { Fold = new FoldPlan(kernel, bias, input, output) } };
                previous = layers[i].Dense;
            }
        }

        /// <summary>
        /// The training math with the slices the optimizer must skip added to <see cref="TrainingMathPlan.Frozen"/>:
        /// moving and batch statistics, folded copies, and gamma and beta of a normalization declared Trainable = false.
        /// </summary>
        public static TrainingMathPlan SkipNonTrainable(TrainingMathPlan training, ModelPlan plan)
        {
            var ranges = new List<TensorRange>(training.Frozen);
            foreach (DensePlan d in plan.DenseSteps)
            {
                if (d.BatchNorm is { } bn)
                {
                    int first = bn.Trainable ? bn.MeanOffset : System.Math.Max(0, new[] { bn.GammaOffset, bn.BetaOffset, bn.MeanOffset }.Where(o => o >= 0).Min());
                    int end = bn.StatsOffset + Round(5 * bn.PaddedUnits);
                    ranges.Add(new TensorRange(bn.Name + (bn.Trainable ? " (moving and batch statistics)" : " (Trainable = false)"), first, end - first));
                }
                if (d.Fold is { } fold)
                {
                    ranges.Add(new TensorRange(d.Name + " (folded for inference)", fold.KernelOffset, fold.BiasOffset + Round(d.PaddedUnits) - fold.KernelOffset));
                }
            }
            if (ranges.Count == training.Frozen.Count) return training;
            return training with { Frozen = ranges.OrderBy(r => r.Offset).ToEquatableArray() };
        }

        private static int Round(int length) => Planner.AlignUp(length);
    }
}
