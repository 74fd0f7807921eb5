using System;
using System.Collections.Generic;

namespace ModelGen
{
    /// <summary>
    /// A History entry of a functional model's output, by Keras name: an output's own loss (<c>main_output_loss</c>)
    /// or one of its metrics (<c>main_output_mae</c>); validation values add "val_".
    /// </summary>
    /// <param name="Name">The name in <see cref="History"/>, the progress line and <c>EvaluateMetrics</c>.</param>
    /// <param name="Root">Whether the value is the root of the running mean (RootMeanSquaredError) rather than the mean.</param>
    public sealed record HistoryEntrySpec(string Name, bool Root);

    public abstract unsafe partial class CompiledModel
    {
        /// <summary>
        /// Functional models with several outputs or per-output metrics: adds the last forward pass's per-sample sums
        /// of every <see cref="ModelLayout.OutputEntries"/> entry to <paramref name="sums"/> (called after
        /// <see cref="ComputeLoss"/>, whose per-output losses it reads). Generated; the default adds nothing.
        /// </summary>
        protected virtual void AccumulateOutputEntries(int count, double[] sums)
        {
        }

        /// <summary>The index of the largest of <paramref name="length"/> values (the first on ties, as Keras' argmax).</summary>
        protected static int ArgMaxOf(float* values, int length) => ArgMax(values, length);

        /// <summary>A fresh array of the per-output sums, or null when the model reports no per-output entries.</summary>
        private double[]? NewEntrySums() => _layout.OutputEntries.Length == 0 ? null : new double[_layout.OutputEntries.Length];

        /// <summary>Adds the last forward pass's per-output terms when the model has any.</summary>
        private void AccumulateEntries(int count, ref MetricTotals totals)
        {
            if (totals.Entries is { } sums) AccumulateOutputEntries(count, sums);
        }

        /// <summary>The value of entry <paramref name="e"/> over what <paramref name="totals"/> saw (NaN when it saw nothing).</summary>
        private float EntryValue(int e, in MetricTotals totals)
        {
            if (totals.Count == 0 || totals.Entries is null) return float.NaN;
            double mean = totals.Entries[e] / totals.Count;
            return (float)(_layout.OutputEntries[e].Root ? Math.Sqrt(mean) : mean);
        }

        /// <summary>Adds the per-output entries to an evaluation dictionary.</summary>
        private void AddEntries(Dictionary<string, float> result, in MetricTotals totals)
        {
            for (int e = 0; e < _layout.OutputEntries.Length; e++) result[_layout.OutputEntries[e].Name] = EntryValue(e, totals);
        }
    }
}
