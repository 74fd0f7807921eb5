using System.Collections.Generic;
using System.Text;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Ops;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>
    /// Lowers a checked model to the plan: fused steps, and a static memory plan in which every parameter, gradient,
    /// optimizer-state and activation slice has a constant offset (as llm.c lays out its parameters and activations).
    /// </summary>
    public static class Planner
    {
        /// <summary>Floats per 64-byte cache line: every tensor and buffer starts on one.</summary>
        public const int AlignFloats = 16;

        /// <summary><paramref name="floats"/> rounded up to a whole number of <see cref="AlignFloats"/> (64 bytes).</summary>
        public static int AlignUp(int floats) => (floats + AlignFloats - 1) / AlignFloats * AlignFloats;

        /// <summary>Plans <paramref name="model"/>.</summary>
        public static ModelPlan Lower(CheckedModel model)
        {
            var layers = new List<LayerPlan>();
            var tensors = new List<TensorPlan>();
            var stems = new HashSet<string>();
            var normalizations = new List<NormalizationPlan>();
            int parameters = 0, activations = 0;
            int inputSize = Product(model.InputShape);

            // The previous Dense step's output and delta buffers: the next step reads the first and writes the second.
            int previousOutput = DensePlan.ModelInput, previousDelta = DensePlan.ModelInput, previousStride = inputSize;

            layers.Add(new LayerPlan(model.InputName, "Input", model.InputShape, 0, null));
            foreach (CheckedLayer layer in model.Layers)
            {
                if (layer.Kind == LayerKind.Normalization)
                {
                    // Standardizes the input into its own rows; the first Dense reads them and needs no input gradient.
                    int features = layer.OutputShape[0];
                    NormalizationPlan norm = NormalizationPlanner.Plan(layer.Name, UniqueStem(layer.Name, stems), features, ref parameters, tensors,
                        previousOutput, previousOutput == DensePlan.ModelInput ? inputSize : previousStride, 0,
                        Allocate(ref activations, AlignUp(features)));
                    normalizations.Add(norm);
                    layers.Add(new LayerPlan(layer.Name, "Normalization", layer.OutputShape, NormalizationPlanner.ParameterCount(features), null));
                    previousOutput = norm.OutputBuffer;
                    previousStride = norm.Width;
                    continue;
                }
                if (layer.Kind != LayerKind.Dense)
                {
                    layers.Add(new LayerPlan(layer.Name, layer.Kind.ToString(), layer.OutputShape, 0, null));
                    continue;
                }
                // y and dy rows are padded to whole vectors, so micro-kernels load and store them whole; padding stays zero.
                int padded = AlignUp(layer.OutputShape[0]);
                int output = Allocate(ref activations, padded);
                int delta = Allocate(ref activations, padded);
                DensePlan dense = DensePlanner.Plan(layer, UniqueStem(layer.Name, stems), previousOutput, output, delta, previousDelta,
                    inputStride: previousOutput == DensePlan.ModelInput ? inputSize : previousStride, model.UnrollThreshold,
                    ref parameters, ref activations, tensors);
                dense = BatchNormPlanner.Attach(layer, dense, stems, ref parameters, ref activations, tensors);
                previousStride = padded;
                layers.Add(new LayerPlan(layer.Name, "Dense", layer.OutputShape, DensePlanner.ParameterCount(layer), dense));
                if (dense.BatchNorm is { } bn) layers.Add(BatchNormPlanner.Layer(layer, bn));
                previousOutput = dense.BatchNorm?.OutputBuffer ?? output;
                previousDelta = dense.BatchNorm?.DeltaBuffer ?? delta;
            }

            BatchNormPlanner.PlanFolds(layers, ref parameters);
            int outputUnits = model.Layers[model.Layers.Count - 1].OutputShape[0];
            var loss = new LossPlan(model.Loss, model.FromLogits, LossMetrics.FusesWithOutput(model.Loss, model.FromLogits, LastActivation(layers)))
            {
                HuberDelta = model.HuberDelta,
                Metrics = LossMetrics.Resolve(model.Metrics, model.Loss, outputUnits),
            };
            OptimizerPlan optimizer = OptimizerRules.Plan(model);
            var memory = new MemoryPlan(parameters, parameters * optimizer.StateSlots, activations, tensors.ToEquatableArray());
            int outputSize = model.Layers[model.Layers.Count - 1].OutputShape[0];
            var plan = new ModelPlan(model.Namespace, model.ClassName, model.InputShape, inputSize, outputSize, previousStride,
                loss, optimizer, layers.ToEquatableArray(), memory);
            plan = plan with { Layers = TrainingMathPlanner.MarkFrozen(model, plan) };
            plan = plan with { Training = BatchNormPlanner.SkipNonTrainable(TrainingMathPlanner.Plan(model, plan), plan), Graph = GraphPlanner.Chain(plan.Layers, loss, normalizations) };
            return NormalizationPlanner.Attach(plan, normalizations);
        }

        private static Activation LastActivation(List<LayerPlan> layers)
        {
            for (int i = layers.Count - 1; i >= 0; i--)
            {
                if (layers[i].Dense is { } dense) return dense.Activation;
            }
            return Activation.Identity;
        }

        /// <summary>Reserves <paramref name="length"/> floats at the next 64-byte boundary; returns the offset.</summary>
        internal static int Allocate(ref int cursor, int length)
        {
            int offset = cursor;
            cursor += AlignUp(length);
            return offset;
        }

        /// <summary>"dense_1" becomes "Dense1": a C# method-name stem, made unique within the model.</summary>
        internal static string UniqueStem(string name, HashSet<string> used)
        {
            var sb = new StringBuilder();
            bool upper = true;
            foreach (char c in name)
            {
                if (c == '_') { upper = true; continue; }
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            string stem = sb.ToString();
            for (int i = 2; !used.Add(stem); i++) stem = sb + "_" + i;
            return stem;
        }

        private static int Product(EquatableArray<int> shape)
        {
            int n = 1;
            foreach (int d in shape) n *= d;
            return n;
        }
    }
}
