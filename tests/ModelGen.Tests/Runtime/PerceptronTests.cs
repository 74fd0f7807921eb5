using System;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// The perceptron rule (Loss.Perceptron): one TrainBatch of one sample is exactly w ← w + η (y - ŷ) x; AND, OR and
    /// NAND are learned by one threshold unit; XOR is not (it is not linearly separable) but an MLP trained by
    /// backpropagation learns it.
    /// </summary>
    public class PerceptronTests
    {
        private static readonly float[] s_inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };

        [Fact]
        public void OneSample_IsExactlyThePerceptronRule()
        {
            using var model = new SignUnits(seed: 7);
            var rng = new Random(1);
            for (int step = 0; step < 20; step++)
            {
                float[] x = Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
                float[] t = Enumerable.Range(0, 3).Select(_ => rng.Next(2) == 0 ? -1f : 1f).ToArray();
                float[] kernel = model.ReadParameter("dense.kernel"), bias = model.ReadParameter("dense.bias");
                var predicted = new float[3];
                model.Predict(x, predicted);

                float loss = model.TrainBatch(x, t);

                float[] newKernel = model.ReadParameter("dense.kernel"), newBias = model.ReadParameter("dense.bias");
                for (int j = 0; j < 3; j++)
                {
                    float error = t[j] - predicted[j]; // 0 when right, ±2 when a sign unit is wrong
                    Assert.Equal(bias[j] + 0.1f * error, newBias[j], 6);
                    for (int i = 0; i < 4; i++) Assert.Equal(kernel[i * 3 + j] + 0.1f * error * x[i], newKernel[i * 3 + j], 6);
                }
                Assert.Equal(t.Zip(predicted).Count(p => p.First != p.Second) / 3f, loss, 6); // the error rate before the step
            }
        }

        [Theory]
        [InlineData("AND", new[] { 0f, 0f, 0f, 1f })]
        [InlineData("OR", new[] { 0f, 1f, 1f, 1f })]
        [InlineData("NAND", new[] { 1f, 1f, 1f, 0f })]
        public void OneThresholdUnit_LearnsLinearlySeparableGates(string gate, float[] targets)
        {
            using var unit = new ThresholdUnit(seed: 1);

            History history = unit.Fit(s_inputs, targets, epochs: 20, batchSize: 1, verbose: false);

            Assert.Equal(targets, PredictAll(unit));
            Assert.True(history.Loss[^1] == 0f, $"{gate}: the last epoch still made mistakes (error rate {history.Loss[^1]})");
        }

        [Fact]
        public void OneThresholdUnit_CannotLearnXor()
        {
            float[] xor = { 0, 1, 1, 0 };
            using var unit = new ThresholdUnit(seed: 1);

            History history = unit.Fit(s_inputs, xor, epochs: 100, batchSize: 1, verbose: false);

            // No line separates XOR's classes: every epoch makes at least one mistake, and so does the final unit.
            Assert.All(history.Loss, errorRate => Assert.True(errorRate > 0f));
            Assert.NotEqual(xor, PredictAll(unit));
        }

        [Fact]
        public void MlpTrainedByBackpropagation_LearnsXor()
        {
            float[] xor = { 0, 1, 1, 0 };
            using var mlp = new XorMlp(seed: 3);

            History history = mlp.Fit(s_inputs, xor, epochs: 300, batchSize: 4, verbose: false);

            Assert.Equal(xor, PredictAll(mlp).Select(p => p > 0.5f ? 1f : 0f).ToArray());
            Assert.Equal(1f, history["accuracy"][^1]);
        }

        private static float[] PredictAll(ModelGen.CompiledModel model)
        {
            var outputs = new float[4];
            for (int n = 0; n < 4; n++) model.Predict(s_inputs.AsSpan(n * 2, 2), outputs.AsSpan(n, 1));
            return outputs;
        }
    }
}
