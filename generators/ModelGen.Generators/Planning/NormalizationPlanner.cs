using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>
    /// Lays out a Normalization step: its mean and variance as two tensors of the parameter arena (Keras' names
    /// <c>{layer}.mean</c> and <c>{layer}.variance</c>, initialized to zeros and ones, so an unadapted layer is the
    /// identity), its output rows padded to 16 floats, and the arena slices the optimizer must skip.
    /// </summary>
    public static class NormalizationPlanner
    {
        /// <summary>Plans one step reading <paramref name="inputBuffer"/> (rows <paramref name="inputStride"/> apart) into <paramref name="outputBuffer"/>.</summary>
        public static NormalizationPlan Plan(string name, string stem, int features, ref int parameters, List<TensorPlan> tensors,
            int inputBuffer, int inputStride, int inputColumn, int outputBuffer)
        {
            var shape = new EquatableArray<int>(new[] { features });
            int mean = Planner.Allocate(ref parameters, features);
            tensors.Add(new TensorPlan(name + ".mean", shape, mean, features, Packed: false, Init.Zeros, FanIn: features, FanOut: features));
            int variance = Planner.Allocate(ref parameters, features);
            tensors.Add(new TensorPlan(name + ".variance", shape, variance, features, Packed: false, Init.Ones, FanIn: features, FanOut: features));
            return new NormalizationPlan(name, stem, features, mean, variance, inputBuffer, inputStride, inputColumn, outputBuffer, Padded(features));
        }

        /// <summary>
        /// The plan with its Normalization steps, whose statistics join the slices the optimizer skips (as a frozen
        /// layer's: they are non-trainable). A plan without any is returned unchanged, so its code is too.
        /// </summary>
        public static ModelPlan Attach(ModelPlan plan, List<NormalizationPlan> steps)
        {
            if (steps.Count == 0) return plan;
            IEnumerable<TensorRange> statistics = steps.SelectMany(n => new[]
            {
                new TensorRange(n.Name + ".mean", n.MeanOffset, Padded(n.Features)),
                new TensorRange(n.Name + ".variance", n.VarianceOffset, Padded(n.Features)),
            });
            var frozen = plan.Training.Frozen.Concat(statistics).OrderBy(r => r.Offset).ToEquatableArray();
            return plan with
            {
                Normalizations = steps.ToEquatableArray(),
                Training = plan.Training with { Frozen = frozen },
            };
        }

        /// <summary>Parameters of a Normalization layer as the summary counts them: mean and variance.</summary>
        public static int ParameterCount(int features) => 2 * features;

        private static int Padded(int floats) => Planner.AlignUp(floats);
    }
}
