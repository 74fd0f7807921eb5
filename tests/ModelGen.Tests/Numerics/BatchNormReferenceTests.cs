using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// [BatchNormalization] against Fixtures/batchnorm.json (Fixtures/make_batchnorm.py: Keras 3's equations in
    /// float64, checked there against torch.nn.functional.batch_norm, gradients by autograd): three SGD or Adam steps
    /// on one batch, then inference with the moving statistics, folded and unfolded. Relative error 1e-5.
    /// </summary>
    public class BatchNormReferenceTests
    {
        private static readonly Lazy<JsonElement> s_root = new(() =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "batchnorm.json"))).RootElement);

        internal static JsonElement Case(string name) => s_root.Value.GetProperty(name);

        internal static float[] Floats(JsonElement e) => e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

        internal static CompiledModel Create(string name) => name switch
        {
            "before_relu_sgd" => new BnBeforeReluSgdNet(seed: 1),
            "before_relu_adam" => new BnBeforeReluAdamNet(seed: 1),
            "after_relu_sgd" => new BnAfterReluSgdNet(seed: 1),
            "after_relu_adam" => new BnAfterReluAdamNet(seed: 1),
            "chain_sgd" => new BnChainSgdNet(seed: 1),
            "fused_sgd" => new BnFusedSgdNet(seed: 1),
            _ => throw new ArgumentException(name),
        };

        /// <summary>The case's model with the script's starting parameters and moving statistics written in.</summary>
        internal static CompiledModel Start(string name, out JsonElement c)
        {
            c = Case(name);
            CompiledModel model = Create(name);
            foreach (JsonProperty p in c.GetProperty("start").EnumerateObject()) model.WriteParameter(p.Name, Floats(p.Value));
            return model;
        }

        /// <summary>Element-wise relative error 1e-5 (against 1% of the tensor's largest entry at least, for entries near 0).</summary>
        private static void Close(string what, float[] expected, float[] actual, double floor = 1e-2)
        {
            Assert.Equal(expected.Length, actual.Length);
            double scale = expected.Max(v => Math.Abs((double)v));
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs((double)expected[i] - actual[i]);
                Assert.True(error <= 1e-5 * Math.Max(Math.Abs(expected[i]), scale * floor) || error <= 1e-9, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }

        /// <summary>
        /// Gradients: relative error 1e-5 against the tensor's largest entry. A batch normalization makes gradients
        /// sums of terms that cancel (its output has zero mean over the batch, its dh sums to zero), so an entry much
        /// smaller than its terms carries float32 rounding of the terms' size; and a gradient that is exactly zero in
        /// theory (beta of a normalization whose output another normalization re-centers) is float32 noise below 1e-7.
        /// </summary>
        private static void CloseGradient(string what, float[] expected, float[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            double scale = expected.Max(v => Math.Abs((double)v));
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs((double)expected[i] - actual[i]);
                Assert.True(error <= 1e-5 * scale || error <= 1e-7, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (largest {scale:R})");
            }
        }

        public static IEnumerable<object[]> Cases() =>
            new[] { "before_relu_sgd", "before_relu_adam", "after_relu_sgd", "after_relu_adam", "chain_sgd", "fused_sgd" }.Select(n => new object[] { n });

        [Theory]
        [MemberData(nameof(Cases))]
        public void ThreeTrainingSteps_MatchPyTorch_LossGradientsParametersAndMovingStatistics(string name)
        {
            using CompiledModel model = Start(name, out JsonElement c);
            float[] x = Floats(c.GetProperty("x")), t = Floats(c.GetProperty("t"));
            double[] losses = c.GetProperty("losses").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (int step = 0; step < losses.Length; step++)
            {
                float loss = model.TrainBatch(x, t);
                Assert.True(Math.Abs(loss - losses[step]) <= 1e-5 * losses[step], $"step {step} loss: expected {losses[step]:R}, got {loss:R}");
                if (step == 0)
                {
                    foreach (JsonProperty g in c.GetProperty("gradients").EnumerateObject()) CloseGradient("d " + g.Name, Floats(g.Value), model.ReadGradient(g.Name));
                }
            }
            // Parameters after the updates, and the moving statistics (Keras: the biased batch variance) after three batches.
            foreach (JsonProperty p in c.GetProperty("final").EnumerateObject()) Close(p.Name, Floats(p.Value), model.ReadParameter(p.Name));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Inference_UsesTheMovingStatistics_FoldedAndUnfoldedMatchPyTorch(string name)
        {
            using CompiledModel model = Start(name, out JsonElement c);
            float[] x = Floats(c.GetProperty("x")), t = Floats(c.GetProperty("t")), xEval = Floats(c.GetProperty("x_eval"));
            for (int step = 0; step < 3; step++) model.TrainBatch(x, t);
            float[] expected = Floats(c.GetProperty("predict"));
            float[] folded = model.PredictBatch(xEval);
            model.FoldBatchNormalization = false;
            float[] unfolded = model.PredictBatch(xEval);
            Close("folded", expected, folded);
            Close("unfolded", expected, unfolded);
            Close("folded vs unfolded", unfolded, folded);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void FoldedKernels_FollowTrainingStepsAndWrites(string name)
        {
            using CompiledModel model = Start(name, out JsonElement c);
            float[] x = Floats(c.GetProperty("x")), t = Floats(c.GetProperty("t")), xEval = Floats(c.GetProperty("x_eval"));
            float[] before = model.PredictBatch(xEval); // folds now
            for (int step = 0; step < 3; step++) model.TrainBatch(x, t);
            Close("after training", Floats(c.GetProperty("predict")), model.PredictBatch(xEval));
            // Writing the start values back must refold: Predict gives the untrained output again.
            foreach (JsonProperty p in c.GetProperty("start").EnumerateObject()) model.WriteParameter(p.Name, Floats(p.Value));
            Close("after WriteParameter", before, model.PredictBatch(xEval));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void SaveLoad_RoundTripsMovingStatistics_AndAcceptsPyTorchNames(string name)
        {
            using CompiledModel model = Start(name, out JsonElement c);
            float[] x = Floats(c.GetProperty("x")), t = Floats(c.GetProperty("t")), xEval = Floats(c.GetProperty("x_eval"));
            for (int step = 0; step < 3; step++) model.TrainBatch(x, t);
            string path = Path.Combine(Path.GetTempPath(), $"bn-{name}-{Guid.NewGuid():N}.safetensors");
            string torchPath = path + ".torch.safetensors";
            try
            {
                model.Save(path);
                using CompiledModel loaded = Create(name);
                loaded.Load(path);
                Close("loaded", Floats(c.GetProperty("predict")), loaded.PredictBatch(xEval));

                // PyTorch's names: weight [out, in], bias, and BatchNorm1d's weight, bias, running_mean, running_var.
                var tensors = new List<SafeTensor>();
                foreach (TensorSpec spec in model.Layout.Tensors)
                {
                    float[] values = model.ReadParameter(spec.Name);
                    string torchName = spec.Name.Replace(".gamma", ".weight").Replace(".beta", ".bias").Replace(".moving_mean", ".running_mean").Replace(".moving_variance", ".running_var");
                    if (spec.Name.EndsWith(".kernel", StringComparison.Ordinal))
                    {
                        int inputs = spec.Shape[0], units = spec.Shape[1];
                        var weight = new float[values.Length];
                        for (int i = 0; i < inputs; i++) for (int o = 0; o < units; o++) weight[o * inputs + i] = values[i * units + o];
                        tensors.Add(new SafeTensor(spec.Name.Replace(".kernel", ".weight"), "F32", new[] { units, inputs }, weight));
                    }
                    else
                    {
                        tensors.Add(new SafeTensor(torchName, "F32", (int[])spec.Shape.Clone(), values));
                    }
                }
                SafeTensors.Write(torchPath, tensors, new Dictionary<string, string>());
                using CompiledModel fromTorch = Create(name);
                fromTorch.Load(torchPath);
                Close("loaded from PyTorch names", Floats(c.GetProperty("predict")), fromTorch.PredictBatch(xEval));
            }
            finally
            {
                File.Delete(path);
                File.Delete(torchPath);
            }
        }
    }
}
