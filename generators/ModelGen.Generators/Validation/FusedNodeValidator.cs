using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// Dropout and BatchNormalization nodes of a functional model. As in a sequential model they are not steps of their
    /// own: a dropout is applied by the Dense step it reads (its rows, masked in place), and a batch normalization is
    /// that step's normalization pass. So each must read a Dense node that nothing else reads and that is not an
    /// output, and may not itself be an output (the loss would read a random or a batch-dependent value); checked
    /// here, at the node's attribute, and the rate or settings are handed to the Dense node's layer.
    /// </summary>
    internal static class FusedNodeValidator
    {
        /// <summary>The checked nodes, with each Dropout's rate and each BatchNormalization's settings on the Dense layer it reads.</summary>
        public static List<CheckedNode> Fuse(ModelDeclaration model, EquatableArray<NodeDeclaration> nodes, List<int>[] consumers,
            List<CheckedNode> checkedNodes, List<DiagnosticInfo> diagnostics)
        {
            var byName = new Dictionary<string, int>(System.StringComparer.Ordinal);
            var duplicated = new HashSet<string>(System.StringComparer.Ordinal);
            for (int i = 0; i < nodes.Count; i++)
            {
                if (byName.ContainsKey(nodes[i].Name)) duplicated.Add(nodes[i].Name); // MG0013 already: no guesses about which is meant
                else byName[nodes[i].Name] = i;
            }
            var fused = checkedNodes.ToList();
            foreach (NodeDeclaration node in nodes)
            {
                if (node.Kind is not (NodeKind.Dropout or NodeKind.BatchNormalization) || node.Inputs.Count != 1) continue;
                if (duplicated.Contains(node.Name) || duplicated.Contains(node.Inputs[0])) continue;
                if (!byName.TryGetValue(node.Inputs[0], out int s)) continue; // MG0071 already
                NodeDeclaration source = nodes[s];
                bool dropout = node.Kind == NodeKind.Dropout;
                string what = dropout ? "a dropout" : "a batch normalization";
                string? why =
                    source.Kind != NodeKind.Dense ? $"node '{node.Name}' reads '{source.Name}', a {source.Kind} node: {what} applies to a Dense node's output, in that Dense step{(dropout && source.Kind == NodeKind.BatchNormalization ? " (a dropout after a BatchNormalization is not supported)" : "")}"
                    : consumers[s].Count > 1 ? $"node '{node.Name}' reads Dense node '{source.Name}', which {string.Join(", ", consumers[s].Where(c => nodes[c].Name != node.Name).Select(c => "'" + nodes[c].Name + "'"))} also read{(consumers[s].Count > 2 ? "" : "s")}: {what} changes the Dense node's rows for every reader, so read '{node.Name}' instead"
                    : source.Output is not null ? $"node '{node.Name}' reads Dense node '{source.Name}', which is an [Output]: the loss would read the rows before {what}"
                    : node.Output is not null ? $"node '{node.Name}' is an [Output]: {what} goes between two layers, so add the output layer after it"
                    : null;
                if (why is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(dropout ? DiagnosticDescriptors.MisplacedDropout : DiagnosticDescriptors.MisplacedBatchNormalization, node.Location, why));
                    continue;
                }
                int at = fused.FindIndex(c => c.Name == source.Name);
                if (at < 0 || fused[at].Layer is not { } layer) continue; // the Dense node had its own errors
                if (dropout)
                {
                    float rate = node.Layer.DropoutRate;
                    // Keras: 0 <= rate < 1 (rate 1 would zero everything and divide by 0); NaN fails both comparisons.
                    if (!(rate >= 0f && rate < 1f))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDropoutRate, node.Location, rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
                        continue;
                    }
                    fused[at] = fused[at] with { Layer = layer with { DropoutRate = rate, AlphaDropout = node.Layer.AlphaDropout } };
                }
                else
                {
                    // The node's name is checked with the other node names; the settings as a sequential layer's.
                    BatchNormSettings? settings = BatchNormValidator.Check(model, node.Layer, new HashSet<string>(), new Dictionary<string, int>(), diagnostics);
                    fused[at] = fused[at] with { Layer = layer with { BatchNorm = settings } };
                }
            }
            return fused;
        }
    }
}
