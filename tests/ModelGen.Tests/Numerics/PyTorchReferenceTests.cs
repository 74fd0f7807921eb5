using System;
using System.Collections.Generic;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Each network of the PyTorch fixture, started from the fixture's weights: forward outputs, loss, every gradient,
    /// and three optimizer steps must match the float64 reference.
    /// </summary>
    public class PyTorchReferenceTests
    {
        public static TheoryData<string> Models => new() { "classifier", "regressor", "logits", "tiny", "wide", "softmax_mse", "momentum", "nesterov" };

        private static CompiledModel Create(string name) => name switch
        {
            "classifier" => new ClassifierNet(seed: 1),
            "regressor" => new RegressorNet(seed: 1),
            "logits" => new LogitsNet(seed: 1),
            "tiny" => new TinyNet(seed: 1),
            "wide" => new WideNet(seed: 1),
            "softmax_mse" => new SoftmaxMseNet(seed: 1),
            "momentum" => new MomentumNet(seed: 1),
            "nesterov" => new NesterovNet(seed: 1),
            _ => throw new ArgumentException(name),
        };

        private static CompiledModel FromFixture(string name, ReferenceFixture fixture)
        {
            CompiledModel model = Create(name);
            foreach (KeyValuePair<string, float[]> tensor in fixture.Initial)
            {
                model.WriteParameter(tensor.Key, tensor.Value);
            }
            return model;
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Forward_MatchesPyTorch(string name)
        {
            var fixture = ReferenceFixture.Load(name);
            using CompiledModel model = FromFixture(name, fixture);
            float[] outputs = model.PredictBatch(fixture.Inputs);
            Tolerance.AssertClose(fixture.Outputs, outputs, Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} outputs");
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void SingleSamplePredict_MatchesBatchPredict(string name)
        {
            var fixture = ReferenceFixture.Load(name);
            using CompiledModel model = FromFixture(name, fixture);
            float[] batch = model.PredictBatch(fixture.Inputs);
            var one = new float[model.OutputSize];
            for (int n = 0; n < batch.Length / model.OutputSize; n++)
            {
                model.Predict(fixture.Inputs.AsSpan(n * model.InputSize, model.InputSize), one);
                Tolerance.AssertClose(batch.AsSpan(n * model.OutputSize, model.OutputSize), one, Tolerance.BatchInvariance, Tolerance.BatchInvarianceFloor, $"{name} sample {n}");
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void LossAndGradients_MatchPyTorch(string name)
        {
            var fixture = ReferenceFixture.Load(name);
            using CompiledModel model = FromFixture(name, fixture);
            float loss = fixture.IsClassifier
                ? model.ComputeGradients(fixture.Inputs, fixture.Labels)
                : model.ComputeGradients(fixture.Inputs, fixture.Targets);
            Tolerance.AssertClose(fixture.InitialLoss, loss, Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} loss");
            foreach (KeyValuePair<string, float[]> gradient in fixture.Gradients)
            {
                Tolerance.AssertClose(gradient.Value, model.ReadGradient(gradient.Key), Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} gradient of {gradient.Key}");
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void OptimizerSteps_MatchKerasEquations(string name)
        {
            var fixture = ReferenceFixture.Load(name);
            using CompiledModel model = FromFixture(name, fixture);
            for (int step = 0; step < fixture.StepCount; step++)
            {
                float loss = fixture.IsClassifier
                    ? model.TrainBatch(fixture.Inputs, fixture.Labels)
                    : model.TrainBatch(fixture.Inputs, fixture.Targets);
                Tolerance.AssertClose(fixture.StepLoss(step), loss, Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} loss before step {step + 1}");
                foreach (KeyValuePair<string, float[]> tensor in fixture.ParametersAfter(step))
                {
                    Tolerance.AssertClose(tensor.Value, model.ReadParameter(tensor.Key), Tolerance.Reference, Tolerance.ReferenceFloor, $"{name} {tensor.Key} after step {step + 1}");
                }
            }
            Assert.Equal(fixture.StepCount, model.Iterations);
        }
    }
}
