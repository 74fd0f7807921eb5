using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// A functional model's output losses in OpenCL C, the equations of <see cref="GraphLossCSharp"/>: one work-item
    /// per sample writes weight · dL/dy into each output's gradient rows (padding zeroed) and one metrics row of
    /// <see cref="LossOpenCl.MetricColumns"/> + E floats: column 0 the sample's weighted loss Σ wᵢ · lossᵢ (the host
    /// averages it over the batch, as the sequential loss column), columns 1-4 unused (a graph model declares no
    /// model-level metrics), then one column per History entry of <see cref="GraphLossCSharp.Entries"/> (each output's
    /// own loss, then its metric terms), which the runtime sums into the per-output History values as the CPU's
    /// <c>AccumulateOutputEntries</c> does. Per-sample terms are float; the host sums them in double.
    /// Also the kernel that copies the outputs into the packed output rows Predict reads.
    /// </summary>
    public static class GraphLossOpenCl
    {
        /// <summary>The loss kernel's name.</summary>
        public const string KernelName = "graph_loss";

        /// <summary>The output-packing kernel's name.</summary>
        public const string PackKernelName = "graph_pack_outputs";

        /// <summary>One output as the loss kernel reads it.</summary>
        /// <param name="Name">The output node's name.</param>
        /// <param name="Plan">Its loss, weight and metrics.</param>
        /// <param name="Value">Its first value row (an OpenCL expression over <c>input</c>, <c>act</c> and <c>capacity</c>).</param>
        /// <param name="Gradient">Per-sample offset of its gradient rows in the activation buffer (-1: an input node, no gradient).</param>
        /// <param name="Stride">Floats between its value rows.</param>
        /// <param name="Width">Floats between its gradient rows (its padded width).</param>
        /// <param name="Units">Its units.</param>
        /// <param name="Column">Its first column in the packed output rows.</param>
        /// <param name="TargetColumn">Its first column in the packed target rows (one column, the class index, for a sparse output).</param>
        public sealed record Output(string Name, GraphOutputPlan Plan, string Value, int Gradient, int Stride, int Width, int Units, int Column, int TargetColumn);

        /// <summary>Floats per metrics row for these outputs (must equal the session's <c>MetricStride</c>).</summary>
        public static int MetricStride(IReadOnlyList<GraphLossCSharp.Entry> entries) => LossOpenCl.MetricColumns + entries.Count;

        /// <summary>Writes the loss kernel.</summary>
        public static void Write(CodeWriter w, IReadOnlyList<Output> outputs, int targetStride, int entries)
        {
            int stride = LossOpenCl.MetricColumns + entries;
            w.Line($"// The outputs' losses (weighted sum in column 0 of each {stride}-float metrics row, History entries from column {LossOpenCl.MetricColumns}) and their gradients.");
            using (w.Block($"__kernel void {KernelName}(__global const float* input, __global float* act, const int capacity, __global const float* targets, __global float* metrics, const int count)"))
            {
                w.Line("const int m = get_global_id(0);");
                w.Line("if (m >= count) return;");
                w.Line($"__global float* row = metrics + m * {stride};");
                w.Line("float total = 0.0f;");
                int e = LossOpenCl.MetricColumns;
                foreach (Output o in outputs)
                {
                    using (w.Open())
                    {
                        w.Line($"// {o.Plan.HistoryLossName}: {GraphLossCSharp.Describe(o.Plan)} over {o.Name}'s {o.Units} units, weight {Float(o.Plan.LossWeight)}");
                        w.Line($"__global const float* y = {o.Value} + m * {o.Stride};");
                        w.Line($"__global const float* t = targets + {Plus($"m * {targetStride}", o.TargetColumn)};");
                        // The host checked the class index (CompiledModel.CheckTargets) before the upload: a kernel cannot throw.
                        if (o.Plan.TakesLabels) w.Line("const int label = (int)t[0];");
                        WriteLossAndGradient(w, o);
                        w.Line($"total += {Float(o.Plan.LossWeight)} * loss;");
                        if (outputs.Count > 1) w.Line($"row[{e++}] = loss;");
                        WriteMetrics(w, o, ref e);
                    }
                }
                w.Line("row[0] = total;");
            }
            w.Line();
        }

        private static void WriteLossAndGradient(CodeWriter w, Output o)
        {
            int k = o.Units;
            bool perBatch = o.Plan.Loss is Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy;
            // The same float expression as the C# gradient's scale, so the two backends start from the same numbers.
            string weight = o.Plan.Loss == Loss.MeanSquaredError ? Float(2f * o.Plan.LossWeight) : Float(o.Plan.LossWeight);
            bool gradient = o.Gradient >= 0;
            if (gradient)
            {
                w.Line($"const float scale = {weight} / ({(perBatch ? "(float)count" : $"(float)count * {k}")});");
                w.Line($"__global float* d = act + capacity * {o.Gradient} + m * {o.Width};");
            }
            string Grad(string line) => gradient ? " " + line : "";
            w.Line("float sum = 0.0f;");
            switch (o.Plan.Loss)
            {
                case Loss.SparseCategoricalCrossEntropy when o.Plan.FromLogits:
                    w.Line("// Sparse, from logits: log Σ exp(z - max) - (z[label] - max), stable; gradient softmax(z) - onehot(label).");
                    w.Line("float max = y[0];");
                    w.Line($"for (int j = 1; j < {k}; j++) max = fmax(max, y[j]);");
                    w.Line("float total_exp = 0.0f;");
                    w.Line($"for (int j = 0; j < {k}; j++) total_exp += exp(y[j] - max);");
                    w.Line("const float loss = log(total_exp) - (y[label] - max);");
                    if (gradient)
                    {
                        w.Line($"for (int j = 0; j < {k}; j++) d[j] = exp(y[j] - max) / total_exp * scale;");
                        w.Line("d[label] -= scale;");
                    }
                    break;
                case Loss.SparseCategoricalCrossEntropy:
                    w.Line("// Sparse, on probabilities: -log clip(p[label] / S), S = Σp, as Keras;");
                    w.Line("// dL/dp_j = (1 - [j = label] / q) / S inside the clip, 0 outside (through a softmax: p - onehot(label)).");
                    w.Line("float total_p = 0.0f;");
                    w.Line($"for (int j = 0; j < {k}; j++) total_p += y[j];");
                    w.Line("const float q = y[label] / total_p;");
                    w.Line("const float loss = -log(clamp(q, 1e-7f, 1.0f - 1e-7f));");
                    if (gradient)
                    {
                        w.Line("const float each = (q >= 1e-7f && q <= 1.0f - 1e-7f) ? scale / total_p : 0.0f;");
                        w.Line($"for (int j = 0; j < {k}; j++) d[j] = each;");
                        w.Line("d[label] -= each / q;");
                    }
                    break;
                case Loss.CategoricalCrossEntropy when o.Plan.FromLogits:
                    w.Line("// From logits: Σ t ((max - z) + log1p(Σ_{j≠argmax} exp(z - max))); gradient softmax(z)·Σt - t.");
                    w.Line("int top = 0;");
                    w.Line($"for (int j = 1; j < {k}; j++) if (y[j] > y[top]) top = j;");
                    w.Line("const float max = y[top];");
                    w.Line("float rest = 0.0f, mass = 0.0f, total_exp = 0.0f;");
                    w.Line($"for (int j = 0; j < {k}; j++) {{ if (j != top) rest += exp(y[j] - max); mass += t[j]; total_exp += exp(y[j] - max); }}");
                    w.Line("const float lse = log1p(rest);");
                    w.Line($"for (int j = 0; j < {k}; j++) if (t[j] != 0.0f) sum += t[j] * (max - y[j] + lse);");
                    w.Line("const float loss = sum;");
                    if (gradient) w.Line($"for (int j = 0; j < {k}; j++) d[j] = (exp(y[j] - max) / total_exp * mass - t[j]) * scale;");
                    break;
                case Loss.CategoricalCrossEntropy:
                    w.Line("// On probabilities, renormalised (q = p / S) and clipped as Keras;");
                    w.Line("// dL/dp = (-t/q [inside the clip] + Σ t [inside]) / S (through a softmax: p·Σt - t).");
                    w.Line("float total_p = 0.0f, inside = 0.0f;");
                    w.Line($"for (int j = 0; j < {k}; j++) total_p += y[j];");
                    using (w.Block($"for (int j = 0; j < {k}; j++)"))
                    {
                        w.Line("const float q = y[j] / total_p;");
                        w.Line("if (t[j] != 0.0f) sum -= t[j] * log(clamp(q, 1e-7f, 1.0f - 1e-7f));");
                        w.Line("if (q >= 1e-7f && q <= 1.0f - 1e-7f) inside += t[j];");
                    }
                    w.Line("const float loss = sum;");
                    if (gradient)
                    {
                        using (w.Block($"for (int j = 0; j < {k}; j++)"))
                        {
                            w.Line("const float q = y[j] / total_p;");
                            w.Line("d[j] = ((q >= 1e-7f && q <= 1.0f - 1e-7f ? -t[j] / q : 0.0f) + inside) / total_p * scale;");
                        }
                    }
                    break;
                case Loss.BinaryCrossEntropy when o.Plan.FromLogits:
                    w.Line("// From logits, stable: max(z, 0) - z t + log1p(exp(-|z|)); gradient σ(z) - t.");
                    using (w.Block($"for (int j = 0; j < {k}; j++)"))
                    {
                        w.Line("const float z = y[j], e = exp(-fabs(z));");
                        w.Line("sum += fmax(z, 0.0f) - z * t[j] + log1p(e);");
                        if (gradient) w.Line("d[j] = ((z >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e)) - t[j]) * scale;");
                    }
                    w.Line($"const float loss = sum / {k};");
                    break;
                case Loss.BinaryCrossEntropy:
                    w.Line("// On probabilities, clipped as Keras; gradient -t/p + (1 - t)/(1 - p) inside the clip, 0 outside.");
                    using (w.Block($"for (int j = 0; j < {k}; j++)"))
                    {
                        w.Line("const float p = y[j], q = clamp(p, 1e-7f, 1.0f - 1e-7f);");
                        w.Line("sum -= t[j] * log(q) + (1.0f - t[j]) * log(1.0f - q);");
                        if (gradient) w.Line("d[j] = (p >= 1e-7f && p <= 1.0f - 1e-7f) ? (-t[j] / p + (1.0f - t[j]) / (1.0f - p)) * scale : 0.0f;");
                    }
                    w.Line($"const float loss = sum / {k};");
                    break;
                case Loss.MeanAbsoluteError:
                    w.Line("// Mean absolute error; gradient sign(y - t) (0 where y = t).");
                    w.Line($"for (int j = 0; j < {k}; j++) {{ const float e = y[j] - t[j]; sum += fabs(e);{Grad("d[j] = sign(e) * scale;")} }}");
                    w.Line($"const float loss = sum / {k};");
                    break;
                case Loss.Huber:
                    string delta = Float(o.Plan.HuberDelta);
                    w.Line($"// Huber, delta {delta}: quadratic inside |e| <= delta, linear outside; gradient clamp(e, -delta, delta).");
                    w.Line($"for (int j = 0; j < {k}; j++) {{ const float e = y[j] - t[j], a = fabs(e); sum += a <= {delta} ? 0.5f * e * e : {delta} * (a - 0.5f * {delta});{Grad($"d[j] = clamp(e, -{delta}, {delta}) * scale;")} }}");
                    w.Line($"const float loss = sum / {k};");
                    break;
                default:
                    w.Line("// Mean squared error; gradient 2(y - t) (the 2 is in the scale).");
                    w.Line($"for (int j = 0; j < {k}; j++) {{ const float e = y[j] - t[j]; sum += e * e;{Grad("d[j] = e * scale;")} }}");
                    w.Line($"const float loss = sum / {k};");
                    break;
            }
            if (gradient && o.Width > k) w.Line($"for (int j = {k}; j < {o.Width}; j++) d[j] = 0.0f; // the buffer may be reused: no stale padding");
        }

        private static void WriteMetrics(CodeWriter w, Output o, ref int e)
        {
            int k = o.Units;
            for (int m = 0; m < o.Plan.Metrics.Count; m++, e++)
            {
                string name = o.Plan.HistoryMetricNames[m];
                switch (o.Plan.Metrics[m].Kind)
                {
                    case Metric.BinaryAccuracy:
                        w.Line($"{{ float hits = 0.0f; for (int j = 0; j < {k}; j++) hits += ((y[j] > 0.5f) ? 1.0f : 0.0f) == t[j] ? 1.0f : 0.0f; row[{e}] = hits / {k}; }} // {name}");
                        break;
                    case Metric.SparseCategoricalAccuracy:
                        w.Line($"{{ int best = 0; for (int j = 1; j < {k}; j++) if (y[j] > y[best]) best = j; row[{e}] = best == label ? 1.0f : 0.0f; }} // {name}");
                        break;
                    case Metric.CategoricalAccuracy:
                        w.Line($"{{ int best = 0, truth = 0; for (int j = 1; j < {k}; j++) {{ if (y[j] > y[best]) best = j; if (t[j] > t[truth]) truth = j; }} row[{e}] = best == truth ? 1.0f : 0.0f; }} // {name}");
                        break;
                    case Metric.MeanAbsoluteError:
                        w.Line($"{{ float abs_sum = 0.0f; for (int j = 0; j < {k}; j++) abs_sum += fabs(y[j] - t[j]); row[{e}] = abs_sum / {k}; }} // {name}");
                        break;
                    default:
                        w.Line($"{{ float sq = 0.0f; for (int j = 0; j < {k}; j++) {{ const float q = y[j] - t[j]; sq += q * q; }} row[{e}] = sq / {k}; }} // {name}");
                        break;
                }
            }
        }

        /// <summary>Writes the kernel that copies every output's value rows into the packed output rows (what Predict reads).</summary>
        public static void WritePack(CodeWriter w, IReadOnlyList<Output> outputs, int packed, int packedStride)
        {
            w.Line($"// The outputs side by side in the packed output rows ({packedStride} floats at {packed}), as Predict returns them.");
            using (w.Block($"__kernel void {PackKernelName}(__global const float* input, __global float* act, const int capacity, const int count)"))
            {
                w.Line("const int m = get_global_id(0);");
                w.Line("if (m >= count) return;");
                w.Line($"__global float* packed = act + capacity * {packed} + m * {packedStride};");
                foreach (Output o in outputs)
                {
                    w.Line($"for (int j = 0; j < {o.Units}; j++) packed[{Plus("j", o.Column)}] = ({o.Value})[m * {o.Stride} + j]; // {o.Name}");
                }
            }
            w.Line();
        }

        private static string Plus(string expression, int offset) => offset == 0 ? expression : $"{expression} + {offset}";

        private static string Float(float value) => OptimizerOpenCl.OpenClFloat(value);
    }
}
