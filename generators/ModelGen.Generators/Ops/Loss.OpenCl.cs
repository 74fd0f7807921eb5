using System.Collections.Generic;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The loss in OpenCL C: one work-item per sample writes that sample's loss and metric terms into a row of
    /// <see cref="MetricColumns"/> floats of <c>metrics</c>, and the loss gradient row, fused with softmax or sigmoid
    /// where the C# path fuses it. The host sums the columns in double, as the C# path does. The same per-sample code
    /// (<see cref="WriteSample"/>) runs inside the fully fused training kernel.
    /// </summary>
    public static class LossOpenCl
    {
        /// <summary>The kernel's name in the program.</summary>
        public const string KernelName = "loss_gradient";

        /// <summary>
        /// Floats per sample in the metrics buffer: the loss, the binary-accuracy hits (mean over outputs), whether the
        /// predicted class is right, the squared error and the absolute error (means over outputs). Only the columns
        /// the model reports are written. Must equal <c>ModelGen.OpenClSession.MetricColumns</c>.
        /// </summary>
        public const int MetricColumns = 5;

        /// <summary>Column indices in a metrics row.</summary>
        public const int LossColumn = 0, BinaryColumn = 1, ClassColumn = 2, SquaredColumn = 3, AbsoluteColumn = 4;

        /// <summary>Writes the loss kernel.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            int stride = plan.OutputStride;
            w.Line($"// Loss ({plan.Loss.Kind}{(plan.Loss.FromLogits ? ", from logits" : "")}) and its gradient; the batch mean is taken on the host.");
            w.Line($"__kernel void {KernelName}(__global const float* y, const int y_offset, __global float* dy, const int dy_offset,");
            w.Line("    __global const int* labels, __global const float* targets, __global float* metrics, const int count)");
            using (w.Open())
            {
                w.Line("const int m = get_global_id(0);");
                w.Line("if (m >= count) return;");
                w.Line($"__global const float* yr = y + y_offset + m * {stride};");
                w.Line($"__global float* dr = dy + dy_offset + m * {stride};");
                w.Line("const float scale = 1.0f / count;");
                WriteSample(w, plan, "yr", "dr");
            }
            w.Line();
        }

        /// <summary>
        /// The per-sample body: reads output row <paramref name="y"/> (indexable), sample <c>m</c>'s label or target row,
        /// writes the loss gradient into <paramref name="d"/> (before the output activation's derivative unless fused)
        /// and the metric columns into <c>metrics</c>. Expects <c>m</c>, <c>scale</c>, <c>labels</c>, <c>targets</c>.
        /// </summary>
        public static void WriteSample(CodeWriter w, ModelPlan plan, string y, string d)
        {
            int k = plan.OutputSize;
            LossPlan loss = plan.Loss;
            string mr = $"metrics[{MetricColumns} * m + ";
            if (!loss.TakesLabels) w.Line($"__global const float* t = targets + m * {k};");
            switch (loss.Kind)
            {
                case Loss.SparseCategoricalCrossEntropy:
                    w.Line("const int label = labels[m];");
                    if (loss.FromLogits)
                    {
                        w.Line("// From logits: log Σ exp(z) - z[label], shifted by the largest logit; gradient softmax(z) - onehot.");
                        w.Line($"float max = {y}[0];");
                        w.Line($"for (int j = 1; j < {k}; j++) max = fmax(max, {y}[j]);");
                        w.Line("float sum = 0.0f;");
                        w.Line($"for (int j = 0; j < {k}; j++) sum += exp({y}[j] - max);");
                        w.Line($"{mr}{LossColumn}] = max + log(sum) - {y}[label];");
                        w.Line($"for (int j = 0; j < {k}; j++) {d}[j] = exp({y}[j] - max) / sum * scale;");
                    }
                    else
                    {
                        w.Line("// On the softmax's probabilities, clipped as Keras; fused gradient p - onehot.");
                        w.Line($"{mr}{LossColumn}] = -log(clamp({y}[label], 1e-7f, 1.0f - 1e-7f));");
                        w.Line($"for (int j = 0; j < {k}; j++) {d}[j] = {y}[j] * scale;");
                    }
                    w.Line($"{d}[label] -= scale;");
                    break;
                case Loss.CategoricalCrossEntropy when loss.FromLogits:
                    w.Line("// From logits: Σ t ((max - z) + log1p(Σ_{j≠argmax} exp(z - max))), no overflow and no lost precision;");
                    w.Line("// gradient softmax(z)·Σt - t.");
                    w.Line("int top = 0;");
                    w.Line($"for (int j = 1; j < {k}; j++) if ({y}[j] > {y}[top]) top = j;");
                    w.Line($"const float max = {y}[top];");
                    w.Line("float rest = 0.0f, mass = 0.0f, sum = 0.0f;");
                    w.Line($"for (int j = 0; j < {k}; j++) {{ if (j != top) rest += exp({y}[j] - max); mass += t[j]; }}");
                    w.Line("const float lse = log1p(rest);");
                    w.Line($"for (int j = 0; j < {k}; j++) if (t[j] != 0.0f) sum += t[j] * (max - {y}[j] + lse);");
                    w.Line($"{mr}{LossColumn}] = sum;");
                    w.Line($"for (int j = 0; j < {k}; j++) {d}[j] = (exp({y}[j] - max) / (1.0f + rest) * mass - t[j]) * scale;");
                    break;
                case Loss.CategoricalCrossEntropy:
                    w.Line("// On the softmax's probabilities: renormalised and clipped as Keras; fused gradient p·Σt - t.");
                    w.Line("float total = 0.0f, mass = 0.0f, sum = 0.0f;");
                    w.Line($"for (int j = 0; j < {k}; j++) {{ total += {y}[j]; mass += t[j]; }}");
                    w.Line($"for (int j = 0; j < {k}; j++) if (t[j] != 0.0f) sum -= t[j] * log(clamp({y}[j] / total, 1e-7f, 1.0f - 1e-7f));");
                    w.Line($"{mr}{LossColumn}] = sum;");
                    w.Line($"for (int j = 0; j < {k}; j++) {d}[j] = ({y}[j] * mass - t[j]) * scale;");
                    break;
                case Loss.BinaryCrossEntropy when loss.FromLogits:
                    w.Line("// From logits, stable: max(z, 0) - z t + log1p(exp(-|z|)); gradient σ(z) - t.");
                    w.Line("float sum = 0.0f;");
                    using (w.Block($"for (int j = 0; j < {k}; j++)"))
                    {
                        w.Line($"const float z = {y}[j], e = exp(-fabs(z));");
                        w.Line("sum += fmax(z, 0.0f) - z * t[j] + log1p(e);");
                        w.Line("const float p = z >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);");
                        w.Line($"{d}[j] = (p - t[j]) * (scale / {k});");
                    }
                    w.Line($"{mr}{LossColumn}] = sum / {k};");
                    break;
                case Loss.BinaryCrossEntropy:
                    w.Line(loss.FusedWithOutput
                        ? "// On the sigmoid's probabilities, clipped as Keras; fused gradient p - t (exact, never zeroed by the clip)."
                        : "// On probabilities, clipped as Keras; gradient -t/p + (1 - t)/(1 - p) inside the clip, 0 outside.");
                    w.Line("float sum = 0.0f;");
                    using (w.Block($"for (int j = 0; j < {k}; j++)"))
                    {
                        w.Line($"const float p = {y}[j], q = clamp(p, 1e-7f, 1.0f - 1e-7f);");
                        w.Line("sum -= t[j] * log(q) + (1.0f - t[j]) * log(1.0f - q);");
                        w.Line(loss.FusedWithOutput
                            ? $"{d}[j] = (p - t[j]) * (scale / {k});"
                            : $"{d}[j] = p == q ? (-t[j] / p + (1.0f - t[j]) / (1.0f - p)) * (scale / {k}) : 0.0f;");
                    }
                    w.Line($"{mr}{LossColumn}] = sum / {k};");
                    break;
                case Loss.Perceptron:
                    w.Line("// The perceptron rule: error rate as the loss, dL/dz = ŷ - y (the threshold's derivative taken as 1).");
                    w.Line("float sum = 0.0f;");
                    w.Line($"for (int j = 0; j < {k}; j++) {{ const float diff = {y}[j] - t[j]; sum += diff != 0.0f ? 1.0f : 0.0f; {d}[j] = diff * scale; }}");
                    w.Line($"{mr}{LossColumn}] = sum / {k};");
                    break;
                case Loss.MeanAbsoluteError:
                    w.Line("// Mean absolute error; gradient sign(y - t) (0 where y = t).");
                    w.Line("float sum = 0.0f;");
                    w.Line($"for (int j = 0; j < {k}; j++) {{ const float diff = {y}[j] - t[j]; sum += fabs(diff); {d}[j] = sign(diff) * (scale / {k}); }}");
                    w.Line($"{mr}{LossColumn}] = sum / {k};");
                    break;
                case Loss.Huber:
                    string delta = Float(loss.HuberDelta);
                    w.Line($"// Huber, delta {delta}: quadratic inside |e| <= delta, linear outside; gradient clamp(e, -delta, delta).");
                    w.Line("float sum = 0.0f;");
                    using (w.Block($"for (int j = 0; j < {k}; j++)"))
                    {
                        w.Line($"const float e = {y}[j] - t[j], a = fabs(e);");
                        w.Line($"sum += a <= {delta} ? 0.5f * e * e : {delta} * a - 0.5f * {delta} * {delta};");
                        w.Line($"{d}[j] = clamp(e, -{delta}, {delta}) * (scale / {k});");
                    }
                    w.Line($"{mr}{LossColumn}] = sum / {k};");
                    break;
                default:
                    w.Line("float sum = 0.0f;");
                    using (w.Block($"for (int j = 0; j < {k}; j++)"))
                    {
                        w.Line($"const float diff = {y}[j] - t[j];");
                        w.Line("sum += diff * diff;");
                        w.Line($"{d}[j] = diff * (2.0f * scale / {k});");
                    }
                    w.Line($"{mr}{LossColumn}] = sum / {k};");
                    break;
            }
            WriteMetricColumns(w, plan, y);
        }

        /// <summary>The metric columns the model reports (a sparse classifier always reports its accuracy, as before metrics existed).</summary>
        private static void WriteMetricColumns(CodeWriter w, ModelPlan plan, string y)
        {
            int k = plan.OutputSize;
            string mr = $"metrics[{MetricColumns} * m + ";
            var columns = new SortedSet<int>();
            if (plan.Loss.TakesLabels) columns.Add(ClassColumn);
            foreach (MetricPlan metric in plan.Loss.Metrics) columns.Add(Column(metric.Kind));
            foreach (int column in columns)
            {
                switch (column)
                {
                    case BinaryColumn:
                        w.Line("// Binary accuracy: (p > 0.5) == t, mean over outputs.");
                        w.Line("float hits = 0.0f;");
                        w.Line($"for (int j = 0; j < {k}; j++) hits += (({y}[j] > 0.5f) ? 1.0f : 0.0f) == t[j] ? 1.0f : 0.0f;");
                        w.Line($"{mr}{BinaryColumn}] = hits / {k};");
                        break;
                    case ClassColumn:
                        w.Line("// Whether the predicted class (the first largest output) is the label or the target's argmax.");
                        w.Line("int best = 0;");
                        w.Line($"for (int j = 1; j < {k}; j++) if ({y}[j] > {y}[best]) best = j;");
                        if (plan.Loss.TakesLabels)
                        {
                            w.Line($"{mr}{ClassColumn}] = best == labels[m] ? 1.0f : 0.0f;");
                        }
                        else
                        {
                            w.Line("int truth = 0;");
                            w.Line($"for (int j = 1; j < {k}; j++) if (t[j] > t[truth]) truth = j;");
                            w.Line($"{mr}{ClassColumn}] = best == truth ? 1.0f : 0.0f;");
                        }
                        break;
                    default:
                        bool squared = column == SquaredColumn;
                        w.Line(squared ? "// Squared error, mean over outputs (MSE and RMSE metrics)." : "// Absolute error, mean over outputs (MAE metric).");
                        w.Line($"float err{column} = 0.0f;");
                        w.Line($"for (int j = 0; j < {k}; j++) {{ const float e = {y}[j] - t[j]; err{column} += {(squared ? "e * e" : "fabs(e)")}; }}");
                        w.Line($"{mr}{column}] = err{column} / {k};");
                        break;
                }
            }
        }

        /// <summary>The metrics-row column a metric reads (its resolved kind: Accuracy never reaches here).</summary>
        public static int Column(Metric metric) => metric switch
        {
            Metric.BinaryAccuracy => BinaryColumn,
            Metric.CategoricalAccuracy or Metric.SparseCategoricalAccuracy => ClassColumn,
            Metric.MeanAbsoluteError => AbsoluteColumn,
            _ => SquaredColumn,
        };

        private static string Float(float value) => OptimizerOpenCl.OpenClFloat(value);
    }
}
