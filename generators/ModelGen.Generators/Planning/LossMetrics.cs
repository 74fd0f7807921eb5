using System.Collections.Generic;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Planning
{
    /// <summary>
    /// The planning rules of losses and metrics: which loss fuses with the output activation, and how Keras resolves
    /// and names each declared metric.
    /// </summary>
    public static class LossMetrics
    {
        /// <summary>
        /// Whether the loss gradient is taken directly with respect to the output layer's pre-activation: softmax with
        /// a categorical cross-entropy on probabilities gives <c>dL/dz = p·Σy - y</c> (= p - y for one-hot rows),
        /// sigmoid with binary cross-entropy gives <c>dL/dz = p - y</c>. Both skip the divisions by p and 1 - p that
        /// lose precision (and the clip that zeroes the gradient) when the activation saturates. From logits, the loss
        /// gradient is taken with respect to the output, which then goes back through its activation as usual.
        /// </summary>
        public static bool FusesWithOutput(Loss loss, bool fromLogits, Activation output) => !fromLogits && loss switch
        {
            Loss.SparseCategoricalCrossEntropy or Loss.CategoricalCrossEntropy => output == Activation.Softmax,
            Loss.BinaryCrossEntropy => output == Activation.Sigmoid,
            // The perceptron rule: the step's derivative (zero almost everywhere) is replaced by 1, so dL/dz = ŷ - y.
            Loss.Perceptron => output is Activation.Step or Activation.Sign,
            _ => false,
        };

        /// <summary>
        /// Keras' resolution of "accuracy" (compile_utils.get_metric): one output unit gives binary accuracy; integer
        /// labels (a target of lower rank than the output) give sparse categorical accuracy; otherwise categorical.
        /// Perceptron outputs are independent threshold units: binary accuracy, however many there are.
        /// </summary>
        public static Metric ResolveAccuracy(Loss loss, int outputUnits) =>
            outputUnits == 1 || loss == Loss.Perceptron ? Metric.BinaryAccuracy
            : loss == Loss.SparseCategoricalCrossEntropy ? Metric.SparseCategoricalAccuracy
            : Metric.CategoricalAccuracy;

        /// <summary>The name Keras gives the metric in History and the progress line (the string one would pass to compile).</summary>
        public static string KerasName(Metric metric) => metric switch
        {
            Metric.Accuracy => "accuracy",
            Metric.BinaryAccuracy => "binary_accuracy",
            Metric.CategoricalAccuracy => "categorical_accuracy",
            Metric.SparseCategoricalAccuracy => "sparse_categorical_accuracy",
            Metric.MeanSquaredError => "mse",
            Metric.MeanAbsoluteError => "mae",
            _ => "root_mean_squared_error",
        };

        /// <summary>The declared metrics with "accuracy" resolved, in declaration order.</summary>
        public static EquatableArray<MetricPlan> Resolve(EquatableArray<int> declared, Loss loss, int outputUnits)
        {
            var plans = new List<MetricPlan>();
            foreach (int value in declared)
            {
                var metric = (Metric)value;
                Metric kind = metric == Metric.Accuracy ? ResolveAccuracy(loss, outputUnits) : metric;
                plans.Add(new MetricPlan(KerasName(metric), kind));
            }
            return plans.ToEquatableArray();
        }
    }
}
