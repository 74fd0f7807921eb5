using System.Collections.Generic;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// A functional model's [Output]: its loss must be one a graph output trains with (the perceptron rule is for a
    /// single sequential layer), cross-entropy must fit the Dense output's activation as in a sequential model,
    /// FromLogits is for cross-entropy only, HuberDelta for Huber only (positive and finite, as the class-level one), and
    /// each metric must be defined, listed once and fit the targets: integer labels for sparse categorical
    /// cross-entropy, float rows for every other loss.
    /// </summary>
    internal static class OutputLossValidator
    {
        public static void Check(NodeDeclaration node, OutputDeclaration output, CheckedLayer? layer, int[] shape, List<DiagnosticInfo> diagnostics)
        {
            bool labels = output.Loss == Loss.SparseCategoricalCrossEntropy;
            if (output.Loss == Loss.Perceptron)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOutputNode, output.Location, node.Name,
                    "uses Perceptron: the perceptron rule is for a single sequential layer; use BinaryCrossEntropy"));
            }
            else if (labels)
            {
                if (SparseProblem(node.Name, output.FromLogits, layer, shape) is { } problem)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputDoesNotFitLoss, output.Location, problem));
                }
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

            // The same checks and IDs as the class-level HuberDelta (LossValidator.CheckLossOptions), per output.
            if (!(output.HuberDelta > 0) || float.IsInfinity(output.HuberDelta))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHuberDelta, output.Location, node.Name, output.HuberDelta));
            }
            else if (output.HuberDeltaSet && output.Loss != Loss.Huber)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HuberDeltaWithoutHuber, output.Location, node.Name, output.Loss));
            }

            int units = shape.Length == 1 ? shape[0] : 0;
            LossValidator.CheckMetricList(output.Metrics, labels, units, output.Location, node.Name, diagnostics, (metric, misfit) => misfit switch
            {
                LossValidator.MetricMisfit.NeedsLabels => $"Metric.SparseCategoricalAccuracy compares with integer labels, but output '{node.Name}' trains on float target rows: use Metric.CategoricalAccuracy (one-hot rows) or Metric.Accuracy",
                LossValidator.MetricMisfit.NeedsRows => $"Metric.{metric} compares with float target rows, but output '{node.Name}' trains with SparseCategoricalCrossEntropy on integer labels: use Metric.SparseCategoricalAccuracy or Metric.Accuracy",
                _ => $"Metric.CategoricalAccuracy takes the argmax of the output, but output '{node.Name}' has {units} unit (it would always be 1): use Metric.BinaryAccuracy",
            });
        }

        /// <summary>
        /// Why a sparse categorical cross-entropy cannot read this output, or null: it picks one of the output's units
        /// by the label, so the output must be one row of at least 2 classes; on a Dense output the activation must fit
        /// as for categorical cross-entropy (softmax probabilities, or logits with FromLogits).
        /// </summary>
        private static string? SparseProblem(string name, bool fromLogits, CheckedLayer? layer, int[] shape)
        {
            if (shape.Length != 1 || shape[0] < 2)
            {
                return $"SparseCategoricalCrossEntropy picks one of at least 2 classes by the label, but output '{name}' has shape [{string.Join(", ", shape)}]: "
                    + "give it one row of one unit per class (for one unit, use BinaryCrossEntropy)";
            }
            if (layer is not { Kind: LayerKind.Dense }) return null;
            Activation a = layer.Activation;
            if (fromLogits && a is Activation.Softmax or Activation.Sigmoid)
                return $"FromLogits = true expects logits, but the output layer '{layer.Name}' applies {a}: remove the activation or set FromLogits = false";
            if (!fromLogits && a != Activation.Softmax)
                return $"SparseCategoricalCrossEntropy expects probabilities that sum to 1, but the output layer '{layer.Name}' uses {a}: end with Activation.Softmax or set FromLogits = true";
            return null;
        }
    }
}
