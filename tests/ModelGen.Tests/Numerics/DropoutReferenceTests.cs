using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// [Dropout] against Fixtures/dropout.json (Fixtures/make_dropout.py): the script reproduces ModelGen's noise to get
    /// the first training pass's mask, and PyTorch computes the loss and gradients in float64 with that mask.
    /// </summary>
    public class DropoutReferenceTests
    {
        private static JsonElement Case(string name) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dropout.json"))).RootElement.GetProperty(name);

        private static float[] Floats(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

        private static void Close(float[] expected, float[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            double scale = expected.Max(v => Math.Abs((double)v));
            for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(Math.Abs(expected[i]), scale * 1e-2), $"[{i}]: {expected[i]} vs {actual[i]}");
        }

        private static CompiledModel Model(string name, JsonElement c)
        {
            int seed = c.GetProperty("seed").GetInt32();
            CompiledModel model = name == "sigmoid_dropout" ? new DropoutSigmoidNet(seed) : new AlphaSeluNet(seed);
            model.WriteParameter("dense.kernel", Floats(c, "w1"));
            model.WriteParameter("dense.bias", Floats(c, "b1"));
            model.WriteParameter("dense_1.kernel", Floats(c, "w2"));
            return model;
        }

        [Theory]
        [InlineData("sigmoid_dropout")]
        [InlineData("selu_alpha_dropout")]
        public void FirstTrainingPass_MatchesPyTorch_WithTheDocumentedMask(string name)
        {
            JsonElement c = Case(name);
            using CompiledModel model = Model(name, c);
            float loss = model.ComputeGradients(Floats(c, "x"), Floats(c, "t"));
            Assert.Equal(c.GetProperty("loss").GetDouble(), loss, 1e-5 * c.GetProperty("loss").GetDouble());
            Close(Floats(c, "grad_w1"), model.ReadGradient("dense.kernel"));
            Close(Floats(c, "grad_b1"), model.ReadGradient("dense.bias"));
            Close(Floats(c, "grad_w2"), model.ReadGradient("dense_1.kernel"));
            // The mask the script computed from the documented noise formula is the one the generated code used.
            float[] mask = Floats(c, "mask"), g2 = model.ReadGradient("dense_1.kernel");
            if (name == "sigmoid_dropout") // a dropped unit's kernel row gets no gradient (AlphaDropout's dropped units carry a constant, so they do)
            {
                for (int j = 0; j < mask.Length; j++) Assert.Equal(mask[j] != 0f, g2[2 * j] != 0f || g2[2 * j + 1] != 0f);
            }
        }

        [Theory]
        [InlineData("sigmoid_dropout")]
        [InlineData("selu_alpha_dropout")]
        public void Predict_IsTheNetworkWithoutDropout(string name)
        {
            JsonElement c = Case(name);
            using CompiledModel model = Model(name, c);
            var output = new float[2];
            model.Predict(Floats(c, "x"), output);
            Close(Floats(c, "predict"), output);
        }
    }
}
