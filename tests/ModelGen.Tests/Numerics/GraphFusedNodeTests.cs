using System;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// BatchNormalization and Dropout as graph nodes: fused into the Dense step they read, as in a sequential model, so
    /// a batch-normalized graph trains exactly as its sequential twin, and a dropout node's gradients match finite
    /// differences under its mask (and at inference it is the identity).
    /// </summary>
    public class GraphFusedNodeTests
    {
        private static float[] Uniform(Random rng, int n, double range = 1) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * range)).ToArray();

        [Fact]
        public void BatchNormNodes_TrainAsTheSequentialTwin_AndPredictWithTheMovingStatistics()
        {
            using var sequential = new SequentialBatchNormTwin(3);
            using var graph = new GraphBatchNorm(4);
            string[] tensors = sequential.Layout.Tensors.Select(t => t.Name).ToArray();
            Assert.Equal(tensors.OrderBy(n => n), graph.Layout.Tensors.Select(t => t.Name).OrderBy(n => n));
            foreach (string name in tensors) graph.WriteParameter(name, sequential.ReadParameter(name));
            var rng = new Random(5);
            float[] x = Uniform(rng, 16 * 5, 2), t = Uniform(rng, 16 * 3);
            for (int step = 0; step < 4; step++)
            {
                Tolerance.AssertClose(sequential.TrainBatch(x, t), graph.TrainBatch(x, t), 1e-6, 1e-7, $"loss, step {step}");
            }
            foreach (string name in tensors)
            {
                Tolerance.AssertClose(sequential.ReadParameter(name), graph.ReadParameter(name), 1e-5, 1e-6, name + " after four steps");
            }
            Assert.NotEqual(new float[8], graph.ReadParameter("Normalized.moving_mean")); // the moving statistics moved
            // The sequential model folds its normalizations into the kernels; the graph runs them as passes.
            float[] probe = Uniform(rng, 7 * 5, 2);
            Tolerance.AssertClose(sequential.PredictBatch(probe), graph.PredictBatch(probe), 1e-5, 1e-6, "Predict (moving statistics)");
            Assert.Contains("non-trainable parameters: 28 (non-trainable BatchNormalization tensors)", GraphBatchNorm.Summary());
        }

        [Fact]
        public void DropoutNodes_AfterTraining_GradientsEqualAFreshCopys()
        {
            // Regression: gradient rows reused by lifetime keep another node's numbers in their padding columns unless
            // the first write clears them; a Dropout node shares its Dense node's rows, and a missed clear let step k's
            // numbers into step k + 1's padded kernel columns (a fresh model, whose buffers are zero, disagreed).
            var rng = new Random(23);
            using var trained = new GraphDropout(seed: 41);
            using var fresh = new GraphDropout(seed: 41);
            float[] x = Uniform(rng, 16 * 6, 2), t = Uniform(rng, 16 * 2);
            for (int step = 0; step < 3; step++)
            {
                trained.TrainBatch(x, t);
                fresh.ComputeGradients(x, t); // the same number of training passes, so the same noise key next
            }
            foreach (TensorSpec tensor in trained.Layout.Tensors) fresh.WriteParameter(tensor.Name, trained.ReadParameter(tensor.Name));
            float[] next = Uniform(rng, 16 * 6, 2);
            Assert.Equal(trained.ComputeGradients(next, t), fresh.ComputeGradients(next, t));
            foreach (TensorSpec tensor in trained.Layout.Tensors)
            {
                Assert.Equal(fresh.ReadGradient(tensor.Name), trained.ReadGradient(tensor.Name));
            }
        }

        private static GraphDropout Create(float[][] weights)
        {
            var model = new GraphDropout(seed: 31);
            string[] names = { "Hidden.kernel", "Block.kernel", "SeluLayer.kernel", "Y.kernel" };
            for (int i = 0; i < names.Length; i++) model.WriteParameter(names[i], weights[i]);
            return model;
        }

        [Fact]
        public void DropoutNodes_GradientsMatchCentralDifferences_UnderTheSameMask()
        {
            // A model's first training pass runs under the same noise key for a seed: fresh models see the same masks.
            var rng = new Random(19);
            int[] sizes = { 36, 36, 30, 10 };
            float[][] weights = sizes.Select(n => Uniform(rng, n)).ToArray();
            float[] x = Uniform(rng, 4 * 6, 2), t = Uniform(rng, 4 * 2);
            float[][] analytic;
            using (GraphDropout model = Create(weights))
            {
                model.ComputeGradients(x, t);
                analytic = new[] { "Hidden.kernel", "Block.kernel", "SeluLayer.kernel", "Y.kernel" }.Select(model.ReadGradient).ToArray();
            }
            const float Eps = 1e-3f;
            int nonZero = 0;
            for (int k = 0; k < weights.Length; k++)
            {
                for (int i = 0; i < weights[k].Length; i++)
                {
                    float saved = weights[k][i];
                    weights[k][i] = saved + Eps;
                    float up; using (GraphDropout m = Create(weights)) up = m.ComputeGradients(x, t);
                    weights[k][i] = saved - Eps;
                    float down; using (GraphDropout m = Create(weights)) down = m.ComputeGradients(x, t);
                    weights[k][i] = saved;
                    double fd = ((double)up - down) / (2 * Eps);
                    Assert.True(Math.Abs(fd - analytic[k][i]) <= 2e-3 * (1 + Math.Abs(fd)), $"tensor {k}[{i}]: backward {analytic[k][i]}, finite difference {fd}");
                    if (analytic[k][i] != 0f) nonZero++;
                }
            }
            Assert.True(nonZero > 80, $"only {nonZero} non-zero gradients: the check would not bite");
            // The masks acted while training: the loss differs from the same weights without the dropout nodes.
            using GraphDropout dropped = Create(weights);
            using var plain = new GraphWithoutDropout(seed: 31);
            plain.WriteParameter("Hidden.kernel", weights[0]);
            plain.WriteParameter("Block.kernel", weights[1]);
            plain.WriteParameter("SeluLayer.kernel", weights[2]);
            plain.WriteParameter("Y.kernel", weights[3]);
            Assert.NotEqual(plain.ComputeGradients(x, t), dropped.ComputeGradients(x, t));
            // At inference a dropout is the identity: Predict equals the model without the dropout nodes.
            Tolerance.AssertClose(plain.PredictBatch(x), dropped.PredictBatch(x), 1e-6, 1e-7, "Predict without dropout");
        }
    }
}
