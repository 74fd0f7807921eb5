using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Emit
{
    /// <summary>
    /// A Keras-like summary of a graph plan: one row per node in schedule order (name, type, output shape, parameters,
    /// the nodes it reads, its buffers), the outputs with History's names, and the totals of the memory plan.
    /// </summary>
    public static class GraphSummary
    {
        /// <summary>The summary's lines.</summary>
        /// <param name="frozenParameters">Parameters of Dense nodes declared <c>Trainable = false</c> (counted as non-trainable).</param>
        /// <param name="batchNormStatistics">Non-trainable batch-normalization parameters (moving statistics; gamma and beta declared Trainable = false).</param>
        public static IEnumerable<string> Lines(string className, GraphPlan graph, long frozenParameters = 0, long batchNormStatistics = 0)
        {
            var header = new[] { "Layer (type)", "Output shape", "Params", "Connected to", "Buffers (value/gradient/inference)" };
            var rows = graph.Schedule.Select(node => new[]
            {
                $"{node.Name} ({node.Kind})",
                "[" + string.Join(", ", node.OutputShape) + "]",
                N(node.ParameterCount),
                node.Inputs.Count == 0 ? "-" : string.Join(", ", node.Inputs),
                $"{Offset(node.ValueBuffer)}/{Offset(node.GradientBuffer)}/{Offset(node.InferenceBuffer)}",
            }).ToList();
            int[] widths = Enumerable.Range(0, header.Length).Select(c => System.Math.Max(header[c].Length, rows.Max(r => r[c].Length)) + 2).ToArray();
            yield return $"Model: {className}";
            yield return Row(header, widths);
            foreach (string[] row in rows) yield return Row(row, widths);
            yield return "Schedule: forward " + string.Join(" -> ", graph.Schedule.Select(n => n.Name)) + "; backward in reverse";
            foreach (NodePlan node in graph.Schedule)
            {
                if (node.Output is not { } output) continue;
                string metrics = output.HistoryMetricNames.Count == 0 ? "" : ", " + string.Join(", ", output.HistoryMetricNames);
                yield return $"Output {node.Name}: {Ops.GraphLossCSharp.Describe(output)}{(output.TakesLabels ? " on class indices" : "")}, weight {output.LossWeight.ToString("R", CultureInfo.InvariantCulture)} (History: {output.HistoryLossName}{metrics})";
            }
            long statistics = graph.Schedule.Where(node => node.Kind == "Normalization").Sum(node => (long)node.ParameterCount);
            var kinds = new List<string>();
            if (statistics > 0) kinds.Add("Normalization mean and variance");
            if (batchNormStatistics > 0) kinds.Add("non-trainable BatchNormalization tensors");
            if (frozenParameters > 0) kinds.Add("Trainable = false");
            long trainable = graph.ParameterCount - frozenParameters - batchNormStatistics;
            yield return $"Trainable parameters: {N(trainable)} ({N(trainable * 4L)} bytes); non-trainable parameters: {N(statistics + batchNormStatistics + frozenParameters)}{(kinds.Count > 0 ? " (" + string.Join(", ", kinds) + ")" : "")}";
            yield return $"Activation buffers per sample (floats): training values {graph.ValueFloats} + gradients {graph.GradientFloats} "
                + $"(reused by lifetime; {graph.GradientFloatsWithoutReuse} without reuse) = {N((graph.ValueFloats + graph.GradientFloats) * 4L)} bytes; "
                + $"inference {graph.InferenceFloats} (reused by lifetime) = {N(graph.InferenceFloats * 4L)} bytes";
        }

        private static string Row(string[] cells, int[] widths) =>
            string.Concat(cells.Take(cells.Length - 1).Select((c, i) => c.PadRight(widths[i]))) + cells[cells.Length - 1];

        private static string Offset(int offset) => offset < 0 ? "-" : offset.ToString(CultureInfo.InvariantCulture);

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
