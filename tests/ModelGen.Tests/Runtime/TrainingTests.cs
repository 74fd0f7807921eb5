using System;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// <c>Fit</c>, <c>Evaluate</c> and the optimizer controls end to end: the networks learn problems with known
    /// answers, History has the documented shape, every sample (the last partial batch included) is trained on, and
    /// the learning rate takes effect from the next step.
    /// </summary>
    public class TrainingTests
    {
        // ---- Data ----------------------------------------------------------------------------------------------

        /// <summary>
        /// XOR quadrants: class 1 where x0·x1 &gt; 0. No linear classifier beats about 75% on it, so high accuracy
        /// proves the hidden layer learned. Points within 0.1 of an axis are left out so the classes are separable.
        /// </summary>
        private static (float[] X, int[] Y) Xor(int n, int seed)
        {
            var rng = new Random(seed);
            var x = new float[2 * n];
            var y = new int[n];
            for (int i = 0; i < n; i++)
            {
                float a, b;
                do
                {
                    a = (float)(rng.NextDouble() * 2 - 1);
                    b = (float)(rng.NextDouble() * 2 - 1);
                }
                while (Math.Abs(a) < 0.1 || Math.Abs(b) < 0.1);
                x[2 * i] = a;
                x[2 * i + 1] = b;
                y[i] = a * b > 0 ? 1 : 0;
            }
            return (x, y);
        }

        /// <summary>The linear map y = x·A + c that <see cref="LinearRegressor"/> must recover.</summary>
        private static readonly float[] TrueKernel = { 0.5f, -1.0f, 2.0f, 0.25f, -0.75f, 1.5f }; // [3, 2]
        private static readonly float[] TrueBias = { 0.3f, -0.2f };

        private static (float[] X, float[] Y) Linear(int n, int seed)
        {
            var rng = new Random(seed);
            var x = new float[3 * n];
            var y = new float[2 * n];
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < 3; k++) x[3 * i + k] = (float)(rng.NextDouble() * 2 - 1);
                for (int j = 0; j < 2; j++)
                {
                    double sum = TrueBias[j];
                    for (int k = 0; k < 3; k++) sum += x[3 * i + k] * TrueKernel[k * 2 + j];
                    y[2 * i + j] = (float)sum;
                }
            }
            return (x, y);
        }

        // ---- Learning ------------------------------------------------------------------------------------------

        [Fact]
        public void Fit_XorQuadrantsWithAdam_LossFallsAndAccuracyHigh()
        {
            var (x, y) = Xor(400, seed: 1);
            var (vx, vy) = Xor(200, seed: 2);
            using var model = new XorNet(seed: 3);
            History history = model.Fit(x, y, epochs: 30, batchSize: 16, validation: (vx, vy), verbose: false);

            float first = history.Loss[0], last = history.Loss[^1];
            Assert.True(last < 0.25f * first, $"Training loss went from {first} to {last}: expected it to fall by 4x.\n{history}");
            Assert.True(history.Accuracy[^1] >= 0.95f, $"Training accuracy {history.Accuracy[^1]}.\n{history}");
            Assert.True(history.ValAccuracy[^1] >= 0.95f, $"Validation accuracy {history.ValAccuracy[^1]}.\n{history}");
            Assert.True(history.ValLoss[^1] < 0.25f, $"Validation loss {history.ValLoss[^1]}.\n{history}");

            // Evaluate on the validation data, in the same batches, is the same computation as the last epoch's
            // validation metrics (per-batch losses are rounded to float, so another batch size may differ by an ulp).
            var (loss, accuracy) = model.Evaluate(vx, vy, batchSize: 16);
            Assert.Equal(history.ValLoss[^1], loss);
            Assert.Equal(history.ValAccuracy[^1], accuracy);

            // And the predictions agree with the accuracy.
            int correct = 0;
            for (int i = 0; i < vy.Length; i++)
            {
                if (model.PredictClass(vx.AsSpan(2 * i, 2)) == vy[i]) correct++;
            }
            Assert.Equal(accuracy, (float)correct / vy.Length);
        }

        [Fact]
        public void Fit_LinearDataWithSgd_RecoversTheTrueWeights()
        {
            var (x, y) = Linear(64, seed: 4);
            using var model = new LinearRegressor(seed: 5);
            History history = model.Fit(x, y, epochs: 100, batchSize: 8, verbose: false);

            Assert.True(history.Loss[^1] < 1e-6f, $"Final MSE {history.Loss[^1]}: SGD should solve a noiseless linear problem.");
            Assert.True(history.Loss[^1] < history.Loss[0] * 1e-3f);
            Tolerance.AssertClose(TrueKernel, model.ReadParameter("dense.kernel"), 0, 1e-3, "recovered kernel");
            Tolerance.AssertClose(TrueBias, model.ReadParameter("dense.bias"), 0, 1e-3, "recovered bias");
            Assert.True(model.Evaluate(x, y) < 1e-6f);
            Assert.All(history.Accuracy, a => Assert.True(float.IsNaN(a))); // no accuracy for regression
        }

        [Fact]
        public void Fit_LossDecreasesEveryFewEpochs()
        {
            var (x, y) = Xor(200, seed: 6);
            using var model = new XorNet(seed: 7);
            History history = model.Fit(x, y, epochs: 12, batchSize: 20, verbose: false);
            // Not necessarily monotone epoch to epoch, but every block of 4 epochs ends lower than the one before.
            for (int e = 4; e < history.Epochs; e += 4)
            {
                Assert.True(history.Loss[e + 3] < history.Loss[e - 1], $"Loss did not fall between epochs {e} and {e + 4}:\n{history}");
            }
        }

        // ---- History -------------------------------------------------------------------------------------------

        [Fact]
        public void Fit_WithValidation_OneEntryPerEpochIncludingValidationMetrics()
        {
            var (x, y) = Xor(60, seed: 8);
            var (vx, vy) = Xor(20, seed: 9);
            using var model = new XorNet(seed: 1);
            History history = model.Fit(x, y, epochs: 4, batchSize: 16, validation: (vx, vy), verbose: false);

            Assert.Equal(4, history.Epochs);
            Assert.Equal(4, history.Loss.Count);
            Assert.Equal(4, history.Accuracy.Count);
            Assert.Equal(4, history.ValLoss.Count);
            Assert.Equal(4, history.ValAccuracy.Count);
            Assert.Equal(4, history.SamplesPerSecond.Count);
            Assert.All(history.ValLoss, v => Assert.True(float.IsFinite(v) && v > 0));
            Assert.All(history.ValAccuracy, v => Assert.InRange(v, 0f, 1f));
            Assert.Contains("val_accuracy", history.FormatEpoch(3));
        }

        [Fact]
        public void Fit_WithoutValidation_NoValidationEntries()
        {
            var (x, y) = Xor(60, seed: 8);
            using var model = new XorNet(seed: 1);
            History history = model.Fit(x, y, epochs: 3, batchSize: 16, verbose: false);

            Assert.Equal(3, history.Epochs);
            Assert.Equal(3, history.Accuracy.Count);
            Assert.Empty(history.ValLoss);
            Assert.Empty(history.ValAccuracy);
            Assert.DoesNotContain("val_", history.ToString());
        }

        // ---- Batching ------------------------------------------------------------------------------------------

        [Theory]
        [InlineData(50, 16, 3)] // 3 full batches and one of 2
        [InlineData(48, 16, 2)] // exactly 3 batches
        [InlineData(5, 32, 2)]  // one partial batch, smaller than the batch size
        [InlineData(7, 1, 1)]   // batch size 1
        public void Fit_Iterations_AreEpochsTimesCeilingOfSamplesOverBatch(int n, int batchSize, int epochs)
        {
            var (x, y) = Xor(n, seed: 10);
            using var model = new XorNet(seed: 1);
            model.Fit(x, y, epochs, batchSize, verbose: false);
            Assert.Equal(epochs * ((n + batchSize - 1) / batchSize), model.Iterations);
        }

        /// <summary>
        /// Without shuffling, Fit is exactly TrainBatch over consecutive slices, the last partial one included: same
        /// parameter bits, and each epoch's loss is the sample-weighted mean of the batch losses.
        /// </summary>
        [Fact]
        public void Fit_WithoutShuffle_EqualsTrainBatchOverSlicesIncludingPartialBatch()
        {
            var (x, y) = Xor(17, seed: 11);
            using var fitted = new XorNet(seed: 12);
            using var stepped = new XorNet(seed: 12);
            History history = fitted.Fit(x, y, epochs: 2, batchSize: 8, shuffle: false, verbose: false);

            for (int epoch = 0; epoch < 2; epoch++)
            {
                double sum = 0;
                foreach (var (start, count) in new[] { (0, 8), (8, 8), (16, 1) })
                {
                    float loss = stepped.TrainBatch(x.AsSpan(2 * start, 2 * count), y.AsSpan(start, count));
                    sum += (double)loss * count;
                }
                Assert.Equal((float)(sum / 17), history.Loss[epoch]);
            }

            Assert.Equal(stepped.Iterations, fitted.Iterations);
            foreach (TensorSpec t in fitted.Layout.Tensors)
            {
                Assert.Equal(stepped.ReadParameter(t.Name), fitted.ReadParameter(t.Name));
            }

            // Dropping the 17th sample instead would give other weights: the partial batch mattered.
            using var dropped = new XorNet(seed: 12);
            dropped.Fit(x.AsSpan(0, 32).ToArray(), y.AsSpan(0, 16).ToArray(), epochs: 2, batchSize: 8, shuffle: false, verbose: false);
            Assert.NotEqual(dropped.ReadParameter("dense.kernel"), fitted.ReadParameter("dense.kernel"));
        }

        // ---- Learning rate and optimizer state -----------------------------------------------------------------

        [Fact]
        public void LearningRate_StartsAtDeclaredOrKerasDefault()
        {
            using var declared = new LinearRegressor(seed: 1);
            Assert.Equal(0.1f, declared.LearningRate);
            using var sgdDefault = new GcIdentityLoop(seed: 1); // Optimizer.Sgd, no LearningRate
            Assert.Equal(0.01f, sgdDefault.LearningRate);
        }

        [Fact]
        public void LearningRateZero_FreezesSgdWeights_ThenNewRateTakesEffectNextStep()
        {
            var (x, y) = Linear(8, seed: 13);
            using var model = new LinearRegressor(seed: 14);
            float[] kernel0 = model.ReadParameter("dense.kernel");
            float[] bias0 = model.ReadParameter("dense.bias");

            model.LearningRate = 0f;
            for (int i = 0; i < 3; i++) model.TrainBatch(x, y);
            Assert.Equal(kernel0, model.ReadParameter("dense.kernel"));
            Assert.Equal(bias0, model.ReadParameter("dense.bias"));
            Assert.Equal(3, model.Iterations);

            // SGD: w ← w - lr·g, with the rate set just before the step.
            foreach (float rate in new[] { 0.05f, 0.2f })
            {
                model.LearningRate = rate;
                model.ComputeGradients(x, y);
                float[] g = model.ReadGradient("dense.kernel");
                float[] before = model.ReadParameter("dense.kernel");
                model.TrainBatch(x, y);
                float[] expected = new float[g.Length];
                for (int i = 0; i < g.Length; i++) expected[i] = before[i] - rate * g[i];
                Tolerance.AssertClose(expected, model.ReadParameter("dense.kernel"), Tolerance.Reference, Tolerance.ReferenceFloor, $"SGD step at lr {rate}");
                Assert.NotEqual(before, model.ReadParameter("dense.kernel"));
            }
        }

        [Fact]
        public void LearningRateZero_FreezesAdamWeights()
        {
            var (x, y) = Xor(12, seed: 15);
            using var model = new XorNet(seed: 16);
            model.TrainBatch(x, y); // non-zero moments first
            float[] before = model.ReadParameter("dense.kernel");
            model.LearningRate = 0f;
            for (int i = 0; i < 3; i++) model.TrainBatch(x, y);
            Assert.Equal(before, model.ReadParameter("dense.kernel"));
            model.LearningRate = 0.02f;
            model.TrainBatch(x, y);
            Assert.NotEqual(before, model.ReadParameter("dense.kernel"));
        }

        [Fact]
        public void ResetOptimizer_NextAdamStepIsAFirstStep()
        {
            var (x, y) = Xor(12, seed: 17);
            using var trained = new XorNet(seed: 18);
            for (int i = 0; i < 5; i++) trained.TrainBatch(x, y);
            trained.ResetOptimizer();
            Assert.Equal(0, trained.Iterations);

            // A fresh model with the same weights (and fresh Adam state) takes the identical step.
            using var fresh = new XorNet(seed: 19);
            foreach (TensorSpec t in trained.Layout.Tensors) fresh.WriteParameter(t.Name, trained.ReadParameter(t.Name));
            trained.TrainBatch(x, y);
            fresh.TrainBatch(x, y);
            foreach (TensorSpec t in trained.Layout.Tensors)
            {
                Assert.Equal(fresh.ReadParameter(t.Name), trained.ReadParameter(t.Name));
            }
        }

        [Fact]
        public void ComputeGradients_DoesNotUpdate()
        {
            var (x, y) = Xor(12, seed: 20);
            using var model = new XorNet(seed: 21);
            float[] before = model.ReadParameter("dense.kernel");
            float loss1 = model.ComputeGradients(x, y);
            float loss2 = model.ComputeGradients(x, y);
            Assert.Equal(loss1, loss2);
            Assert.Equal(before, model.ReadParameter("dense.kernel"));
            Assert.Equal(0, model.Iterations);
            Assert.Contains(model.ReadGradient("dense.kernel"), g => g != 0);
        }
    }
}
