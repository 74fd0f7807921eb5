using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// The checks of the loss options and metrics: where Keras would silently train on garbage (a cross-entropy on
    /// outputs that are not probabilities, a metric reading targets the loss does not take), ModelGen reports it.
    /// </summary>
    internal static class LossValidator
    {
        /// <summary>
        /// Why a binary or categorical cross-entropy cannot read the output layer, or null. On probabilities Keras
        /// clips p to [1e-7, 1 - 1e-7], so a ReLU, tanh or identity output (negative, or above 1) is clipped into a loss
        /// with a zero gradient; from logits, an output that already went through sigmoid or softmax is squashed twice.
        /// </summary>
        public static string? CrossEntropyProblem(Loss loss, bool fromLogits, CheckedLayer output)
        {
            Activation a = output.Activation;
            if (loss == Loss.CategoricalCrossEntropy)
            {
                int classes = output.OutputShape[0];
                if (classes < 2)
                    return $"CategoricalCrossEntropy needs at least 2 classes, but the output layer '{output.Name}' has {classes} unit: use BinaryCrossEntropy for one output";
                if (fromLogits && a == Activation.Softmax)
                    return $"FromLogits = true expects logits, but the output layer '{output.Name}' applies Softmax: remove the activation or set FromLogits = false";
                if (!fromLogits && a != Activation.Softmax)
                    return $"CategoricalCrossEntropy expects probabilities that sum to 1, but the output layer '{output.Name}' uses {a}: end with Activation.Softmax or set FromLogits = true";
                return null;
            }
            if (fromLogits && a is Activation.Sigmoid or Activation.Softmax)
                return $"FromLogits = true expects logits, but the output layer '{output.Name}' applies {a}: remove the activation or set FromLogits = false";
            if (!fromLogits && a is not (Activation.Sigmoid or Activation.Softmax))
                return $"BinaryCrossEntropy expects probabilities in [0, 1], but the output layer '{output.Name}' uses {a}: end with Activation.Sigmoid or set FromLogits = true";
            return null;
        }

        /// <summary>HuberDelta must be positive and finite, and set only with the Huber loss.</summary>
        public static void CheckLossOptions(ModelDeclaration model, List<DiagnosticInfo> diagnostics)
        {
            ModelOptions o = model.Options;
            if (!(o.HuberDelta > 0) || float.IsInfinity(o.HuberDelta))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHuberDelta, o.Location, model.ClassName, o.HuberDelta));
            }
            else if (o.HuberDeltaSet && o.Loss != Loss.Huber && System.Enum.IsDefined(typeof(Loss), o.Loss))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HuberDeltaWithoutHuber, o.Location, model.ClassName, o.Loss));
            }
        }

        /// <summary>
        /// Every metric must be a defined value, listed once, and read the kind of target the loss takes: integer
        /// labels (sparse categorical cross-entropy) or float rows (every other loss).
        /// </summary>
        public static void CheckMetrics(ModelDeclaration model, CheckedLayer output, List<DiagnosticInfo> diagnostics)
        {
            ModelOptions o = model.Options;
            if (!System.Enum.IsDefined(typeof(Loss), o.Loss)) return;
            bool labels = o.Loss == Loss.SparseCategoricalCrossEntropy;
            CheckMetricList(o.Metrics, labels, output.OutputShape[0], o.Location, model.ClassName, diagnostics, (metric, misfit) => misfit switch
            {
                MetricMisfit.NeedsLabels => $"Metric.SparseCategoricalAccuracy compares with integer labels, but {o.Loss} trains on float targets: use Metric.CategoricalAccuracy (one-hot rows) or Metric.Accuracy",
                MetricMisfit.NeedsRows => $"Metric.{metric} compares with float target rows, but SparseCategoricalCrossEntropy trains on integer labels: use Metric.SparseCategoricalAccuracy or Metric.Accuracy",
                _ => $"Metric.CategoricalAccuracy takes the argmax of the output, but the output layer '{output.Name}' has 1 unit (it would always be 1): use Metric.BinaryAccuracy",
            });
        }

        /// <summary>Why a metric does not fit an output: the rule is shared, the wording is the caller's.</summary>
        internal enum MetricMisfit
        {
            /// <summary>Sparse categorical accuracy on float target rows.</summary>
            NeedsLabels,
            /// <summary>A metric of float rows on integer labels.</summary>
            NeedsRows,
            /// <summary>Categorical accuracy on one unit (it would always be 1).</summary>
            NeedsClasses,
        }

        /// <summary>
        /// The metric checks of one output, a sequential model's or a functional model's [Output]: each metric a defined
        /// value (MG0011), listed once (MG0033), and fitting the targets its loss takes (MG0032, worded by <paramref name="describe"/>).
        /// </summary>
        /// <param name="owner">The model's or output's name in the messages.</param>
        internal static void CheckMetricList(IEnumerable<int> metrics, bool labels, int units, LocationInfo? at, string owner,
            List<DiagnosticInfo> diagnostics, System.Func<Metric, MetricMisfit, string> describe)
        {
            var seen = new HashSet<int>();
            foreach (int value in metrics)
            {
                var metric = (Metric)value;
                if (!System.Enum.IsDefined(typeof(Metric), metric))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOption, at, nameof(Metric), value, string.Join(", ", System.Enum.GetNames(typeof(Metric)))));
                    continue;
                }
                if (!seen.Add(value))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateMetric, at, owner, metric));
                    continue;
                }
                MetricMisfit? misfit = metric switch
                {
                    Metric.SparseCategoricalAccuracy when !labels => MetricMisfit.NeedsLabels,
                    Metric.BinaryAccuracy or Metric.CategoricalAccuracy or Metric.MeanSquaredError or Metric.MeanAbsoluteError or Metric.RootMeanSquaredError when labels => MetricMisfit.NeedsRows,
                    Metric.CategoricalAccuracy when units < 2 => MetricMisfit.NeedsClasses,
                    _ => null,
                };
                if (misfit is { } m) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MetricDoesNotFitLoss, at, owner, describe(metric, m)));
            }
        }
    }
}
