using System;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Regularizers, Trainable = false, kernel constraints and gradient clipping on functional models: the same
    /// numbers as the sequential form (the rules are shared, so a chain declared both ways must train identically),
    /// and finite differences of the penalized loss through a merge with a frozen branch.
    /// </summary>
    public class GraphTrainingMathTests
    {
        private static readonly string[] s_tensors = { "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias", "dense_2.kernel", "dense_2.bias" };

        private static float[] Uniform(Random rng, int n, double range = 1) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * range)).ToArray();

        [Fact]
        public void GraphTwin_TrainsExactlyAsTheSequentialModel()
        {
            using var sequential = new SequentialTrainingMath(7);
            using var graph = new GraphTrainingMath(8);
            foreach (string name in s_tensors) graph.WriteParameter(name, sequential.ReadParameter(name));
            float[] frozen = sequential.ReadParameter("dense_1.kernel");
            var rng = new Random(9);
            float[] x = Uniform(rng, 16 * 5, 2), t = Uniform(rng, 16 * 3);
            for (int step = 0; step < 5; step++)
            {
                float a = sequential.TrainBatch(x, t), b = graph.TrainBatch(x, t);
                Tolerance.AssertClose(a, b, 1e-6, 1e-7, $"loss with the penalty, step {step}");
            }
            foreach (string name in s_tensors)
            {
                Tolerance.AssertClose(sequential.ReadParameter(name), graph.ReadParameter(name), 1e-6, 1e-7, name + " after five steps");
            }
            // The rules did act: the frozen layer kept its bits, the constrained kernel's columns obey MaxNorm(0.5).
            Assert.Equal(frozen, graph.ReadParameter("dense_1.kernel"));
            float[] kernel = graph.ReadParameter("dense_2.kernel"); // [7, 3]
            for (int unit = 0; unit < 3; unit++)
            {
                double norm = Math.Sqrt(Enumerable.Range(0, 7).Sum(row => (double)kernel[row * 3 + unit] * kernel[row * 3 + unit]));
                Assert.True(norm <= 0.5 + 1e-6, $"unit {unit}: column norm {norm} above MaxNorm's 0.5");
            }
            Assert.Contains("non-trainable parameters: 49 (Trainable = false)", GraphTrainingMath.Summary());
        }

        [Fact]
        public void ResidualWithPenaltiesAndAFrozenBranch_GradientsMatchFiniteDifferences()
        {
            var rng = new Random(11);
            float[] x = Uniform(rng, 5 * 6), t = Uniform(rng, 5 * 2);
            using var model = new ResidualTrainingMath(12);
            model.WriteParameter("Y.bias", new[] { 0.2f, -0.3f });
            model.WriteParameter("Block.bias", Uniform(rng, 6, 0.2));
            string[] trained = { "Block.kernel", "Block.bias", "Y.kernel", "Y.bias" };
            model.ComputeGradients(x, t);
            var analytic = trained.ToDictionary(n => n, n => model.ReadGradient(n));
            Assert.All(model.ReadGradient("Skip.kernel"), g => Assert.Equal(0f, g)); // frozen: no gradient at all
            foreach (string name in trained)
            {
                float[] numeric = CentralDifferences.Of(model, name, x, t, 1e-2f);
                Tolerance.AssertClose(numeric, analytic[name], Tolerance.FiniteDifference, Tolerance.FiniteDifferenceFloor, name + " gradient (with its penalty) vs finite differences");
            }

            // The penalty is in the loss: L2 on Block.kernel and L1 on Y.bias, on top of the data loss.
            float withPenalty = model.ComputeGradients(x, t);
            float[] blockKernel = model.ReadParameter("Block.kernel");
            double penalty = 0.05 * blockKernel.Sum(w => (double)w * w) + 0.1 * (0.2 + 0.3);
            float[] y = model.PredictBatch(x);
            double data = Enumerable.Range(0, t.Length).Sum(i => (double)(y[i] - t[i]) * (y[i] - t[i])) / t.Length;
            Tolerance.AssertClose(data + penalty, withPenalty, 1e-5, 1e-6, "loss = MSE + penalty");

            // Training moves the trainable nodes and never the frozen one; clipping by value bounds each step.
            float[] skip = model.ReadParameter("Skip.kernel");
            for (int i = 0; i < 3; i++) model.TrainBatch(x, t);
            Assert.Equal(skip, model.ReadParameter("Skip.kernel"));
            Assert.NotEqual(blockKernel, model.ReadParameter("Block.kernel"));
        }
    }
}
