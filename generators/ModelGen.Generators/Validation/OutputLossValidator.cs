using System.Collections.Generic;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// A functional model's [Output]: its loss must take float target rows (the packed targets hold one float per
    /// output unit), cross-entropy must fit the Dense output's activation as in a sequential model, FromLogits is for
    /// cross-entropy only, and each metric must be defined, listed once and fit the targets.
    /// </summary>
    internal static class OutputLossValidator
    {
        public static void Check(NodeDeclaration node, OutputDeclaration output, CheckedLayer? layer, int[] shape, List<DiagnosticInfo> diagnostics)
        {
            if (output.Loss is Loss.SparseCategoricalCrossEntropy or Loss.Perceptron)
            {
                string instead = output.Loss == Loss.Perceptron
                    ? "the perceptron rule is for a single sequential layer; use BinaryCrossEntropy"
                    : "graph targets are float rows, one per output unit; use CategoricalCrossEntropy with one-hot rows";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOutputNode, output.Location, node.Name, $"uses {output.Loss}: {instead}"));
            }
            else if (output.Loss is Loss.BinaryCrossEntropy or Loss.CategoricalCrossEntropy)
            {
                if (layer is { Kind: LayerKind.Dense } && LossValidator.CrossEntropyProblem(output.Loss, output.FromLogits, layer) is { } problem)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputDoesNotFitLoss, output.Location, problem));
                }
            }
            else if (output.FromLogits)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputDoesNotFitLoss, output.Location,
                    $"FromLogits applies to cross-entropy losses only, not {output.Loss}: remove FromLogits"));
            }

            var seen = new HashSet<int>();
            int units = shape.Length == 1 ? shape[0] : 0;
            foreach (int value in output.Metrics)
            {
                var metric = (Metric)value;
                if (!System.Enum.IsDefined(typeof(Metric), metric))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOption, output.Location, nameof(Metric), value, string.Join(", ", System.Enum.GetNames(typeof(Metric)))));
                    continue;
                }
                if (!seen.Add(value))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateMetric, output.Location, node.Name, metric));
                    continue;
                }
                string? problem = metric switch
                {
                    Metric.SparseCategoricalAccuracy =>
                        $"Metric.SparseCategoricalAccuracy compares with integer labels, but output '{node.Name}' trains on float target rows: use Metric.CategoricalAccuracy (one-hot rows) or Metric.Accuracy",
                    Metric.CategoricalAccuracy when units < 2 =>
                        $"Metric.CategoricalAccuracy takes the argmax of the output, but output '{node.Name}' has {units} unit (it would always be 1): use Metric.BinaryAccuracy",
                    _ => null,
                };
                if (problem is not null) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MetricDoesNotFitLoss, output.Location, node.Name, problem));
            }
        }
    }
}
