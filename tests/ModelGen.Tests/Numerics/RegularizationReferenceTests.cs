using System;
using System.Collections.Generic;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Regularizers, kernel constraints and gradient clipping: 10 steps of each run of Fixtures/regularization.json
    /// (Keras 3's semantics in float64, make_regularization.py) to 1e-5, the loss with its penalty before each step
    /// and every parameter after it; the penalty's gradient against central finite differences of the loss.
    /// </summary>
    public class RegularizationReferenceTests
    {
        public static TheoryData<string> Runs
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (string run in RegularizationModels.Runs) data.Add(run);
                return data;
            }
        }

        internal static CompiledModel FromFixture(string run)
        {
            CompiledModel model = RegularizationModels.Create(run);
            foreach (KeyValuePair<string, float[]> tensor in RegularizationFixture.Instance.Initial) model.WriteParameter(tensor.Key, tensor.Value);
            return model;
        }

        [Theory]
        [MemberData(nameof(Runs))]
        public void TenSteps_MatchKerasSemantics(string run)
        {
            RegularizationFixture fixture = RegularizationFixture.Instance;
            using CompiledModel model = FromFixture(run);
            for (int step = 0; step < fixture.StepCount; step++)
            {
                var (x, y) = fixture.Batch(step);
                float loss = model.TrainBatch(x, y);
                Tolerance.AssertClose(fixture.Loss(run, step), loss, Tolerance.Reference, Tolerance.ReferenceFloor, $"{run} loss before step {step + 1}");
                foreach (KeyValuePair<string, float[]> tensor in fixture.ParametersAfter(run, step))
                {
                    Tolerance.AssertClose(tensor.Value, model.ReadParameter(tensor.Key), Tolerance.Reference, Tolerance.ReferenceFloor, $"{run} {tensor.Key} after step {step + 1}");
                }
            }
        }

        [Theory]
        [InlineData("l2_default")]
        [InlineData("l1")]
        [InlineData("l1l2_bias_adam")]
        [InlineData("global_clipnorm_l2_adam")]
        public void PenaltyGradient_MatchesFiniteDifferences(string run)
        {
            RegularizationFixture fixture = RegularizationFixture.Instance;
            using CompiledModel model = FromFixture(run);
            var (x, y) = fixture.Batch(0);
            model.ComputeGradients(x, y);
            const float h = 1e-2f;
            int skipped = 0, total = 0;
            foreach (string name in new[] { "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias" })
            {
                float[] analytic = model.ReadGradient(name);
                float[] w = model.ReadParameter(name);
                var numeric = new float[w.Length];
                for (int i = 0; i < w.Length; i++)
                {
                    float keep = w[i];
                    // L1's kink at 0 spoils a central difference that straddles it: such entries are left out (few).
                    if (Math.Abs(keep) <= 2 * h && run.StartsWith("l1", StringComparison.Ordinal))
                    {
                        numeric[i] = analytic[i];
                        skipped++;
                        continue;
                    }
                    w[i] = keep + h; model.WriteParameter(name, w);
                    float plus = model.ComputeGradients(x, y);
                    w[i] = keep - h; model.WriteParameter(name, w);
                    float minus = model.ComputeGradients(x, y);
                    w[i] = keep; model.WriteParameter(name, w);
                    numeric[i] = (plus - minus) / (2 * h);
                }
                Tolerance.AssertClose(numeric, analytic, Tolerance.FiniteDifference, Tolerance.FiniteDifferenceFloor, $"{run} {name}");
                total += w.Length;
            }
            Assert.True(skipped * 10 < total, $"{skipped} of {total} entries too close to L1's kink");
        }

        [Fact]
        public void Evaluate_ReportsThePenaltyToo()
        {
            // Keras' val_loss (and evaluate) call the same compute_loss: data loss plus the regularizers' penalties.
            RegularizationFixture fixture = RegularizationFixture.Instance;
            using CompiledModel model = FromFixture("l2_default");
            var (x, y) = fixture.Batch(0);
            Tolerance.AssertClose(fixture.Loss("l2_default", 0), model.Evaluate(x, y), Tolerance.Reference, Tolerance.ReferenceFloor, "evaluate");
        }

        [Fact]
        public void MaxNorm_BoundsEveryUnitsIncomingNormAfterAStep()
        {
            RegularizationFixture fixture = RegularizationFixture.Instance;
            using CompiledModel model = FromFixture("maxnorm");
            var (x, y) = fixture.Batch(0);
            model.TrainBatch(x, y);
            float[] kernel = model.ReadParameter("dense.kernel"); // [5, 6] row-major
            for (int unit = 0; unit < 6; unit++)
            {
                double sum = 0;
                for (int row = 0; row < 5; row++) sum += kernel[row * 6 + unit] * (double)kernel[row * 6 + unit];
                Assert.True(Math.Sqrt(sum) <= 0.8 + 1e-6, $"unit {unit}: norm {Math.Sqrt(sum)}");
            }
        }

        [Theory]
        [MemberData(nameof(Runs))]
        public void TrainBatch_AllocatesNothing(string run)
        {
            RegularizationFixture fixture = RegularizationFixture.Instance;
            using CompiledModel model = FromFixture(run);
            var (x, y) = fixture.Batch(0);
            model.TrainBatch(x, y);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++) model.TrainBatch(x, y);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
