using System.Collections.Generic;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>
    /// Lowers one Dense layer, the same for a sequential layer and a graph node: its tensors in the parameter arena
    /// (the kernel packed in column panels, <c>ModelGen.Kernels.PanelLayout</c>, padded to whole vectors; the bias; a
    /// learned activation's tensor) and its fused step reading and writing the buffers the caller planned.
    /// </summary>
    public static class DensePlanner
    {
        /// <summary>Plans <paramref name="layer"/> as a step from <paramref name="inputBuffer"/> to <paramref name="outputBuffer"/>.</summary>
        /// <param name="inputDeltaBuffer">Where its input gradient goes; <see cref="DensePlan.ModelInput"/> when none is needed.</param>
        public static DensePlan Plan(CheckedLayer layer, string stem, int inputBuffer, int outputBuffer, int deltaBuffer, int inputDeltaBuffer,
            int inputStride, int unrollThreshold, ref int parameters, ref int activations, List<TensorPlan> tensors)
        {
            int inputs = layer.InputShape[0], units = layer.OutputShape[0];
            int padded = Planner.AlignUp(units);
            int kernelOffset = Planner.Allocate(ref parameters, inputs * padded);
            tensors.Add(new TensorPlan(layer.Name + ".kernel", new EquatableArray<int>(new[] { inputs, units }), kernelOffset,
                inputs * padded, Packed: true, layer.KernelInit, FanIn: inputs, FanOut: units) { Arguments = layer.KernelArguments });
            int biasOffset = -1;
            if (layer.UseBias)
            {
                biasOffset = Planner.Allocate(ref parameters, units);
                tensors.Add(new TensorPlan(layer.Name + ".bias", new EquatableArray<int>(new[] { units }), biasOffset,
                    units, Packed: false, layer.BiasInit, FanIn: units, FanOut: units) { Arguments = layer.BiasArguments });
            }
            ActivationPlan activation = ActivationPlanner.Plan(layer, units, padded, ref parameters, ref activations, tensors);
            return new DensePlan(
                layer.Name, stem, inputs, units, layer.Activation, layer.UseBias, layer.KernelInit, layer.BiasInit, kernelOffset, biasOffset,
                inputBuffer, outputBuffer, deltaBuffer, inputDeltaBuffer, inputStride,
                Unrolled: inputs * units <= unrollThreshold, activation) { DropoutRate = layer.DropoutRate, AlphaDropout = layer.AlphaDropout };
        }

        /// <summary>Kernel, bias and any learned activation tensor: the layer's parameters as the summary counts them.</summary>
        public static int ParameterCount(CheckedLayer layer)
        {
            int inputs = layer.InputShape[0], units = layer.OutputShape[0];
            return inputs * units + (layer.UseBias ? units : 0) + ActivationPlanner.ParameterCount(layer, units);
        }
    }
}
