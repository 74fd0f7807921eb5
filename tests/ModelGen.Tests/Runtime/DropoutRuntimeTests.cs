using System;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// [Dropout(rate)]: the identity at inference; in training a seeded mask with about `rate` zeros, survivors scaled
    /// by exactly 1 / (1 - rate); the backward pass applies the same mask; models with dropout train without allocating.
    /// </summary>
    public class DropoutRuntimeTests
    {
        private const float Rate = 0.3f;

        private static DropoutProbeNet Probe(int seed)
        {
            var model = new DropoutProbeNet(seed);
            model.WriteParameter("dense.kernel", Enumerable.Repeat(1f, 1000).ToArray());
            model.WriteParameter("dense_1.kernel", Enumerable.Repeat(1f, 1000).ToArray());
            return model;
        }

        /// <summary>The 1000 dropout outputs h_j of one training pass, and the gradient reaching the first kernel.</summary>
        private static (float[] H, float[] FirstKernelGradient, float Loss) TrainingPass(DropoutProbeNet model)
        {
            float loss = model.ComputeGradients(new[] { 1f }, new[] { 0f });
            float output = MathF.Sqrt(loss); // MSE with target 0 and one output: loss = out², out >= 0 here
            float[] h = model.ReadGradient("dense_1.kernel").Select(g => g / (2f * output)).ToArray();
            return (h, model.ReadGradient("dense.kernel"), loss);
        }

        [Fact]
        public void Inference_IsTheIdentity()
        {
            using DropoutProbeNet model = Probe(seed: 1);
            var output = new float[1];
            model.Predict(new[] { 1f }, output);
            Assert.Equal(1000f, output[0]); // every hidden unit kept and unscaled
            TrainingPass(model);             // a training pass in between changes nothing at inference
            model.Predict(new[] { 1f }, output);
            Assert.Equal(1000f, output[0]);
        }

        [Fact]
        public void Training_DropsAboutRate_AndScalesSurvivorsExactly()
        {
            using DropoutProbeNet model = Probe(seed: 1);
            float scale = 1f / (1f - Rate);
            int zeros = 0, total = 0;
            for (int pass = 0; pass < 10; pass++)
            {
                (float[] h, _, float loss) = TrainingPass(model);
                int kept = h.Count(v => v != 0f);
                // The output is exactly kept · scale summed in float; compare the mask recovered from the gradient.
                float[] mask = model.ReadGradient("dense_1.kernel").Select(g => g == 0f ? 0f : 1f).ToArray();
                Assert.Equal(kept, (int)mask.Sum());
                Assert.All(h.Where(v => v != 0f), v => Assert.Equal(scale, v, 5));
                Assert.InRange(MathF.Sqrt(loss), kept * scale * (1 - 1e-5f), kept * scale * (1 + 1e-5f));
                zeros += h.Length - kept;
                total += h.Length;
            }
            Assert.InRange(zeros / (double)total, Rate - 0.02, Rate + 0.02); // 10000 draws: the standard error is 0.005
        }

        [Fact]
        public void Gradient_IsTheMaskTimesTheIncomingGradient()
        {
            using DropoutProbeNet model = Probe(seed: 5);
            float loss = model.ComputeGradients(new[] { 1f }, new[] { 0f });
            float output = MathF.Sqrt(loss);
            float[] second = model.ReadGradient("dense_1.kernel"), first = model.ReadGradient("dense.kernel");
            float scale = 1f / (1f - Rate);
            for (int j = 0; j < 1000; j++)
            {
                // Incoming gradient at h_j: dL/dout · w2_j = 2 · out. Through the dropout: mask_j · scale · 2 · out.
                float mask = second[j] == 0f ? 0f : 1f;
                Assert.Equal(mask * scale * 2f * output, first[j], 2f * output * 1e-5f * scale);
            }
        }

        [Fact]
        public void Gradient_ThroughSigmoid_MatchesTheDoubleReference()
        {
            // Recover the mask from the gradient of the last kernel (zero columns where dropped), then check the first
            // kernel's gradient against a reference in double with that mask: the backward pass must use σ'(z) of the
            // unscaled σ(z), not of the scaled output.
            using var model = new DropoutSigmoidNet(seed: 3);
            var rng = new Random(11);
            float[] w1 = Enumerable.Range(0, 3 * 40).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            float[] b1 = Enumerable.Range(0, 40).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.2f).ToArray();
            float[] w2 = Enumerable.Range(0, 40 * 2).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            model.WriteParameter("dense.kernel", w1);
            model.WriteParameter("dense.bias", b1);
            model.WriteParameter("dense_1.kernel", w2);
            float[] x = { 0.5f, -1f, 0.25f }, t = { 0.1f, -0.2f };
            model.ComputeGradients(x, t);
            float[] g2 = model.ReadGradient("dense_1.kernel"), g1 = model.ReadGradient("dense.kernel");
            double scale = 1.0 / (1.0 - 0.25f);
            var s = new double[40];
            var h = new double[40];
            for (int j = 0; j < 40; j++)
            {
                double z = b1[j];
                for (int i = 0; i < 3; i++) z += x[i] * w1[i * 40 + j];
                s[j] = 1 / (1 + Math.Exp(-z));
                bool kept = g2[j * 2] != 0f || g2[j * 2 + 1] != 0f;
                h[j] = kept ? s[j] * scale : 0;
            }
            var dout = new double[2];
            for (int k = 0; k < 2; k++)
            {
                double o = 0;
                for (int j = 0; j < 40; j++) o += h[j] * w2[j * 2 + k];
                dout[k] = 2 * (o - t[k]) / 2; // MSE: mean over the 2 outputs
            }
            int dropped = 0;
            for (int j = 0; j < 40; j++)
            {
                for (int k = 0; k < 2; k++) Assert.Equal(h[j] * dout[k], g2[j * 2 + k], 1e-5 * (1 + Math.Abs(h[j] * dout[k])));
                double dh = dout[0] * w2[j * 2] + dout[1] * w2[j * 2 + 1];
                double dz = (h[j] == 0 ? 0 : scale) * dh * s[j] * (1 - s[j]);
                if (h[j] == 0) dropped++;
                for (int i = 0; i < 3; i++) Assert.Equal(dz * x[i], g1[i * 40 + j], 1e-5 * (1 + Math.Abs(dz * x[i])));
            }
            Assert.InRange(dropped, 1, 39); // the mask did something either way
        }

        [Fact]
        public void Masks_AreDeterministicForASeed_AndFreshEachPass()
        {
            using DropoutProbeNet a = Probe(seed: 7), b = Probe(seed: 7), c = Probe(seed: 8);
            float[] a1 = TrainingPass(a).H, a2 = TrainingPass(a).H;
            Assert.Equal(a1, TrainingPass(b).H);
            Assert.Equal(a2, TrainingPass(b).H);
            Assert.NotEqual(a1, a2);
            Assert.NotEqual(a1, TrainingPass(c).H);
        }

        [Fact]
        public void ModelWithDropout_Trains_AndPredictIsDeterministic()
        {
            using var model = new DropoutClassifierNet(seed: 2);
            var rng = new Random(3);
            float[] x = Enumerable.Range(0, 128 * 4).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            int[] y = Enumerable.Range(0, 128).Select(i => x[i * 4] + x[i * 4 + 1] > 0.3f ? 2 : x[i * 4 + 2] > 0 ? 1 : 0).ToArray();
            History history = model.Fit(x, y, epochs: 30, batchSize: 16, verbose: false);
            Assert.All(history.Loss, l => Assert.True(float.IsFinite(l)));
            Assert.True(history.Loss[^1] < history.Loss[0] * 0.7f, $"loss {history.Loss[0]} -> {history.Loss[^1]}");
            float[] p1 = model.PredictBatch(x), p2 = model.PredictBatch(x);
            Assert.Equal(p1, p2); // inference draws nothing
        }

        [Fact]
        public void TrainingAndPredict_DoNotAllocate()
        {
            using var model = new DropoutClassifierNet(seed: 1);
            float[] x = Enumerable.Range(0, 32 * 4).Select(i => (i % 7) / 7f - 0.5f).ToArray();
            int[] y = Enumerable.Range(0, 32).Select(i => i % 3).ToArray();
            float[] outputs = new float[32 * 3];
            for (int warm = 0; warm < 3; warm++)
            {
                model.TrainBatch(x, y);
                model.PredictBatch(x, outputs);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                model.TrainBatch(x, y);
                model.PredictBatch(x, outputs);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void AlphaDropout_InferenceIsTheIdentity_AndTrainingIsSeededAndTrains()
        {
            var rng = new Random(4);
            float[] x = Enumerable.Range(0, 64 * 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] t = Enumerable.Range(0, 64 * 2).Select(i => x[i / 2 * 3] * (i % 2 == 0 ? 0.5f : -0.25f)).ToArray();
            using AlphaSeluNet a = new(seed: 9), b = new(seed: 9);
            float[] before = a.PredictBatch(x);
            a.ComputeGradients(x, t);
            Assert.Equal(before, a.PredictBatch(x)); // a training pass leaves inference unchanged
            b.ComputeGradients(x, t);
            Assert.Equal(a.ReadGradient("dense.kernel"), b.ReadGradient("dense.kernel")); // same seed, same mask
            History history = a.Fit(x, t, epochs: 40, batchSize: 16, verbose: false);
            Assert.All(history.Loss, l => Assert.True(float.IsFinite(l)));
            Assert.True(history.Loss[^1] < history.Loss[0], $"loss {history.Loss[0]} -> {history.Loss[^1]}");
        }
    }
}
