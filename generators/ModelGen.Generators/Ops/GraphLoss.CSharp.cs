using System.Collections.Generic;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The losses and metrics of a functional model's outputs in C#. Each output's loss is its Keras batch mean
    /// (sum_over_batch_size: over units and batch for the element-wise losses, over the batch for categorical and
    /// sparse categorical cross-entropy, whose label is one float column of the packed targets read through the
    /// runtime's checked <c>SparseLabel</c>), the model's loss Σ weightᵢ · lossᵢ. The gradients are dL/dy with respect to the output node's
    /// value, scaled by the weight: the Dense node's backward then applies its activation's derivative (sigmoid,
    /// softmax, ...) as for any other node, so an output may also feed other nodes. Values are summed in double through
    /// the per-row helpers of <c>CompiledModel.LossKernels.cs</c>, as the sequential losses (<see cref="LossCSharp"/>).
    /// </summary>
    public static class GraphLossCSharp
    {
        /// <summary>One output as the loss and metric loops see it.</summary>
        /// <param name="Name">The output node's name.</param>
        /// <param name="Plan">Its loss, weight and metrics.</param>
        /// <param name="Value">Its value rows (an expression).</param>
        /// <param name="Gradient">Its gradient rows (an expression).</param>
        /// <param name="Stride">Floats between its rows.</param>
        /// <param name="Units">Its units.</param>
        /// <param name="Column">Its first column in the packed target rows (a sparse output's one column: the class index).</param>
        /// <param name="TargetStride">Floats per packed target row (the model's TargetSize).</param>
        public sealed record Output(string Name, GraphOutputPlan Plan, string Value, string Gradient, int Stride, int Units, int Column, int TargetStride);

        /// <summary>A History entry the generated code accumulates: its name, and whether History reports the root of its mean (RMSE).</summary>
        public sealed record Entry(string Name, bool Root);

        /// <summary>
        /// History's per-output entries in order: each output's own loss (when there are several outputs), then its
        /// metrics. Empty for one output without metrics, whose loss is the model's "loss".
        /// </summary>
        public static List<Entry> Entries(IReadOnlyList<Output> outputs)
        {
            var entries = new List<Entry>();
            foreach (Output o in outputs)
            {
                if (outputs.Count > 1) entries.Add(new Entry(o.Plan.HistoryLossName, false));
                for (int m = 0; m < o.Plan.Metrics.Count; m++) entries.Add(new Entry(o.Plan.HistoryMetricNames[m], o.Plan.Metrics[m].Kind == Metric.RootMeanSquaredError));
            }
            return entries;
        }

        /// <summary>The loss's name in comments ("BinaryCrossEntropy from logits", "Huber delta 2.5"; Huber's default delta is not named).</summary>
        public static string Describe(GraphOutputPlan o) =>
            o.Loss + (o.FromLogits ? " from logits" : "") + (o.Loss == Loss.Huber && o.HuberDelta != 1f ? " delta " + OptimizerCSharp.Literal(o.HuberDelta).TrimEnd('f') : "");

        /// <summary>The generated expression that reads and checks a sparse output's class index from its target column <paramref name="column"/>.</summary>
        private static string Label(Output o, string column) => $"SparseLabel({column}, {o.Units}, \"{o.Name}\")";

        /// <summary>
        /// Writes the statements that leave this output's batch-mean loss in a local <c>loss</c> (double), reading
        /// <c>count</c> and the output's rows through a local <c>y</c>.
        /// </summary>
        public static void WriteValue(CodeWriter w, Output o)
        {
            int k = o.Units;
            string row = $"y + n * {o.Stride}", targets = $"Targets + {Plus($"n * {o.TargetStride}", o.Column)}";
            string elementMean = $"sum / ((double)count * {k})";
            w.Line($"float* y = {o.Value};");
            w.Line("double sum = 0;");
            switch (o.Plan.Loss)
            {
                case Loss.SparseCategoricalCrossEntropy:
                    w.Line(o.Plan.FromLogits
                        ? "// Sparse categorical cross-entropy from logits: log Σ exp(z) - z[label], stable; mean over the batch."
                        : "// Sparse categorical cross-entropy on probabilities: -log p[label], renormalised and clipped to [1e-7, 1 - 1e-7] as Keras does; mean over the batch.");
                    w.Line($"// The label is the float in target column {o.Column}, checked to be a class of {o.Name}.");
                    w.Line($"for (int n = 0; n < count; n++) sum += {(o.Plan.FromLogits ? "SparseCrossEntropyFromLogits" : "SparseCrossEntropy")}({row}, {Label(o, targets)}, {k});");
                    w.Line("double loss = sum / count;");
                    return;
                case Loss.CategoricalCrossEntropy:
                    w.Line(o.Plan.FromLogits
                        ? "// Categorical cross-entropy from logits: Σ t (log Σ exp(z) - z), stable; mean over the batch."
                        : "// Categorical cross-entropy on probabilities: renormalised and clipped to [1e-7, 1 - 1e-7] as Keras does; mean over the batch.");
                    w.Line($"for (int n = 0; n < count; n++) sum += {(o.Plan.FromLogits ? "CategoricalCrossEntropyFromLogitsSum" : "CategoricalCrossEntropySum")}({row}, {targets}, {k});");
                    w.Line("double loss = sum / count;");
                    return;
                case Loss.BinaryCrossEntropy:
                    w.Line(o.Plan.FromLogits
                        ? "// Binary cross-entropy from logits, stable: max(z, 0) - z t + log(1 + e^-|z|); mean over units, then batch."
                        : "// Binary cross-entropy on probabilities, clipped to [1e-7, 1 - 1e-7] as Keras does; mean over units, then batch.");
                    w.Line($"for (int n = 0; n < count; n++) sum += {(o.Plan.FromLogits ? "BinaryCrossEntropyFromLogitsSum" : "BinaryCrossEntropySum")}({row}, {targets}, {k});");
                    break;
                case Loss.MeanAbsoluteError:
                    w.Line("// Mean absolute error: the mean over units of |y - t|, then over the batch.");
                    w.Line($"for (int n = 0; n < count; n++) sum += AbsoluteErrorSum({row}, {targets}, {k});");
                    break;
                case Loss.Huber:
                    w.Line(o.Plan.HuberDelta == 1f
                        ? "// Huber (delta 1, Keras' default): quadratic inside |y - t| <= 1, linear outside; mean over units, then batch."
                        : $"// Huber (delta {Delta(o)}, as Keras' Huber(delta=...)): quadratic inside |y - t| <= {Delta(o)}, linear outside; mean over units, then batch.");
                    w.Line($"for (int n = 0; n < count; n++) sum += HuberSum({row}, {targets}, {k}, {OptimizerCSharp.Literal(o.Plan.HuberDelta)});");
                    break;
                default:
                    w.Line("// Mean squared error: the mean over units of (y - t)^2, then over the batch.");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        using (w.Block($"for (int j = 0; j < {k}; j++)"))
                        {
                            w.Line($"float diff = y[n * {o.Stride} + j] - Targets[{Plus($"n * {o.TargetStride}", o.Column)} + j];");
                            w.Line("sum += diff * diff;");
                        }
                    }
                    break;
            }
            w.Line($"double loss = {elementMean};");
        }

        /// <summary>Writes weight · dL/dy of this output into its gradient rows (padding columns zeroed: the buffer may be reused).</summary>
        public static void WriteGradient(CodeWriter w, Output o)
        {
            int k = o.Units;
            string weight = OptimizerCSharp.Literal(o.Plan.LossWeight);
            bool perBatch = o.Plan.Loss is Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy;
            w.Line($"// d/dy of {weight.TrimEnd('f')} · {Describe(o.Plan)} over {o.Name}'s {k} units{(perBatch ? " (summed), mean over the batch" : " and the batch")}.");
            w.Line($"float scale = {(o.Plan.Loss == Loss.MeanSquaredError ? OptimizerCSharp.Literal(2f * o.Plan.LossWeight) : weight)} / ({(perBatch ? "(float)count" : $"(float)count * {k}")});");
            w.Line($"float* y = {o.Value};");
            w.Line($"float* dy = {o.Gradient};");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* yn = y + n * {o.Stride};");
                w.Line($"float* dn = dy + n * {o.Stride};");
                w.Line($"float* tn = Targets + {Plus($"n * {o.TargetStride}", o.Column)};");
                switch (o.Plan.Loss)
                {
                    case Loss.SparseCategoricalCrossEntropy when o.Plan.FromLogits:
                        w.Line("// softmax(z) - onehot(label).");
                        w.Line($"int label = {Label(o, "tn")};");
                        w.Line($"Softmax(dn, yn, {k});");
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] *= scale;");
                        w.Line("dn[label] -= scale;");
                        break;
                    case Loss.SparseCategoricalCrossEntropy:
                        w.Line("// L = -log clip(p_label / S), S = Σp: dL/dp_j = (1 - [j = label] / q) / S inside the clip, 0 outside, q = p_label / S.");
                        w.Line("// Through a softmax output's backward this is p - onehot(label), the fused form of a sequential model.");
                        w.Line($"int label = {Label(o, "tn")};");
                        w.Line($"float total = RowSum(yn, {k});");
                        w.Line("float q = yn[label] / total;");
                        w.Line("float each = InsideProbabilityClip(q) ? scale / total : 0f;");
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] = each;");
                        w.Line("dn[label] -= each / q;");
                        break;
                    case Loss.CategoricalCrossEntropy when o.Plan.FromLogits:
                        w.Line("// softmax(z)·Σt - t (= p - t for a one-hot row).");
                        w.Line($"Softmax(dn, yn, {k});");
                        w.Line($"float mass = RowSum(tn, {k});");
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (dn[j] * mass - tn[j]) * scale;");
                        break;
                    case Loss.CategoricalCrossEntropy:
                        w.Line("// L = -Σ t log clip(p / S), S = Σp: dL/dp_k = (-t_k / q_k [inside the clip] + Σ t_j [inside]) / S, q = p / S.");
                        w.Line("// Through a softmax output's backward this is p·Σt - t, the fused form of a sequential model.");
                        w.Line($"float total = RowSum(yn, {k});");
                        w.Line("float inside = 0f;");
                        w.Line($"for (int j = 0; j < {k}; j++) if (InsideProbabilityClip(yn[j] / total)) inside += tn[j];");
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] = ((InsideProbabilityClip(yn[j] / total) ? -tn[j] / (yn[j] / total) : 0f) + inside) / total * scale;");
                        break;
                    case Loss.BinaryCrossEntropy when o.Plan.FromLogits:
                        w.Line("// dL/dz = σ(z) - t, finite for any z.");
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (Sigmoid(yn[j]) - tn[j]) * scale;");
                        break;
                    case Loss.BinaryCrossEntropy:
                        w.Line("// d/dp = -t/p + (1 - t)/(1 - p) inside the clip, 0 outside; a sigmoid output's backward makes it p - t.");
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] = InsideProbabilityClip(yn[j]) ? (-tn[j] / yn[j] + (1f - tn[j]) / (1f - yn[j])) * scale : 0f;");
                        break;
                    case Loss.MeanAbsoluteError:
                        w.Line("// sign(y - t), 0 where y = t.");
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] = Sign(yn[j] - tn[j]) * scale;");
                        break;
                    case Loss.Huber:
                        w.Line($"// e inside |e| <= {Delta(o)}, ±{Delta(o)} outside (e = y - t).");
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] = global::System.Math.Clamp(yn[j] - tn[j], {OptimizerCSharp.Literal(-o.Plan.HuberDelta)}, {OptimizerCSharp.Literal(o.Plan.HuberDelta)}) * scale;");
                        break;
                    default:
                        w.Line($"for (int j = 0; j < {k}; j++) dn[j] = (yn[j] - tn[j]) * scale;");
                        break;
                }
                if (o.Stride > k) w.Line($"for (int j = {k}; j < {o.Stride}; j++) dn[j] = 0f;");
            }
        }

        /// <summary>
        /// Writes <c>AccumulateOutputEntries</c>: adds each entry's per-sample sum for the last forward pass (each
        /// output's loss from <c>ComputeLoss</c> times the batch size; metric terms row by row, as the sequential
        /// metrics of <c>CompiledModel.Metrics.cs</c>). History divides by the samples seen (and takes RMSE's root).
        /// </summary>
        public static void WriteAccumulate(CodeWriter w, IReadOnlyList<Output> outputs)
        {
            w.Line("/// <summary>Adds the last forward pass's per-output History terms (losses from ComputeLoss, metrics row by row) to <paramref name=\"sums\"/>. Allocation-free.</summary>");
            using (w.Block("protected override void AccumulateOutputEntries(int count, double[] sums)"))
            {
                int e = 0;
                for (int slot = 0; slot < outputs.Count; slot++)
                {
                    Output o = outputs[slot];
                    if (outputs.Count > 1) w.Line($"sums[{e++}] += _outputLosses[{slot}] * count; // {o.Plan.HistoryLossName}");
                    if (o.Plan.Metrics.Count == 0) continue;
                    int k = o.Units;
                    using (w.Open())
                    {
                        w.Line($"// {o.Name}'s metrics: {string.Join(", ", o.Plan.HistoryMetricNames)}");
                        w.Line($"float* y = {o.Value};");
                        using (w.Block("for (int n = 0; n < count; n++)"))
                        {
                            w.Line($"float* yn = y + n * {o.Stride};");
                            w.Line($"float* tn = Targets + {Plus($"n * {o.TargetStride}", o.Column)};");
                            for (int m = 0; m < o.Plan.Metrics.Count; m++)
                            {
                                int at = e + m;
                                switch (o.Plan.Metrics[m].Kind)
                                {
                                    case Metric.BinaryAccuracy:
                                        w.Line($"{{ float hits = 0f; for (int j = 0; j < {k}; j++) hits += ((yn[j] > 0.5f) ? 1f : 0f) == tn[j] ? 1f : 0f; sums[{at}] += hits / {k}; }}");
                                        break;
                                    case Metric.CategoricalAccuracy:
                                        w.Line($"if (ArgMaxOf(yn, {k}) == ArgMaxOf(tn, {k})) sums[{at}] += 1;");
                                        break;
                                    case Metric.SparseCategoricalAccuracy:
                                        w.Line($"if (ArgMaxOf(yn, {k}) == {Label(o, "tn")}) sums[{at}] += 1;");
                                        break;
                                    case Metric.MeanAbsoluteError:
                                        w.Line($"{{ float abs = 0f; for (int j = 0; j < {k}; j++) abs += global::System.MathF.Abs(yn[j] - tn[j]); sums[{at}] += abs / {k}; }}");
                                        break;
                                    default:
                                        w.Line($"{{ float sq = 0f; for (int j = 0; j < {k}; j++) {{ float d = yn[j] - tn[j]; sq += d * d; }} sums[{at}] += sq / {k}; }}");
                                        break;
                                }
                            }
                        }
                    }
                    e += o.Plan.Metrics.Count;
                }
            }
            w.Line();
        }

        /// <summary>Huber's delta as written in comments ("1", "2.5").</summary>
        private static string Delta(Output o) => OptimizerCSharp.Literal(o.Plan.HuberDelta).TrimEnd('f');

        private static string Plus(string expression, int offset) => offset == 0 ? expression : $"{expression} + {offset}";
    }
}
