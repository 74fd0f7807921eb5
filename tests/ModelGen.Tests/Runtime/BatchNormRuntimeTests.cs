using System;
using System.Linq;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>[BatchNormalization] at run time: finite differences, freezing, allocation, determinism, tensor names (OpenCL: OpenCl/BatchNormOpenClTests.cs).</summary>
    public class BatchNormRuntimeTests
    {
        private static float[] Data(int length, int seed, float scale = 1f)
        {
            var rng = new Random(seed);
            return Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
        }

        /// <summary>
        /// The training-mode loss (batch statistics) by central differences in float32 against the analytic gradient,
        /// for the kernel before the normalization (which carries dL/dh, the gradient through the batch statistics), gamma,
        /// beta and the next kernel. The loss does not read the moving statistics while training, so their update per
        /// call does not disturb the differences.
        /// </summary>
        [Theory]
        [InlineData("before_relu_sgd", "dense.kernel")]
        [InlineData("before_relu_sgd", "batch_normalization.gamma")]
        [InlineData("before_relu_sgd", "batch_normalization.beta")]
        [InlineData("after_relu_sgd", "dense.kernel")]
        [InlineData("after_relu_sgd", "dense.bias")]
        [InlineData("after_relu_sgd", "batch_normalization.gamma")]
        [InlineData("after_relu_sgd", "batch_normalization.beta")]
        [InlineData("after_relu_sgd", "dense_1.kernel")]
        [InlineData("chain_sgd", "dense.kernel")]
        [InlineData("chain_sgd", "dense_1.kernel")]
        [InlineData("chain_sgd", "batch_normalization_1.gamma")]
        [InlineData("fused_sgd", "dense.kernel")]
        [InlineData("fused_sgd", "batch_normalization.beta")]
        public void Gradient_MatchesFiniteDifferencesOfTheTrainingLoss(string name, string tensor)
        {
            using CompiledModel model = BatchNormReferenceTests.Start(name, out var c);
            float[] x = BatchNormReferenceTests.Floats(c.GetProperty("x")), t = BatchNormReferenceTests.Floats(c.GetProperty("t"));
            model.ComputeGradients(x, t);
            float[] analytic = model.ReadGradient(tensor);
            float[] values = model.ReadParameter(tensor);
            double Numeric(int i, float h)
            {
                float saved = values[i];
                values[i] = saved + h;
                model.WriteParameter(tensor, values);
                double up = model.ComputeGradients(x, t);
                values[i] = saved - h;
                model.WriteParameter(tensor, values);
                double down = model.ComputeGradients(x, t);
                values[i] = saved;
                model.WriteParameter(tensor, values);
                return (up - down) / (2 * h);
            }
            double scale = analytic.Max(v => Math.Abs((double)v));
            int checkedEntries = 0, kinks = 0;
            for (int i = 0; i < values.Length; i += Math.Max(1, values.Length / 25))
            {
                // A ReLU after a normalization has a kink near some unit for most perturbations of an earlier kernel (every
                // entry moves the batch statistics of all samples): where two step sizes disagree, the difference straddles one.
                double numeric = Numeric(i, 1e-3f), half = Numeric(i, 5e-4f);
                if (Math.Abs(numeric - half) > 0.05 * Math.Abs(numeric) + 1e-3)
                {
                    kinks++;
                    continue;
                }
                checkedEntries++;
                Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-2 * Math.Max(Math.Abs(analytic[i]), scale * 0.1) + 1e-4,
                    $"{tensor}[{i}]: analytic {analytic[i]:R}, numeric {numeric:R}");
            }
            Assert.True(checkedEntries >= 3 * kinks, $"{tensor}: {kinks} entries at kinks, only {checkedEntries} checked");
        }

        [Fact]
        public void FrozenNormalization_RunsInInferenceMode_AndDoesNotTrain()
        {
            using var model = new BnClassifierNet(seed: 3);
            float[] x = Data(16 * 6, 1);
            int[] y = Enumerable.Range(0, 16).Select(i => i % 3).ToArray();
            float[] gamma = model.ReadParameter("batch_normalization.gamma"), mean = model.ReadParameter("batch_normalization.moving_mean");
            float[] mean1 = model.ReadParameter("batch_normalization_1.moving_mean");
            for (int i = 0; i < 5; i++) model.TrainBatch(x, y);
            Assert.Equal(gamma, model.ReadParameter("batch_normalization.gamma"));
            Assert.Equal(mean, model.ReadParameter("batch_normalization.moving_mean"));
            Assert.NotEqual(mean1, model.ReadParameter("batch_normalization_1.moving_mean"));
            // Keras 3: a frozen normalization's gamma and beta are not trainable weights: no gradient, no update.
            Assert.All(model.ReadGradient("batch_normalization.gamma"), g => Assert.Equal(0f, g));
        }

        [Fact]
        public void TrainingAndPrediction_AllocateNothing()
        {
            using var model = new BnClassifierNet(seed: 1);
            float[] x = Data(32 * 6, 2);
            int[] y = Enumerable.Range(0, 32).Select(i => i % 3).ToArray();
            var outputs = new float[32 * 3];
            var one = new float[3];
            for (int i = 0; i < 50; i++)
            {
                model.TrainBatch(x, y);
                model.PredictBatch(x, outputs);
                model.Predict(x.AsSpan(0, 6), one);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                model.TrainBatch(x, y);
                model.PredictBatch(x, outputs);
                model.Predict(x.AsSpan(0, 6), one);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void Fit_IsDeterministic()
        {
            float[] x = Data(64 * 6, 4);
            int[] y = Enumerable.Range(0, 64).Select(i => (i * 5) % 3).ToArray();
            float[] Run()
            {
                using var model = new BnClassifierNet(seed: 9);
                model.Fit(x, y, epochs: 2, batchSize: 16);
                return model.PredictBatch(x).Concat(model.ReadParameter("batch_normalization_1.moving_variance")).ToArray();
            }
            Assert.Equal(Run(), Run());
        }

        [Fact]
        public void RunTimeFreeze_OfANormalization_IsRefused()
        {
            using var model = new BnChainSgdNet(seed: 1);
            Assert.Throws<NotSupportedException>(() => model.Freeze("batch_normalization"));
            Assert.Throws<NotSupportedException>(() => model.IsFrozen("batch_normalization_1"));
            model.Freeze("dense_1"); // Dense layers still freeze
            Assert.True(model.IsFrozen("dense_1"));
        }

        [Fact]
        public void Tensors_HaveKerasNames_AndDefaults()
        {
            using var model = new BnChainSgdNet(seed: 1);
            string[] names = model.Layout.Tensors.Select(t => t.Name).ToArray();
            Assert.Equal(new[]
            {
                "dense.kernel", "dense.bias", "batch_normalization.gamma", "batch_normalization.beta", "batch_normalization.moving_mean", "batch_normalization.moving_variance",
                "dense_1.kernel", "batch_normalization_1.gamma", "batch_normalization_1.moving_mean", "batch_normalization_1.moving_variance",
                "dense_2.kernel", "dense_2.bias",
            }, names);
            Assert.All(model.ReadParameter("batch_normalization.gamma"), v => Assert.Equal(1f, v));
            Assert.All(model.ReadParameter("batch_normalization.beta"), v => Assert.Equal(0f, v));
            Assert.All(model.ReadParameter("batch_normalization.moving_mean"), v => Assert.Equal(0f, v));
            Assert.All(model.ReadParameter("batch_normalization.moving_variance"), v => Assert.Equal(1f, v));
        }
    }
}
