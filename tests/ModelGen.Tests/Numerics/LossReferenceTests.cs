using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Every loss's value and its gradient with respect to the model output (or the pre-activation, for the fused
    /// forms) against PyTorch in float64 (Fixtures/make_losses.py -> losses.json), including logits far beyond where
    /// a naive log(sigmoid) or log(softmax) overflows. The one-layer Lr* models put the fixture's z into their kernel
    /// and see an identity batch, so the kernel gradient is dL/dz itself.
    /// </summary>
    public class LossReferenceTests
    {
        public static TheoryData<string> Cases => new()
        {
            "mse", "mae", "huber", "huber_delta", "bce_sigmoid", "bce_softmax", "bce_logits", "cce_softmax",
            "cce_softmax_soft", "cce_logits", "scce_softmax", "scce_logits", "bce_logits_extreme", "bce_sigmoid_saturated",
            "cce_logits_extreme", "cce_softmax_saturated", "scce_logits_extreme",
        };

        /// <summary>The model that computes fixture case <paramref name="name"/>.</summary>
        internal static CompiledModel Create(string name) => name switch
        {
            "mse" => new LrMse(seed: 1),
            "mae" => new LrMae(seed: 1),
            "huber" => new LrHuber(seed: 1),
            "huber_delta" => new LrHuberHalf(seed: 1),
            "bce_sigmoid" or "bce_sigmoid_saturated" => new LrBceSigmoid(seed: 1),
            "bce_softmax" => new LrBceSoftmax(seed: 1),
            "bce_logits" or "bce_logits_extreme" => new LrBceLogits(seed: 1),
            "cce_softmax" or "cce_softmax_soft" or "cce_softmax_saturated" => new LrCceSoftmax(seed: 1),
            "cce_logits" or "cce_logits_extreme" => new LrCceLogits(seed: 1),
            "scce_softmax" => new LrScceSoftmax(seed: 1),
            "scce_logits" or "scce_logits_extreme" => new LrScceLogits(seed: 1),
            _ => throw new ArgumentException(name),
        };

        /// <summary>One case of losses.json.</summary>
        internal sealed record LossCase(int Batch, int Outputs, float[] Z, float[]? Targets, int[]? Labels, double Value, double[] Gradient, string Loss, string Activation)
        {
            /// <summary>The identity batch: sample n is the n-th unit vector, so output row n is kernel row n.</summary>
            public float[] IdentityInputs
            {
                get
                {
                    var x = new float[Batch * Batch];
                    for (int n = 0; n < Batch; n++) x[n * Batch + n] = 1f;
                    return x;
                }
            }
        }

        internal static LossCase Load(string name)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "losses.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
            JsonElement c = doc.RootElement.GetProperty("cases").GetProperty(name);
            double[][] z = Rows(c.GetProperty("z"));
            float[]? targets = c.TryGetProperty("targets", out JsonElement t) ? Rows(t).SelectMany(r => r).Select(v => (float)v).ToArray() : null;
            int[]? labels = c.TryGetProperty("labels", out JsonElement l) ? l.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null;
            return new LossCase(z.Length, z[0].Length, z.SelectMany(r => r).Select(v => (float)v).ToArray(), targets, labels,
                c.GetProperty("value").GetDouble(), Rows(c.GetProperty("grad")).SelectMany(r => r).ToArray(),
                c.GetProperty("loss").GetString()!, c.GetProperty("activation").GetString()!);
        }

        private static double[][] Rows(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

        /// <summary>Loads the case into the model and runs forward and backward; returns the loss.</summary>
        internal static float Run(CompiledModel model, LossCase c)
        {
            Assert.Equal(c.Batch, model.InputSize);
            Assert.Equal(c.Outputs, model.OutputSize);
            model.WriteParameter("dense.kernel", c.Z);
            return c.Labels is not null ? model.ComputeGradients(c.IdentityInputs, c.Labels) : model.ComputeGradients(c.IdentityInputs, c.Targets!);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void ValueAndGradient_MatchPyTorch(string name)
        {
            LossCase c = Load(name);
            using CompiledModel model = Create(name);
            float loss = Run(model, c);
            Assert.True(float.IsFinite(loss), $"{name}: loss {loss}");
            Tolerance.AssertClose(c.Value, loss, Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} loss");
            float[] gradient = model.ReadGradient("dense.kernel");
            Assert.All(gradient, g => Assert.True(float.IsFinite(g), $"{name}: gradient {g}"));
            Tolerance.AssertClose(c.Gradient.Select(g => (float)g).ToArray(), gradient, Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} dL/dz");
        }

        [Theory]
        [InlineData("mse")]
        [InlineData("bce_sigmoid")]
        [InlineData("cce_logits")]
        public void Evaluate_GivesTheSameLossAsTheTrainingStep(string name)
        {
            LossCase c = Load(name);
            using CompiledModel model = Create(name);
            float loss = Run(model, c);
            float evaluated = model.Evaluate(c.IdentityInputs, c.Targets!, batchSize: c.Batch);
            Assert.Equal(loss, evaluated);
        }
    }
}
