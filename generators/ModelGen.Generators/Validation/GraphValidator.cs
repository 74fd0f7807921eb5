using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Ops;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// Checks a functional model: names, predecessors, cycles, shapes at every node, outputs and unused nodes; each
    /// problem at the attribute that causes it. Schedules the nodes topologically (Kahn's algorithm, ready nodes in
    /// declaration order) and infers shapes along that schedule.
    /// </summary>
    public static class GraphValidator
    {
        /// <summary>The sequential model's own graph rule: a class-level Dense reads the layer before it, so From is an error (MG0077).</summary>
        public static void CheckSequential(ModelDeclaration model, List<DiagnosticInfo> diagnostics)
        {
            foreach (LayerDeclaration layer in model.Layers)
            {
                if (layer.From is not null) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromOnSequentialLayer, layer.Location, layer.Name ?? layer.Kind.ToString().ToLowerInvariant()));
            }
        }

        /// <summary>
        /// [Model] settings of a sequential model's single output, which a functional model's outputs declare each for
        /// themselves: reported instead of silently training without them.
        /// </summary>
        private static void CheckUnsupportedOptions(ModelDeclaration model, List<DiagnosticInfo> diagnostics)
        {
            ModelOptions o = model.Options;
            var set = new List<string>();
            if (o.Loss != Loss.MeanSquaredError) set.Add("Loss");
            if (o.FromLogits) set.Add("FromLogits");
            if (o.HuberDeltaSet) set.Add("HuberDelta");
            if (o.Metrics.Count > 0) set.Add("Metrics");
            if (set.Count == 0) return;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSupportedOnGraphs, o.Location, $"Functional model '{model.ClassName}'",
                string.Join(", ", set), "declare the loss, FromLogits and metrics on each [Output]"));
        }

        /// <summary>
        /// Inputs named by member (<c>From = nameof(A)</c>) where node A carries another <c>Name</c>: renamed to the node's
        /// name, so nameof stays the refactoring-safe way to connect nodes whatever they are called in History.
        /// </summary>
        private static EquatableArray<NodeDeclaration> ResolveMemberNames(EquatableArray<NodeDeclaration> nodes)
        {
            var names = new HashSet<string>(nodes.Select(n => n.Name), StringComparer.Ordinal);
            var byMember = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (NodeDeclaration n in nodes)
            {
                if (n.Member != n.Name && !names.Contains(n.Member)) byMember[n.Member] = n.Name;
            }
            if (byMember.Count == 0) return nodes;
            return nodes.Select(n => n with { Inputs = n.Inputs.Select(i => byMember.TryGetValue(i, out string? name) ? name : i).ToEquatableArray() }).ToEquatableArray();
        }

        /// <summary>Validates the graph of <paramref name="model"/> (whose <see cref="ModelDeclaration.Nodes"/> are not empty).</summary>
        public static Result<CheckedGraph> Validate(ModelDeclaration model)
        {
            var diagnostics = new List<DiagnosticInfo>();
            if (model.Layers.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MixedSequentialAndGraph, model.Location, model.ClassName));
                return new Result<CheckedGraph>(null, diagnostics.ToEquatableArray());
            }
            // The optimizer settings of [Model] apply to a graph model as they are (learning rate, momentum, hyperparameters).
            ModelValidator.CheckOptions(model, diagnostics);
            CheckUnsupportedOptions(model, diagnostics);
            TrainingMathValidator.Check(model, diagnostics);
            EquatableArray<NodeDeclaration> nodes = ResolveMemberNames(model.Nodes);
            var byName = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < nodes.Count; i++)
            {
                NodeDeclaration node = nodes[i];
                bool valid = node.Name.Length > 0 && char.IsLetter(node.Name[0]) && node.Name.All(c => char.IsLetterOrDigit(c) || c == '_');
                if (!valid) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerName, node.Location, node.Name));
                else if (byName.ContainsKey(node.Name)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, node.Location, node.Name, model.ClassName));
                else byName.Add(node.Name, i);
            }

            // Edges: predecessors[i] holds the indices node i reads, in order; a missing one is reported and dropped.
            var predecessors = new List<int>[nodes.Count];
            var consumers = new List<int>[nodes.Count];
            for (int i = 0; i < nodes.Count; i++) consumers[i] = new List<int>();
            for (int i = 0; i < nodes.Count; i++)
            {
                NodeDeclaration node = nodes[i];
                predecessors[i] = new List<int>();
                CheckArity(node, diagnostics);
                foreach (string input in node.Inputs)
                {
                    if (byName.TryGetValue(input, out int p))
                    {
                        predecessors[i].Add(p);
                        if (!consumers[p].Contains(i)) consumers[p].Add(i);
                    }
                    else
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownNode, node.Location, node.Name, input, model.ClassName));
                    }
                }
            }

            List<int> schedule = Schedule(nodes, predecessors, consumers, diagnostics);
            var shapes = new int[nodes.Count][];
            var checkedNodes = new List<CheckedNode>();
            foreach (int i in schedule)
            {
                NodeDeclaration node = nodes[i];
                int[][] inputShapes = predecessors[i].Select(p => shapes[p]).ToArray();
                CheckedLayer? layer = null;
                int[]? shape = inputShapes.Any(s => s is null) ? null : InferShape(node, inputShapes, diagnostics, out layer);
                shapes[i] = shape!;
                if (shape is null) continue;
                CheckedOutput? output = CheckOutput(node, layer, shape, diagnostics);
                checkedNodes.Add(new CheckedNode(node.Kind, node.Name, predecessors[i].Select(p => nodes[p].Name).ToEquatableArray(),
                    shape.ToEquatableArray(), layer, output));
            }

            checkedNodes = FusedNodeValidator.Fuse(model, nodes, consumers, checkedNodes, diagnostics);
            for (int i = 0; i < nodes.Count; i++)
            {
                if (consumers[i].Count == 0 && nodes[i].Output is null) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedNode, nodes[i].Location, nodes[i].Name));
            }
            if (!nodes.Any(n => n.Output is not null)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoOutputs, model.Location, model.ClassName));

            if (diagnostics.Count > 0) return new Result<CheckedGraph>(null, diagnostics.ToEquatableArray());
            ModelOptions options = model.Options;
            float learningRate = options.LearningRate > 0 ? options.LearningRate : OptimizerRules.DefaultLearningRate(options.Optimizer);
            return new Result<CheckedGraph>(
                new CheckedGraph(model.Namespace, model.ClassName, options.Optimizer, learningRate, checkedNodes.ToEquatableArray()),
                EquatableArray<DiagnosticInfo>.Empty);
        }

        private static void CheckArity(NodeDeclaration node, List<DiagnosticInfo> diagnostics)
        {
            string? problem = node.Kind switch
            {
                NodeKind.Dense when node.Inputs.Count == 0 => "is a Dense node without a predecessor: name the node it reads with From = nameof(...)",
                NodeKind.Normalization when node.Inputs.Count == 0 => "is a Normalization node without a predecessor: name the node it reads with From = nameof(...)",
                NodeKind.Flatten when node.Inputs.Count == 0 => "is a Flatten node without a predecessor: name the node it reads with From = nameof(...)",
                NodeKind.Dropout or NodeKind.BatchNormalization when node.Inputs.Count == 0 =>
                    $"is a {node.Kind} node without a predecessor: name the Dense node it reads with From = nameof(...)",
                NodeKind.Concatenate or NodeKind.Add or NodeKind.Multiply or NodeKind.Average when node.Inputs.Count < 2 =>
                    $"merges {node.Inputs.Count} node{(node.Inputs.Count == 1 ? "" : "s")}: {node.Kind} needs at least two, e.g. [{node.Kind}(nameof(A), nameof(B))]",
                _ => null,
            };
            if (problem is not null) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingPredecessor, node.Location, node.Name, problem));
        }

        /// <summary>
        /// Kahn's algorithm, ready nodes taken in declaration order. Nodes left over lie on (or behind) a cycle: each
        /// cycle is reported once, at the attribute of the node where the walk along predecessors closes it.
        /// </summary>
        private static List<int> Schedule(EquatableArray<NodeDeclaration> nodes, List<int>[] predecessors, List<int>[] consumers, List<DiagnosticInfo> diagnostics)
        {
            var pending = new int[nodes.Count];
            for (int i = 0; i < nodes.Count; i++) pending[i] = predecessors[i].Distinct().Count();
            var ready = new SortedSet<int>(Enumerable.Range(0, nodes.Count).Where(i => pending[i] == 0));
            var order = new List<int>();
            while (ready.Count > 0)
            {
                int next = ready.Min;
                ready.Remove(next);
                order.Add(next);
                foreach (int c in consumers[next])
                {
                    if (--pending[c] == 0) ready.Add(c);
                }
            }
            var reported = new HashSet<int>();
            var scheduled = new HashSet<int>(order);
            for (int start = 0; start < nodes.Count; start++)
            {
                if (scheduled.Contains(start) || reported.Contains(start)) continue;
                // Walk back along unscheduled predecessors until a node repeats: the repeat closes a cycle.
                var path = new List<int>();
                int at = start;
                while (!path.Contains(at))
                {
                    path.Add(at);
                    at = predecessors[at].First(p => !scheduled.Contains(p));
                }
                List<int> cycle = path.Skip(path.IndexOf(at)).ToList();
                if (cycle.Any(reported.Contains)) { reported.UnionWith(path); continue; }
                reported.UnionWith(path);
                cycle.Reverse(); // in data-flow order: each node reads the one before it
                string through = string.Join(" -> ", cycle.Concat(new[] { cycle[0] }).Select(n => "'" + nodes[n].Name + "'"));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GraphCycle, nodes[at].Location, nodes[at].Name, through));
            }
            return order;
        }

        private static int[]? InferShape(NodeDeclaration node, int[][] inputs, List<DiagnosticInfo> diagnostics, out CheckedLayer? layer)
        {
            layer = null;
            LayerDeclaration declared = node.Layer;
            switch (node.Kind)
            {
                case NodeKind.Input:
                    if (declared.Shape.Count == 0) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, node.Location, "The shape", node.Name, "empty"));
                    bool ok = declared.Shape.Count > 0;
                    foreach (int d in declared.Shape)
                    {
                        if (d <= 0) { ok = false; diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, node.Location, "A dimension", node.Name, d)); }
                    }
                    int[] shape = declared.Shape.ToArray();
                    layer = new CheckedLayer(LayerKind.Input, node.Name, shape.ToEquatableArray(), shape.ToEquatableArray(), Activation.Identity, false, Init.Zeros, Init.Zeros);
                    return ok ? shape : null;
                case NodeKind.Dense:
                    if (inputs.Length != 1) return null;
                    int[] x = inputs[0];
                    bool valid = true;
                    if (declared.Units <= 0) { valid = false; diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, node.Location, "Units", node.Name, declared.Units)); }
                    if (x.Length != 1) { valid = false; diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DenseNeedsFlatInput, node.Location, node.Name, ModelValidator.FormatShape(x))); }
                    int before = diagnostics.Count;
                    ActivationValidator.Check(declared, node.Name, diagnostics);
                    InitializerValidator.Check(declared, node.Name, diagnostics);
                    if (!valid || diagnostics.Count > before) return null;
                    var units = new[] { declared.Units };
                    layer = new CheckedLayer(LayerKind.Dense, node.Name, x.ToEquatableArray(), units.ToEquatableArray(), declared.Activation, declared.UseBias,
                        declared.KernelInit == Init.Default ? Init.GlorotUniform : declared.KernelInit,
                        declared.BiasInit == Init.Default ? Init.Zeros : declared.BiasInit,
                        ActivationValidator.Resolve(declared))
                    {
                        KernelArguments = declared.KernelArguments.Resolve(),
                        BiasArguments = declared.BiasArguments.Resolve(),
                        Training = TrainingMathValidator.Resolve(declared.Training),
                    };
                    return units;
                case NodeKind.Dropout:
                case NodeKind.BatchNormalization:
                    // Applied in the Dense step it reads (Validation/FusedNodeValidator.cs): the same shape.
                    return inputs.Length == 1 ? inputs[0] : null;
                case NodeKind.Flatten:
                    // Row-major, as Keras' channels-last Flatten; a size past int.MaxValue is caught as the input's MG0016.
                    return inputs.Length == 1 ? new[] { inputs[0].Aggregate(1, (a, b) => a * b) } : null;
                case NodeKind.Normalization:
                    if (inputs.Length != 1 || !NormalizationValidator.CheckFlat(node.Location, node.Name, inputs[0], diagnostics)) return null;
                    layer = new CheckedLayer(LayerKind.Normalization, node.Name, inputs[0].ToEquatableArray(), inputs[0].ToEquatableArray(), Activation.Identity, false, Init.Zeros, Init.Ones);
                    return inputs[0];
                case NodeKind.Concatenate:
                    if (inputs.Any(s => s.Length != 1))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MergeShapeMismatch, node.Location, "Concatenate", node.Name, Shapes(inputs),
                            "Concatenate joins one-dimensional feature vectors: flatten the inputs first"));
                        return null;
                    }
                    return new[] { inputs.Sum(s => s[0]) };
                default:
                    if (inputs.Any(s => !s.SequenceEqual(inputs[0])))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MergeShapeMismatch, node.Location, node.Kind.ToString(), node.Name, Shapes(inputs),
                            $"{node.Kind} combines element by element, so every input must have the same shape"));
                        return null;
                    }
                    return inputs.Length == 0 ? null : inputs[0];
            }
        }

        private static CheckedOutput? CheckOutput(NodeDeclaration node, CheckedLayer? layer, int[] shape, List<DiagnosticInfo> diagnostics)
        {
            if (node.Output is not { } output) return null;
            if (node.Kind == NodeKind.Input)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOutputNode, output.Location, node.Name,
                    "is an Input: an output is computed by a layer; add a Dense node after the input and mark that [Output]"));
                return null;
            }
            if (!Enum.IsDefined(typeof(Loss), output.Loss))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOption, output.Location, nameof(Loss), (int)output.Loss, string.Join(", ", Enum.GetNames(typeof(Loss)))));
                return null;
            }
            if (!(output.LossWeight >= 0) || float.IsInfinity(output.LossWeight))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLossWeight, output.Location, node.Name, output.LossWeight));
            }
            // Each output's own loss, activation fit and metrics (Validation/OutputLossValidator.cs).
            OutputLossValidator.Check(node, output, layer, shape, diagnostics);
            return new CheckedOutput(output.Loss, output.LossWeight, output.FromLogits, output.Metrics) { HuberDelta = output.HuberDelta };
        }

        private static string Shapes(int[][] shapes) => string.Join(", ", shapes.Select(ModelValidator.FormatShape));
    }
}
