using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Every activation against PyTorch in float64 (Fixtures/activations.json): forward outputs, the loss, and the
    /// gradient of every parameter (PReLU's alpha and a learned Swish beta included; dense's gradients carry the
    /// activation layer's input gradient), all within <see cref="Tolerance.Reference"/>.
    /// </summary>
    public class ActivationReferenceTests
    {
        public static TheoryData<string> Cases()
        {
            var data = new TheoryData<string>();
            foreach (string name in ActivationModels.Cases) data.Add(name);
            return data;
        }

        /// <summary>Cases whose gradients are taken in training mode with the slopes PyTorch used (RReLU's default range is random there).</summary>
        public static TheoryData<string> GradientCases()
        {
            var data = new TheoryData<string>();
            foreach (string name in ActivationModels.Cases.Where(n => n != "rrelu")) data.Add(name);
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Forward_MatchesPyTorch(string name)
        {
            var fixture = ActivationFixture.Load(name);
            using CompiledModel model = fixture.CreateModel(name);
            Tolerance.AssertClose(fixture.Outputs, model.PredictBatch(fixture.Inputs), Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} outputs");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void SingleSamplePredict_MatchesBatchPredict(string name)
        {
            var fixture = ActivationFixture.Load(name);
            using CompiledModel model = fixture.CreateModel(name);
            float[] batch = model.PredictBatch(fixture.Inputs);
            var one = new float[model.OutputSize];
            for (int n = 0; n < batch.Length / model.OutputSize; n++)
            {
                model.Predict(fixture.Inputs.AsSpan(n * model.InputSize, model.InputSize), one);
                // Same kernels, rows summed in different blocks; these outputs are small differences of larger terms,
                // so the comparison uses the reference tolerance rather than BatchInvariance's few ulps.
                Tolerance.AssertClose(batch.AsSpan(n * model.OutputSize, model.OutputSize), one, Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} sample {n}");
            }
        }

        [Theory]
        [MemberData(nameof(GradientCases))]
        public void LossAndGradients_MatchPyTorch(string name)
        {
            var fixture = ActivationFixture.Load(name);
            using CompiledModel model = fixture.CreateModel(name);
            float loss = model.ComputeGradients(fixture.Inputs, fixture.Targets);
            Tolerance.AssertClose(fixture.Loss, loss, Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} loss");
            foreach (KeyValuePair<string, float[]> gradient in fixture.Gradients)
            {
                Tolerance.AssertClose(gradient.Value, model.ReadGradient(gradient.Key), Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} gradient of {gradient.Key}");
            }
        }

        [Theory]
        [InlineData("step")]
        [InlineData("sign")]
        public void StepAndSign_PassNoGradientBack(string name)
        {
            var fixture = ActivationFixture.Load(name);
            using CompiledModel model = fixture.CreateModel(name);
            model.ComputeGradients(fixture.Inputs, fixture.Targets);
            foreach (string tensor in new[] { "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias" })
            {
                Assert.All(model.ReadGradient(tensor), g => Assert.Equal(0f, g));
            }
            Assert.Contains(model.ReadGradient("dense_2.kernel"), g => g != 0f);
        }

        [Fact]
        public void PRelu_AlphaIsAParameterTensorStartingAtZero()
        {
            using var model = new ActPReluNet(seed: 3);
            Assert.Equal(new[] { "dense.kernel", "dense.bias", "dense.alpha", "dense_1.kernel", "dense_1.bias", "dense_1.alpha", "dense_2.kernel", "dense_2.bias" },
                model.Layout.Tensors.Select(t => t.Name));
            Assert.All(model.ReadParameter("dense_1.alpha"), a => Assert.Equal(0f, a)); // Keras' alpha_initializer="zeros"
            Assert.Equal(4 * 6 + 6 + 6 + 6 * 20 + 20 + 20 + 20 * 3 + 3, model.ParameterCount);
        }

        [Fact]
        public void LearnedSwishBeta_StartsAtTheDeclaredBetaAndLearns()
        {
            var fixture = ActivationFixture.Load("swish_learned");
            using var model = new ActSwishLearnedNet(seed: 3);
            Assert.Equal(new[] { 0.8f }, model.ReadParameter("dense.beta"));
            Assert.Equal(new[] { 0.8f }, model.ReadParameter("dense_1.beta"));
            model.TrainBatch(fixture.Inputs, fixture.Targets);
            Assert.NotEqual(0.8f, model.ReadParameter("dense_1.beta")[0]); // updated by the model's optimizer
        }

        [Fact]
        public void LearnedParameters_AreUpdatedBySgdFromTheirGradients()
        {
            var fixture = ActivationFixture.Load("prelu");
            using CompiledModel model = fixture.CreateModel("prelu");
            float[] before = model.ReadParameter("dense_1.alpha");
            model.TrainBatch(fixture.Inputs, fixture.Targets);
            float[] after = model.ReadParameter("dense_1.alpha");
            float[] gradient = fixture.Gradients["dense_1.alpha"];
            for (int i = 0; i < before.Length; i++)
            {
                Tolerance.AssertClose(before[i] - 0.05 * gradient[i], after[i], Tolerance.Reference, Tolerance.ReferenceFloor, $"alpha[{i}] after one SGD step");
            }
        }
    }
}
