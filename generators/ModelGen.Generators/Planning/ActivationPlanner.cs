using System.Collections.Generic;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>
    /// Plans a Dense layer's activation: its constants, the tensor it learns (PReLU's alpha, one per unit as Keras;
    /// a learned Swish beta, one per layer) placed after the layer's bias, and a z buffer only for the activations
    /// whose derivative needs the pre-activation.
    /// </summary>
    public static class ActivationPlanner
    {
        /// <summary>The learned tensor's length for <paramref name="layer"/> (0 when it learns none).</summary>
        public static int ParameterCount(CheckedLayer layer, int units) => layer.Activation switch
        {
            Activation.PRelu => units,
            Activation.Swish when (layer.ActivationSettings ?? ActivationSettings.Default).LearnBeta => 1,
            _ => 0,
        };

        /// <summary>Allocates what the activation of <paramref name="layer"/> needs and returns its plan.</summary>
        public static ActivationPlan Plan(CheckedLayer layer, int units, int padded, ref int parameters, ref int activations, List<TensorPlan> tensors)
        {
            ActivationSettings s = layer.ActivationSettings ?? ActivationSettings.Default;
            int parameterOffset = ActivationPlan.None;
            int count = ParameterCount(layer, units);
            if (count > 0)
            {
                parameterOffset = Planner.Allocate(ref parameters, count);
                // PReLU's alpha starts at 0 (Keras' alpha_initializer="zeros", so the layer starts as ReLU); a learned
                // Swish beta starts at the declared Beta, as a constant initializer.
                bool prelu = layer.Activation == Activation.PRelu;
                tensors.Add(new TensorPlan(layer.Name + (prelu ? ".alpha" : ".beta"), new EquatableArray<int>(new[] { count }), parameterOffset, count,
                    Packed: false, prelu ? Init.Zeros : Init.Constant, FanIn: count, FanOut: count)
                {
                    Arguments = prelu ? InitArguments.Default : InitArguments.Default with { Value = s.Beta },
                });
            }
            int preActivation = ActivationPlan.NeedsPreActivation(layer.Activation) ? Planner.Allocate(ref activations, padded) : ActivationPlan.None;
            return new ActivationPlan(layer.Activation, s.NegativeSlope, s.Alpha, s.Beta, s.LearnBeta, s.RReluLower, s.RReluUpper, parameterOffset, preActivation);
        }
    }
}
