using System;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Each loss and each fused form through a two-layer model (3 -> 70 tanh -> outputs): every parameter gradient of
    /// the generated code against central finite differences of an independent float64 re-implementation of the
    /// network and of Keras' loss formulas, at the model's own weights. Targets stay away from the kinks of MAE and
    /// Huber and from the probability clip, where the derivative is one-sided.
    /// </summary>
    public class LossFiniteDifferenceTests
    {
        private const int Batch = 5;

        /// <summary>float32 gradients against a float64 central difference (step 1e-5: truncation ~1e-10).</summary>
        private const double Rtol = 1e-3, Atol = 2e-6;

        private sealed record Case(Func<CompiledModel> Create, Loss Loss, bool FromLogits, Activation Output, float Delta = 1f);

        public static TheoryData<string> Names => new() { "mae", "huber", "bce_sigmoid", "bce_softmax", "bce_logits", "cce_softmax", "cce_logits" };

        private static Case Get(string name) => name switch
        {
            "mae" => new(() => new FdMae(seed: 3), ModelGen.Loss.MeanAbsoluteError, false, Activation.Identity),
            "huber" => new(() => new FdHuber(seed: 4), ModelGen.Loss.Huber, false, Activation.Tanh, 0.3f),
            "bce_sigmoid" => new(() => new FdBceSigmoid(seed: 5), ModelGen.Loss.BinaryCrossEntropy, false, Activation.Sigmoid),
            "bce_softmax" => new(() => new FdBceSoftmax(seed: 6), ModelGen.Loss.BinaryCrossEntropy, false, Activation.Softmax),
            "bce_logits" => new(() => new FdBceLogits(seed: 7), ModelGen.Loss.BinaryCrossEntropy, true, Activation.Identity),
            "cce_softmax" => new(() => new FdCceSoftmax(seed: 8), ModelGen.Loss.CategoricalCrossEntropy, false, Activation.Softmax),
            "cce_logits" => new(() => new FdCceLogits(seed: 9), ModelGen.Loss.CategoricalCrossEntropy, true, Activation.Identity),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Names))]
        public void Gradients_MatchFiniteDifferences(string name)
        {
            Case c = Get(name);
            using CompiledModel model = c.Create();
            var rng = new Random(42);
            int k = model.OutputSize;
            float[] x = Enumerable.Range(0, Batch * model.InputSize).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            float[] t = Targets(c, rng, k);

            // Larger weights than Glorot's so the outputs spread and every loss sits in its interesting region.
            double[][] p = model.Layout.Tensors.Select(s => model.ReadParameter(s.Name).Select(v => (double)v * 2).ToArray()).ToArray();
            for (int i = 0; i < p.Length; i++) model.WriteParameter(model.Layout.Tensors[i].Name, p[i].Select(v => (float)v).ToArray());
            p = model.Layout.Tensors.Select(s => model.ReadParameter(s.Name).Select(v => (double)v).ToArray()).ToArray();

            float loss = model.ComputeGradients(x, t);
            double reference = Loss(c, p, x, t, k);
            Tolerance.AssertClose(reference, loss, 1e-5, 1e-6, $"{name} loss against the float64 reference");

            const double h = 1e-5;
            for (int i = 0; i < p.Length; i++)
            {
                var fd = new float[p[i].Length];
                for (int j = 0; j < p[i].Length; j++)
                {
                    double saved = p[i][j];
                    p[i][j] = saved + h;
                    double plus = Loss(c, p, x, t, k);
                    p[i][j] = saved - h;
                    double minus = Loss(c, p, x, t, k);
                    p[i][j] = saved;
                    fd[j] = (float)((plus - minus) / (2 * h));
                }
                float[] analytic = model.ReadGradient(model.Layout.Tensors[i].Name);
                Assert.Contains(fd, g => Math.Abs(g) > 1e-3); // the check has teeth: some entries are large
                Tolerance.AssertClose(fd, analytic, Rtol, Atol, $"{name} d/d{model.Layout.Tensors[i].Name}");
            }
        }

        /// <summary>Targets in the loss's domain: float rows for regression, {0, 1} and soft values for BCE, one-hot or soft rows for CCE.</summary>
        private static float[] Targets(Case c, Random rng, int k)
        {
            var t = new float[Batch * k];
            for (int n = 0; n < Batch; n++)
            {
                switch (c.Loss)
                {
                    case ModelGen.Loss.BinaryCrossEntropy:
                        for (int j = 0; j < k; j++) t[n * k + j] = (n + j) % 3 == 0 ? 0.3f : rng.Next(2);
                        break;
                    case ModelGen.Loss.CategoricalCrossEntropy:
                        if (n == Batch - 1) { for (int j = 0; j < k; j++) t[n * k + j] = 1f / k; } // a soft row: Σt = 1
                        else t[n * k + rng.Next(k)] = 1f;
                        break;
                    default:
                        for (int j = 0; j < k; j++) t[n * k + j] = (float)(rng.NextDouble() * 1.6 - 0.8);
                        break;
                }
            }
            return t;
        }

        /// <summary>The Keras loss of the two-layer network in float64: tanh hidden layer, then the output activation.</summary>
        private static double Loss(Case c, double[][] p, float[] x, float[] t, int k)
        {
            double[] w0 = p[0], b0 = p[1], w1 = p[2], b1 = p[3];
            int inputs = x.Length / Batch, hidden = b0.Length;
            double total = 0;
            for (int n = 0; n < Batch; n++)
            {
                var h = new double[hidden];
                for (int u = 0; u < hidden; u++)
                {
                    double s = b0[u];
                    for (int i = 0; i < inputs; i++) s += x[n * inputs + i] * w0[i * hidden + u];
                    h[u] = Math.Tanh(s);
                }
                var z = new double[k];
                for (int u = 0; u < k; u++)
                {
                    double s = b1[u];
                    for (int i = 0; i < hidden; i++) s += h[i] * w1[i * k + u];
                    z[u] = s;
                }
                double[] y = Activate(c.Output, z);
                double[] tn = Enumerable.Range(0, k).Select(j => (double)t[n * k + j]).ToArray();
                total += SampleLoss(c, y, tn);
            }
            return total / Batch;
        }

        private static double[] Activate(Activation a, double[] z) => a switch
        {
            Activation.Tanh => z.Select(Math.Tanh).ToArray(),
            Activation.Sigmoid => z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(),
            Activation.Softmax => Softmax(z),
            _ => z,
        };

        private static double[] Softmax(double[] z)
        {
            double m = z.Max();
            double[] e = z.Select(v => Math.Exp(v - m)).ToArray();
            double s = e.Sum();
            return e.Select(v => v / s).ToArray();
        }

        /// <summary>Keras' per-sample values (losses.py), written from the formulas, not from the generator's code.</summary>
        private static double SampleLoss(Case c, double[] y, double[] t)
        {
            int k = y.Length;
            switch (c.Loss)
            {
                case ModelGen.Loss.MeanAbsoluteError:
                    return Enumerable.Range(0, k).Sum(j => Math.Abs(y[j] - t[j])) / k;
                case ModelGen.Loss.Huber:
                    return Enumerable.Range(0, k).Sum(j =>
                    {
                        double e = Math.Abs(y[j] - t[j]);
                        return e <= c.Delta ? 0.5 * e * e : c.Delta * e - 0.5 * c.Delta * c.Delta;
                    }) / k;
                case ModelGen.Loss.BinaryCrossEntropy when c.FromLogits:
                    // -t log σ(z) - (1 - t) log σ(-z), directly.
                    return Enumerable.Range(0, k).Sum(j => -t[j] * Math.Log(1 / (1 + Math.Exp(-y[j]))) - (1 - t[j]) * Math.Log(1 / (1 + Math.Exp(y[j])))) / k;
                case ModelGen.Loss.BinaryCrossEntropy:
                    return Enumerable.Range(0, k).Sum(j => -(t[j] * Math.Log(y[j]) + (1 - t[j]) * Math.Log(1 - y[j]))) / k;
                case ModelGen.Loss.CategoricalCrossEntropy when c.FromLogits:
                    double[] p = Softmax(y);
                    return -Enumerable.Range(0, k).Sum(j => t[j] * Math.Log(p[j]));
                default:
                    double sum = y.Sum();
                    return -Enumerable.Range(0, k).Sum(j => t[j] * Math.Log(y[j] / sum));
            }
        }
    }
}
