using System;
using System.Collections.Generic;
using System.IO;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Every optimizer, 20 steps on the fixture's network from the same start and the same batches, against Keras 3's
    /// equations (Fixtures/make_optimizers.py): the loss before each step and every parameter after it, to 1e-5. The
    /// *_schedule runs set <see cref="CompiledModel.LearningRate"/> before each step, as a schedule does.
    /// </summary>
    public class OptimizerReferenceTests
    {
        public static TheoryData<string> Runs
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (string run in OptimizerModels.Runs) data.Add(run);
                return data;
            }
        }

        /// <summary>The runs whose every update is proportional to the learning rate (no velocity carried over).</summary>
        public static TheoryData<string> RunsWithoutVelocity => new()
        {
            "sgd", "adam", "adam_amsgrad", "adamw", "adamw_amsgrad", "adagrad", "rmsprop", "rmsprop_centered", "adadelta", "adamax", "nadam", "nadam_weight_decay",
        };

        private static CompiledModel FromFixture(string run, OptimizerFixture fixture)
        {
            CompiledModel model = OptimizerModels.Create(run);
            foreach (KeyValuePair<string, float[]> tensor in fixture.Initial) model.WriteParameter(tensor.Key, tensor.Value);
            return model;
        }

        private static float Step(CompiledModel model, OptimizerFixture fixture, int step)
        {
            var (x, y) = fixture.Batch(step);
            return model.TrainBatch(x, y);
        }

        [Theory]
        [MemberData(nameof(Runs))]
        public void TwentySteps_MatchKerasEquations(string run)
        {
            OptimizerFixture fixture = OptimizerFixture.Instance;
            using CompiledModel model = FromFixture(run, fixture);
            for (int step = 0; step < fixture.StepCount; step++)
            {
                model.LearningRate = fixture.LearningRate(run, step);
                float loss = Step(model, fixture, step);
                Tolerance.AssertClose(fixture.Loss(run, step), loss, Tolerance.Reference, Tolerance.ReferenceFloor, $"{run} loss before step {step + 1}");
                foreach (KeyValuePair<string, float[]> tensor in fixture.ParametersAfter(run, step))
                {
                    Tolerance.AssertClose(tensor.Value, model.ReadParameter(tensor.Key), Tolerance.Reference, Tolerance.ReferenceFloor, $"{run} {tensor.Key} after step {step + 1}");
                }
            }
            Assert.Equal(fixture.StepCount, model.Iterations);
        }

        [Theory]
        [MemberData(nameof(RunsWithoutVelocity))]
        public void LearningRateSetToZero_NextStepLeavesTheWeights(string run)
        {
            OptimizerFixture fixture = OptimizerFixture.Instance;
            using CompiledModel model = FromFixture(run, fixture);
            Step(model, fixture, 0);
            float[] before = model.ReadParameter("dense.kernel");
            model.LearningRate = 0;
            Step(model, fixture, 1);
            Assert.Equal(before, model.ReadParameter("dense.kernel"));
            model.LearningRate = 0.01f;
            Step(model, fixture, 2);
            Assert.NotEqual(before, model.ReadParameter("dense.kernel"));
        }

        [Fact]
        public void Hyperparameters_StartAtTheDeclarationOrKerasDefaults()
        {
            using var adamw = new OptAdamw(seed: 1);
            Assert.Equal((0.01f, 0.9f, 0.999f, 1e-7f, 0.004f), (adamw.LearningRate, adamw.Beta1, adamw.Beta2, adamw.Epsilon, adamw.WeightDecay));
            using var custom = new OptAdamwAmsgrad(seed: 1);
            Assert.Equal((0.02f, 0.8f, 0.999f, 1e-6f, 0.05f), (custom.LearningRate, custom.Beta1, custom.Beta2, custom.Epsilon, custom.WeightDecay));
            using var adagrad = new OptAdagrad(seed: 1);
            Assert.Equal((1e-7f, 0.1f), (adagrad.Epsilon, adagrad.InitialAccumulatorValue));
            using var rmsprop = new OptRmspropMomentum(seed: 1);
            Assert.Equal((0.9f, 0.9f, 1e-7f), (rmsprop.Rho, rmsprop.Momentum, rmsprop.Epsilon));
            using var adadelta = new OptAdadelta(seed: 1);
            Assert.Equal((1f, 0.95f, 1e-7f), (adadelta.LearningRate, adadelta.Rho, adadelta.Epsilon));
            using var nadam = new OptNadamCustom(seed: 1);
            Assert.Equal((0.95f, 0.99f, 1e-5f), (nadam.Beta1, nadam.Beta2, nadam.Epsilon));
        }

        [Fact]
        public void Hyperparameters_RejectValuesOutOfRange()
        {
            using var model = new OptAdam(seed: 1);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.Beta1 = 1f);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.Beta2 = -0.1f);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.Epsilon = float.NaN);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.Rho = float.PositiveInfinity);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.Momentum = 1.5f);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.WeightDecay = -1f);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.InitialAccumulatorValue = float.NegativeInfinity);
            Assert.Equal(0.9f, model.Beta1);
        }

        [Fact]
        public void Beta1ChangedAtRunTime_ChangesTheNextStep()
        {
            OptimizerFixture fixture = OptimizerFixture.Instance;
            using CompiledModel declared = FromFixture("adam", fixture), changed = FromFixture("adam", fixture);
            changed.Beta1 = 0.5f;
            Step(declared, fixture, 0);
            Step(changed, fixture, 0);
            // Adam's first step is ±lr·g/|g| whatever β1, so the difference shows from the second step on.
            Step(declared, fixture, 1);
            Step(changed, fixture, 1);
            Assert.NotEqual(declared.ReadParameter("dense.kernel"), changed.ReadParameter("dense.kernel"));
        }

        [Theory]
        [MemberData(nameof(Runs))]
        public void ResetOptimizer_NextStepIsAFirstStep(string run)
        {
            OptimizerFixture fixture = OptimizerFixture.Instance;
            using CompiledModel trained = FromFixture(run, fixture);
            for (int step = 0; step < 3; step++) Step(trained, fixture, step);
            trained.ResetOptimizer();
            Assert.Equal(0, trained.Iterations);

            // A fresh model with the same weights (and fresh state: Adagrad's accumulator, Nadam's product) takes the identical step.
            using CompiledModel fresh = OptimizerModels.Create(run);
            foreach (TensorSpec t in trained.Layout.Tensors) fresh.WriteParameter(t.Name, trained.ReadParameter(t.Name));
            fresh.LearningRate = trained.LearningRate;
            Step(trained, fixture, 5);
            Step(fresh, fixture, 5);
            foreach (TensorSpec t in trained.Layout.Tensors) Assert.Equal(fresh.ReadParameter(t.Name), trained.ReadParameter(t.Name));
        }

        [Theory]
        [InlineData("adagrad")]
        [InlineData("nadam")]
        [InlineData("rmsprop_centered_momentum")]
        public void Load_ResetsTheOptimizerState(string run)
        {
            OptimizerFixture fixture = OptimizerFixture.Instance;
            string path = Path.Combine(Path.GetTempPath(), $"modelgen-optimizer-{run}-{Guid.NewGuid():N}.safetensors");
            try
            {
                using CompiledModel trained = FromFixture(run, fixture);
                for (int step = 0; step < 4; step++) Step(trained, fixture, step);
                trained.Save(path);
                Step(trained, fixture, 4);
                trained.Load(path);
                Assert.Equal(0, trained.Iterations);
                using CompiledModel fresh = OptimizerModels.Create(run);
                fresh.Load(path);
                Step(trained, fixture, 5);
                Step(fresh, fixture, 5);
                foreach (TensorSpec t in trained.Layout.Tensors) Assert.Equal(fresh.ReadParameter(t.Name), trained.ReadParameter(t.Name));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
