using System;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Finite differences through a dropout layer with the mask held fixed: a model's first training pass always runs
    /// under the same noise key for a seed, so fresh models with the same seed and a perturbed weight see the same
    /// mask, and (L(θ + ε) - L(θ - ε)) / 2ε must match the gradient the backward pass computes for that pass.
    /// </summary>
    public class DropoutFiniteDifferenceTests
    {
        private static readonly float[] X = { 0.5f, -1f, 0.25f, 1.5f, 0.1f, -0.7f }, T = { 0.1f, -0.2f, 0.3f, 0.05f };

        private static CompiledModel Create(bool alpha, float[] w1, float[] b1, float[] w2)
        {
            CompiledModel model = alpha ? new AlphaSeluNet(seed: 21) : new DropoutSigmoidNet(seed: 21);
            model.WriteParameter("dense.kernel", w1);
            model.WriteParameter("dense.bias", b1);
            model.WriteParameter("dense_1.kernel", w2);
            return model;
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Gradients_MatchCentralDifferences_UnderTheSameMask(bool alpha)
        {
            var rng = new Random(17);
            float[] w1 = Enumerable.Range(0, 120).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            float[] b1 = Enumerable.Range(0, 40).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.2f).ToArray();
            float[] w2 = Enumerable.Range(0, 80).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            float[] g1, gb, g2;
            using (CompiledModel model = Create(alpha, w1, b1, w2))
            {
                model.ComputeGradients(X, T);
                g1 = model.ReadGradient("dense.kernel");
                gb = model.ReadGradient("dense.bias");
                g2 = model.ReadGradient("dense_1.kernel");
            }
            // SELU has a kink at 0: a smaller step keeps the perturbed z of the checked units on one side of it.
            float eps = alpha ? 1e-3f : 1e-2f;
            int checkedNonZero = 0;
            foreach ((string tensor, float[] values, float[] gradient) in new[] { ("w1", w1, g1), ("b1", b1, gb), ("w2", w2, g2) })
            {
                for (int i = 0; i < values.Length; i += 3)
                {
                    float saved = values[i];
                    values[i] = saved + eps;
                    float up; using (CompiledModel m = Create(alpha, w1, b1, w2)) up = m.ComputeGradients(X, T);
                    values[i] = saved - eps;
                    float down; using (CompiledModel m = Create(alpha, w1, b1, w2)) down = m.ComputeGradients(X, T);
                    values[i] = saved;
                    double fd = ((double)up - down) / (2 * eps);
                    Assert.True(Math.Abs(fd - gradient[i]) <= 2e-3 * (1 + Math.Abs(fd)), $"{tensor}[{i}]: backward {gradient[i]}, finite difference {fd}");
                    if (gradient[i] != 0f) checkedNonZero++;
                }
            }
            Assert.True(checkedNonZero > 20, "the check should cover kept units");
        }
    }
}
