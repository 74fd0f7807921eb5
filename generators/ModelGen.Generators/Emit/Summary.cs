using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Emit
{
    /// <summary>A Keras-like model summary, written at the top of the generated file.</summary>
    public static class Summary
    {
        /// <summary>The summary's lines.</summary>
        public static IEnumerable<string> Lines(ModelPlan plan)
        {
            var rows = plan.Layers.Select(l => new[] { $"{l.Name} ({l.Kind})", "[" + string.Join(", ", l.OutputShape) + "]", l.ParameterCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) }).ToList();
            int c0 = System.Math.Max("Layer (type)".Length, rows.Max(r => r[0].Length)) + 2;
            int c1 = System.Math.Max("Output shape".Length, rows.Max(r => r[1].Length)) + 2;
            yield return $"Model: {plan.ClassName}";
            yield return "Layer (type)".PadRight(c0) + "Output shape".PadRight(c1) + "Params";
            foreach (string[] r in rows) yield return r[0].PadRight(c0) + r[1].PadRight(c1) + r[2];
            long total = plan.Layers.Sum(l => (long)l.ParameterCount);
            long frozen = ModelEmitter.FrozenParameters(plan) + Planning.BatchNormPlanner.NonTrainableParameters(plan);
            long statistics = plan.Layers.Where(l => l.Kind == "Normalization").Sum(l => (long)l.ParameterCount);
            if (statistics > 0)
            {
                yield return $"Trainable parameters: {(total - frozen - statistics).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}; non-trainable: {(frozen + statistics).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} (Normalization mean and variance {statistics.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}{(frozen > 0 ? $", Trainable = false {frozen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}" : "")}); total {total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} ({total * 4L:N0} bytes)";
            }
            else if (frozen > 0)
            {
                yield return $"Trainable parameters: {(total - frozen).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}; non-trainable ({(Planning.BatchNormPlanner.NonTrainableParameters(plan) > 0 ? "moving statistics, Trainable = false" : "Trainable = false")}): {frozen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}; total {total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} ({total * 4L:N0} bytes)";
            }
            else
            {
                yield return $"Trainable parameters: {total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} ({total * 4L:N0} bytes)";
            }
            yield return $"Loss: {plan.Loss.Kind}{(plan.Loss.FromLogits ? " (from logits)" : "")}; optimizer: {plan.Optimizer.Kind}, learning rate {Ops.OptimizerCSharp.Literal(plan.Optimizer.LearningRate).TrimEnd('f')}";
            if (LossDetail(plan.Loss) is { } detail) yield return detail;
            yield return $"Arenas (floats): parameters {plan.Memory.ParameterFloats}, gradients {plan.Memory.ParameterFloats}, optimizer state {plan.Memory.OptimizerStateFloats}, activations {plan.Memory.ActivationFloatsPerSample} per sample";
        }

        /// <summary>Huber's delta, the fused form and the declared metrics, when there are any (Keras names; resolved "accuracy" in parentheses).</summary>
        private static string? LossDetail(Plan.LossPlan loss)
        {
            var parts = new System.Collections.Generic.List<string>();
            if (loss.Kind == Loss.Huber) parts.Add($"Huber delta {Ops.OptimizerCSharp.Literal(loss.HuberDelta).TrimEnd('f')}");
            if (loss.FusedWithOutput) parts.Add($"loss gradient fused with the output's {Ops.LossCSharp.FusedActivation(loss)} (dL/dz = p - y)");
            if (loss.Metrics.Count > 0)
            {
                parts.Add("metrics: " + string.Join(", ", loss.Metrics.Select(m =>
                    m.Name == Planning.LossMetrics.KerasName(m.Kind) ? m.Name : $"{m.Name} ({Planning.LossMetrics.KerasName(m.Kind)})")));
            }
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
    }
}
