using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Ops;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>
    /// Lowers a model to the graph IR (<see cref="GraphPlan"/>): a functional model's checked schedule, or a
    /// sequential model's layers as a chain. Plans per-sample buffers statically, as llm.c plans its activations:
    /// training keeps every value for the backward pass and reuses gradient buffers by lifetime along the reverse
    /// schedule; inference reuses value buffers by lifetime along the forward schedule.
    /// </summary>
    public static class GraphPlanner
    {
        /// <summary>Plans a functional model.</summary>
        public static GraphPlan Lower(CheckedGraph graph)
        {
            EquatableArray<CheckedNode> nodes = graph.Schedule;
            int n = nodes.Count;
            var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (int i = 0; i < n; i++) index[nodes[i].Name] = i;
            // A Dropout node is its Dense node's rows after the mask (the Dense step applies it in place): it owns no
            // buffer, and its readers keep the Dense node's buffers alive.
            var owner = Enumerable.Range(0, n).ToArray();
            for (int i = 0; i < n; i++)
            {
                if (nodes[i].Kind == NodeKind.Dropout) owner[i] = owner[index[nodes[i].Inputs[0]]];
            }
            var lastConsumer = new int[n];
            for (int i = 0; i < n; i++) lastConsumer[i] = -1;
            for (int i = 0; i < n; i++)
            {
                foreach (string input in nodes[i].Inputs) lastConsumer[owner[index[input]]] = System.Math.Max(lastConsumer[owner[index[input]]], i);
            }

            var widths = nodes.Select(node => Padded(Product(node.OutputShape))).ToArray();
            bool[] external = Enumerable.Range(0, n).Select(i => nodes[i].Kind == NodeKind.Input || owner[i] != i).ToArray();

            // Training values: one buffer each, in schedule order (the backward pass reads them all).
            int valueFloats = 0;
            var values = new int[n];
            for (int i = 0; i < n; i++) values[i] = external[i] ? -1 : Planner.Allocate(ref valueFloats, widths[i]);

            // Gradients, in backward time t = n - 1 - schedule index: a node's gradient is first written (+=) by the
            // backward step of its last consumer (or the loss, at t = 0, for an output) and last read by its own step.
            var gradientIntervals = new List<Interval>();
            for (int i = 0; i < n; i++)
            {
                if (external[i]) continue;
                int firstWrite = nodes[i].Output is not null ? 0 : n - 1 - lastConsumer[i];
                gradientIntervals.Add(new Interval(i, firstWrite, n - 1 - i, widths[i]));
            }
            int[] gradients = Assign(gradientIntervals, n, out int gradientFloats);
            int gradientFloatsWithoutReuse = gradientIntervals.Sum(v => v.Length);

            // Inference values: live from the node's own step to its last consumer's (an output's to the end).
            var inferenceIntervals = new List<Interval>();
            for (int i = 0; i < n; i++)
            {
                if (external[i]) continue;
                int last = nodes[i].Output is not null ? n - 1 : lastConsumer[i];
                inferenceIntervals.Add(new Interval(i, i, last, widths[i]));
            }
            int[] inference = Assign(inferenceIntervals, n, out int inferenceFloats);
            for (int i = 0; i < n; i++)
            {
                if (owner[i] == i) continue;
                values[i] = values[owner[i]];
                gradients[i] = gradients[owner[i]];
                inference[i] = inference[owner[i]];
            }

            var plans = new List<NodePlan>();
            int parameterCount = 0;
            for (int i = 0; i < n; i++)
            {
                CheckedNode node = nodes[i];
                int parameters = node.Layer is { Kind: LayerKind.Dense } dense ? DensePlanner.ParameterCount(dense)
                    : node.Kind == NodeKind.Normalization ? NormalizationPlanner.ParameterCount(Product(node.OutputShape))
                    : node.Kind == NodeKind.BatchNormalization && nodes[index[node.Inputs[0]]].Layer?.BatchNorm is { } bn ? BatchNormPlanner.ParameterCount(bn, Product(node.OutputShape))
                    : 0;
                if (node.Kind != NodeKind.Normalization) parameterCount += parameters; // the statistics are not trainable
                // Keras' History names: with several outputs "{output}_loss" and "{output}_{metric}"; with one, the
                // output's loss is the model's "loss" and its metrics keep their plain names.
                bool single = nodes.Count(x => x.Output is not null) == 1;
                GraphOutputPlan? output = node.Output is { } o
                    ? new GraphOutputPlan(o.Loss, o.LossWeight, single ? "loss" : node.Name + "_loss",
                        o.Metrics.Select(m => (single ? "" : node.Name + "_") + LossMetrics.KerasName((Metric)m)).ToEquatableArray())
                    {
                        FromLogits = o.FromLogits,
                        HuberDelta = o.HuberDelta,
                        Metrics = LossMetrics.Resolve(o.Metrics, o.Loss, Product(node.OutputShape)),
                    }
                    : null;
                // Inputs are scheduled before their readers, so plans[] already holds the predecessor's flag.
                bool noGradient = node.Kind == NodeKind.Input || (node.Kind == NodeKind.Normalization && plans[index[node.Inputs[0]]].NoGradient);
                plans.Add(new NodePlan(node.Name, node.Kind.ToString(), node.Inputs, node.OutputShape, parameters, widths[i],
                    values[i], gradients[i], inference[i], output) { NoGradient = noGradient });
            }
            return new GraphPlan(plans.ToEquatableArray(), parameterCount, valueFloats, gradientFloats, gradientFloatsWithoutReuse, inferenceFloats);
        }

        /// <summary>
        /// Lowers a functional model to a whole <see cref="ModelPlan"/>: the parameter arena and one
        /// <see cref="DensePlan"/> per Dense node (<see cref="DensePlanner"/>, as a sequential layer), the activation
        /// arena laid out as values, then gradients (reused by lifetime), the packed output rows and one scratch row.
        /// The caller's input is one packed row per sample: every input node's features side by side, in schedule order.
        /// <paramref name="model"/> carries the [Model] options and the Dense nodes' layers in schedule order.
        /// </summary>
        public static ModelPlan LowerModel(CheckedGraph checkedGraph, CheckedModel model)
        {
            GraphPlan graph = Lower(checkedGraph);
            EquatableArray<CheckedNode> nodes = checkedGraph.Schedule;
            int n = nodes.Count;
            var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (int i = 0; i < n; i++) index[nodes[i].Name] = i;

            var inputColumns = Enumerable.Repeat(-1, n).ToArray();
            var outputColumns = Enumerable.Repeat(-1, n).ToArray();
            var targetColumns = Enumerable.Repeat(-1, n).ToArray();
            int inputSize = 0, outputSize = 0, targetSize = 0;
            for (int i = 0; i < n; i++)
            {
                if (nodes[i].Kind == NodeKind.Input) { inputColumns[i] = inputSize; inputSize += Product(nodes[i].OutputShape); }
                if (nodes[i].Output is { } o)
                {
                    outputColumns[i] = outputSize;
                    outputSize += Product(nodes[i].OutputShape);
                    // A sparse output's target is its class index: one float column, not one per unit.
                    targetColumns[i] = targetSize;
                    targetSize += o.Loss == Loss.SparseCategoricalCrossEntropy ? 1 : Product(nodes[i].OutputShape);
                }
            }

            int activations = graph.ValueFloats;
            int gradientBase = Planner.Allocate(ref activations, graph.GradientFloats);
            int packedOutput = Planner.Allocate(ref activations, outputSize);
            int scratch = Planner.Allocate(ref activations, graph.Schedule.Max(node => node.Width));

            var layers = new List<LayerPlan>();
            var tensors = new List<TensorPlan>();
            var stems = new HashSet<string>();
            var normalizations = new List<NormalizationPlan>();
            var denseByName = new Dictionary<string, DensePlan>(System.StringComparer.Ordinal);
            int parameters = 0;
            // A step reading a node that takes no gradient (NodePlan.NoGradient) writes no input gradient.
            bool NoGradient(int node) => graph.Schedule[node].NoGradient;
            for (int i = 0; i < n; i++)
            {
                CheckedNode node = nodes[i];
                NodePlan planned = graph.Schedule[i];
                if (node.Kind == NodeKind.Normalization)
                {
                    int source = index[node.Inputs[0]];
                    bool fromInput = nodes[source].Kind == NodeKind.Input;
                    normalizations.Add(NormalizationPlanner.Plan(node.Name, Planner.UniqueStem(node.Name, stems), Product(node.OutputShape), ref parameters, tensors,
                        fromInput ? DensePlan.ModelInput : graph.Schedule[source].ValueBuffer, fromInput ? inputSize : graph.Schedule[source].Width,
                        fromInput ? inputColumns[source] : 0, planned.ValueBuffer));
                    layers.Add(new LayerPlan(node.Name, "Normalization", node.OutputShape, planned.ParameterCount, null));
                    continue;
                }
                if (node.Kind == NodeKind.BatchNormalization)
                {
                    DensePlan normalized = denseByName[node.Inputs[0]];
                    layers.Add(BatchNormPlanner.Layer(nodes[index[node.Inputs[0]]].Layer!, normalized.BatchNorm!));
                    continue;
                }
                if (node.Layer is not { Kind: LayerKind.Dense } layer)
                {
                    layers.Add(new LayerPlan(node.Name, node.Kind.ToString(), node.OutputShape, 0, null));
                    continue;
                }
                int from = index[node.Inputs[0]];
                bool readsInput = nodes[from].Kind == NodeKind.Input;
                DensePlan dense = DensePlanner.Plan(layer, Planner.UniqueStem(layer.Name, stems),
                    inputBuffer: readsInput ? DensePlan.ModelInput : graph.Schedule[from].ValueBuffer,
                    outputBuffer: planned.ValueBuffer,
                    deltaBuffer: gradientBase + planned.GradientBuffer,
                    inputDeltaBuffer: NoGradient(from) ? DensePlan.ModelInput : gradientBase + graph.Schedule[from].GradientBuffer,
                    inputStride: readsInput ? inputSize : graph.Schedule[from].Width,
                    model.UnrollThreshold, ref parameters, ref activations, tensors);
                if (layer.BatchNorm is { } bn)
                {
                    // Its BatchNormalization node's rows, as the graph planned them.
                    NodePlan normalized = graph.Schedule[index[bn.Name]];
                    dense = BatchNormPlanner.Attach(layer, dense, stems, ref parameters, ref activations, tensors,
                        output: normalized.ValueBuffer, delta: gradientBase + normalized.GradientBuffer);
                }
                denseByName[node.Name] = dense;
                layers.Add(new LayerPlan(node.Name, "Dense", node.OutputShape, planned.ParameterCount, dense));
            }

            OptimizerPlan optimizer = OptimizerRules.Plan(model);
            var memory = new MemoryPlan(parameters, parameters * optimizer.StateSlots, activations, tensors.ToEquatableArray());
            var loss = new LossPlan(Loss.MeanSquaredError, FromLogits: false, FusedWithOutput: false);
            var lowered = new ModelPlan(checkedGraph.Namespace, checkedGraph.ClassName, new EquatableArray<int>(new[] { inputSize }), inputSize,
                outputSize, Padded(outputSize), loss, optimizer, layers.ToEquatableArray(), memory)
            {
                Graph = graph with
                {
                    IsFunctional = true,
                    GradientBase = gradientBase,
                    ScratchBuffer = scratch,
                    PackedOutputBuffer = packedOutput,
                    InputColumns = inputColumns.ToEquatableArray(),
                    OutputColumns = outputColumns.ToEquatableArray(),
                    TargetColumns = targetColumns.ToEquatableArray(),
                    TargetSize = targetSize,
                },
            };
            // Trainable = false, regularizers, constraints and clipping: the sequential rules over the Dense nodes in schedule order.
            lowered = lowered with { Layers = TrainingMathPlanner.MarkFrozen(model, lowered) };
            lowered = lowered with { Training = BatchNormPlanner.SkipNonTrainable(TrainingMathPlanner.Plan(model, lowered), lowered) };
            return NormalizationPlanner.Attach(lowered, normalizations);
        }

        /// <summary>
        /// A sequential model as the same IR: a chain, each layer reading the one before it, with the buffers the
        /// sequential planner gave its Dense steps (Flatten aliases its predecessor's buffer, the input is the caller's).
        /// </summary>
        public static GraphPlan Chain(IReadOnlyList<LayerPlan> layers, LossPlan loss, IReadOnlyList<NormalizationPlan> normalizations)
        {
            var plans = new List<NodePlan>();
            int value = -1, gradient = -1, width = 0, parameters = 0, floats = 0, gradientFloats = 0;
            for (int i = 0; i < layers.Count; i++)
            {
                LayerPlan layer = layers[i];
                EquatableArray<string> inputs = i == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(new[] { layers[i - 1].Name });
                if (layer.Dense is { } dense)
                {
                    value = dense.OutputBuffer;
                    gradient = dense.DeltaBuffer;
                    width = dense.PaddedUnits;
                    floats += width;
                    gradientFloats += width;
                }
                else if (i > 0 && layers[i - 1].Dense?.BatchNorm is { } bn && bn.Name == layer.Name)
                {
                    // A batch normalization reads its Dense step's h and writes its own buffer.
                    value = bn.OutputBuffer;
                    gradient = bn.DeltaBuffer;
                    floats += width;
                    gradientFloats += width;
                }
                else if (normalizations.FirstOrDefault(n => n.Name == layer.Name) is { } norm)
                {
                    // A Normalization writes its own rows; it reads the model input, so it has no gradient.
                    value = norm.OutputBuffer;
                    width = norm.Width;
                    floats += width;
                }
                else if (i == 0)
                {
                    width = Product(layer.OutputShape);
                }
                parameters += layer.ParameterCount;
                // The input takes no gradient, nor does a Flatten or Normalization after it (they read it unchanged or standardized).
                bool noGradient = i == 0 || (layer.Dense is null && layer.Kind != "BatchNormalization" && plans[i - 1].NoGradient);
                plans.Add(new NodePlan(layer.Name, layer.Kind, inputs, layer.OutputShape, layer.ParameterCount, width, value, gradient, value,
                    i == layers.Count - 1 ? new GraphOutputPlan(loss.Kind, 1f, "loss", loss.Metrics.Select(m => m.Name).ToEquatableArray()) : null)
                    { NoGradient = noGradient });
            }
            // The sequential planner keeps one buffer per layer (no reuse), so the three layouts coincide. The input
            // is the caller's row at column 0, and the last layer's rows are the output rows, read in place.
            int last = layers.Count - 1;
            return new GraphPlan(plans.ToEquatableArray(), parameters, floats, gradientFloats, gradientFloats, floats)
            {
                InputColumns = Enumerable.Range(0, layers.Count).Select(i => i == 0 ? 0 : -1).ToEquatableArray(),
                OutputColumns = Enumerable.Range(0, layers.Count).Select(i => i == last ? 0 : -1).ToEquatableArray(),
                PackedOutputBuffer = plans[last].ValueBuffer,
            };
        }

        /// <summary>A buffer's lifetime [First, Last] in steps, inclusive, and its length in floats.</summary>
        private readonly record struct Interval(int Node, int First, int Last, int Length);

        /// <summary>
        /// Greedy first-fit by start time: each interval takes the lowest offset where it overlaps no live buffer in
        /// both time and space. Returns each node's offset (-1 for none) and the arena size.
        /// </summary>
        private static int[] Assign(List<Interval> intervals, int nodes, out int floats)
        {
            var offsets = Enumerable.Repeat(-1, nodes).ToArray();
            var placed = new List<(Interval Interval, int Offset)>();
            floats = 0;
            foreach (Interval v in intervals.OrderBy(v => v.First).ThenBy(v => v.Node))
            {
                var busy = placed.Where(p => p.Interval.Last >= v.First && p.Interval.First <= v.Last).OrderBy(p => p.Offset).ToList();
                int offset = 0;
                foreach ((Interval other, int at) in busy)
                {
                    if (offset + v.Length <= at) break;
                    offset = System.Math.Max(offset, at + other.Length);
                }
                placed.Add((v, offset));
                offsets[v.Node] = offset;
                floats = System.Math.Max(floats, offset + v.Length);
            }
            return offsets;
        }

        private static int Padded(int floats) => Planner.AlignUp(floats);

        private static int Product(EquatableArray<int> shape)
        {
            int p = 1;
            foreach (int d in shape) p *= d;
            return p;
        }
    }
}
