using System;
using System.IO;
using System.Text.Json;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Training
{
    /// <summary>
    /// Every schedule step by step against its Keras formula (written out here independently, in double), Keras' step
    /// counting (the first optimizer step uses Rate(0)), 1cycle against PyTorch's OneCycleLR (Fixtures/schedules.json
    /// from make_schedules.py), and the schedule reaching the optimizer on every path.
    /// </summary>
    public class ScheduleTests
    {
        private const double Rtol = 1e-6;

        private static void AssertRates(LearningRateSchedule schedule, Func<long, double> formula, long steps, string what)
        {
            for (long step = 0; step < steps; step++)
            {
                Tolerance.AssertClose(formula(step), schedule.Rate(step), Rtol, 1e-12, $"{what} at step {step}");
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void InverseTimeDecay_MatchesKerasFormula(bool staircase)
        {
            AssertRates(new InverseTimeDecay(0.1f, 20, 0.5f, staircase),
                s => 0.1f / (1 + 0.5f * (staircase ? Math.Floor(s / 20.0) : s / 20.0)), 200, "InverseTimeDecay");
        }

        [Fact]
        public void InverseTimeDecay_IsTheBooksPowerScheduling()
        {
            // lr0 / (1 + t/s)^c with c = 1, s = 50.
            AssertRates(new InverseTimeDecay(0.01f, 50, 1f), t => 0.01f / Math.Pow(1 + t / 50.0, 1), 300, "power scheduling");
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void ExponentialDecay_MatchesKerasFormula(bool staircase)
        {
            AssertRates(new ExponentialDecay(0.01f, 30, 0.1f, staircase),
                s => 0.01f * Math.Pow(0.1f, staircase ? Math.Floor(s / 30.0) : s / 30.0), 200, "ExponentialDecay");
        }

        [Fact]
        public void PiecewiseConstantDecay_UpperBoundsAreInclusive()
        {
            var schedule = new PiecewiseConstantDecay(new long[] { 10, 20 }, new[] { 1f, 0.5f, 0.1f });
            Assert.Equal(1f, schedule.Rate(0));
            Assert.Equal(1f, schedule.Rate(10));
            Assert.Equal(0.5f, schedule.Rate(11));
            Assert.Equal(0.5f, schedule.Rate(20));
            Assert.Equal(0.1f, schedule.Rate(21));
            Assert.Equal(0.1f, schedule.Rate(1000));
            Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay(new long[] { 10 }, new[] { 1f }));
            Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay(new long[] { 10, 10 }, new[] { 1f, 2f, 3f }));
        }

        [Theory]
        [InlineData(1f, false)]
        [InlineData(2f, false)]
        [InlineData(0.5f, true)]
        public void PolynomialDecay_MatchesKerasFormula(float power, bool cycle)
        {
            const double lr0 = 0.1f, end = 1e-4f;
            AssertRates(new PolynomialDecay(0.1f, 40, power: power, cycle: cycle), s =>
            {
                double d = cycle ? 40 * (s == 0 ? 1 : Math.Ceiling(s / 40.0)) : 40;
                double t = cycle ? s : Math.Min(s, 40);
                return (lr0 - end) * Math.Pow(1 - t / d, power) + end;
            }, 200, "PolynomialDecay");
        }

        [Fact]
        public void CosineDecay_WithoutWarmup_MatchesKerasFormula()
        {
            AssertRates(new CosineDecay(0.05f, 100, alpha: 0.1f),
                s => 0.05f * ((1 - 0.1f) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(s, 100) / 100)) + 0.1f), 150, "CosineDecay");
        }

        [Fact]
        public void CosineDecay_WithWarmup_RisesLinearlyThenDecays()
        {
            var schedule = new CosineDecay(0f, 100, alpha: 0f, warmupTarget: 0.1f, warmupSteps: 20);
            AssertRates(schedule, step =>
            {
                double s = Math.Min(step, 120);
                return s < 20 ? 0 + (0.1f - 0) * s / 20 : 0.1f * 0.5 * (1 + Math.Cos(Math.PI * (s - 20) / 100));
            }, 160, "CosineDecay with warm-up");
            Assert.Equal(0f, schedule.Rate(0));
            Assert.Equal(0.1f, schedule.Rate(20), 6);
            Assert.Equal(0f, schedule.Rate(120), 6);
        }

        [Fact]
        public void OneCycle_MatchesPyTorchOneCycleLRThreePhaseLinear()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "schedules.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            int cases = 0;
            foreach (JsonElement c in doc.RootElement.GetProperty("one_cycle").EnumerateArray())
            {
                var schedule = new OneCycle(c.GetProperty("max_lr").GetSingle(), c.GetProperty("total_steps").GetInt64(),
                    c.GetProperty("pct_start").GetSingle(), c.GetProperty("div_factor").GetSingle(), c.GetProperty("final_div_factor").GetSingle());
                int step = 0;
                foreach (JsonElement rate in c.GetProperty("rates").EnumerateArray())
                {
                    // float32 vs PyTorch's double: relative 1e-5, the fixture tolerance.
                    Tolerance.AssertClose(rate.GetDouble(), schedule.Rate(step), 1e-5, 1e-12, $"1cycle case {cases} step {step}");
                    step++;
                }
                cases++;
            }
            Assert.Equal(2, cases);
        }

        [Fact]
        public void Schedule_TrainBatch_UsesRateOfIterationsBeforeEachStep()
        {
            // A model with a schedule must match a twin whose rate is set by hand to Rate(k) before step k.
            var schedule = new ExponentialDecay(0.1f, 3, 0.5f);
            using var scheduled = new LinearRegressor(seed: 11);
            using var manual = new LinearRegressor(seed: 11);
            scheduled.Schedule = schedule;
            var rng = new Random(3);
            for (int k = 0; k < 12; k++)
            {
                var x = new float[8 * 3];
                var y = new float[8 * 2];
                for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
                for (int i = 0; i < y.Length; i++) y[i] = (float)rng.NextDouble();
                manual.LearningRate = schedule.Rate(k);
                Assert.Equal(manual.TrainBatch(x, y), scheduled.TrainBatch(x, y));
                Assert.Equal(schedule.Rate(k), scheduled.LearningRate);
            }
            Assert.Equal(manual.ReadParameter("dense.kernel"), scheduled.ReadParameter("dense.kernel"));
        }

        [Fact]
        public void Schedule_Fit_StepsPerBatchAcrossEpochs()
        {
            var (x, y) = TrainingData.Linear(50, 4);
            using var model = new LinearRegressor(seed: 2);
            var schedule = new RecordingSchedule();
            model.Schedule = schedule;
            History h = model.Fit(x, y, epochs: 3, batchSize: 16, verbose: false);
            // 50 rows in batches of 16: 4 steps per epoch, steps 0..11, each asked once, in order.
            Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, schedule.Steps.ToArray());
            Assert.Equal(new[] { 3f, 7f, 11f }, h.LearningRate.ToArray());
        }

        /// <summary>Rate(step) = step, and records the steps asked for.</summary>
        private sealed class RecordingSchedule : LearningRateSchedule
        {
            public System.Collections.Generic.List<long> Steps { get; } = new();

            public override float Rate(long step)
            {
                Steps.Add(step);
                return Math.Max(step, 1e-6f);
            }
        }

        [Fact]
        public void Schedule_TrainBatch_AllocatesNothing()
        {
            using var model = new AllocationMlp(seed: 1);
            model.Schedule = new CosineDecay(1e-4f, 1000, warmupTarget: 1e-3f, warmupSteps: 10);
            var x = new float[16 * model.InputSize];
            var y = new int[16];
            var rng = new Random(1);
            for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
            for (int i = 0; i < y.Length; i++) y[i] = rng.Next(10);
            for (int i = 0; i < 20; i++) model.TrainBatch(x, y);
            long smallest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && smallest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 30; i++) model.TrainBatch(x, y);
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            Assert.Equal(0, smallest);
        }

        [Fact]
        public void Fit_WithScheduleAndCallbacks_AllocatesNothingPerBatch()
        {
            // Fit allocates per call and per epoch (the order array, History, the logs), never per batch: the same
            // epochs over 16 times the batches cost only the larger order array. TerminateOnNaN takes batch events.
            long Cost(int n)
            {
                var (x, y) = TrainingData.Linear(n, 9);
                using var model = new LinearRegressor(seed: 1);
                model.Schedule = new ExponentialDecay(0.05f, 10, 0.9f);
                var callbacks = new ICallback[] { new EarlyStopping("loss", patience: 100), new EpochOnlyCallback(), new TerminateOnNaN() };
                model.Fit(x, y, epochs: 2, batchSize: 1, verbose: false, callbacks: callbacks); // warm-up
                long smallest = long.MaxValue;
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    model.Fit(x, y, epochs: 2, batchSize: 1, verbose: false, callbacks: callbacks);
                    smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
                }
                return smallest;
            }
            long small = Cost(40), large = Cost(640);
            // 600 more rows: 2400 bytes more of order array; per-batch allocation would add >= 24 bytes × 1200 batches.
            Assert.True(large - small <= 600 * sizeof(int) + 1024, $"Fit allocated {large - small} more bytes for 1200 more batches.");
        }

        /// <summary>An epoch-only user callback (no batch events).</summary>
        private sealed class EpochOnlyCallback : ICallback
        {
        }

        [Fact]
        public void Schedule_OpenCl_MatchesCpu()
        {
            Assert.True(ModelGen.OpenCl.OpenClDevices.IsAvailable, ModelGen.Tests.OpenCl.OpenClFixture.InstallMessage);
            var (x, y) = TrainingData.Xor(100, 5);
            using var cpu = new XorNet(seed: 4);
            using var device = new XorNet(seed: 4);
            device.UseOpenCl();
            cpu.Schedule = device.Schedule = new OneCycle(0.05f, 40, pctStart: 0.25f);
            History hc = cpu.Fit(x, y, epochs: 5, batchSize: 13, verbose: false);
            History hd = device.Fit(x, y, epochs: 5, batchSize: 13, verbose: false);
            Assert.Equal(cpu.Iterations, device.Iterations);
            Assert.Equal(hc.LearningRate.ToArray(), hd.LearningRate.ToArray());
            Tolerance.AssertClose(hc.Loss.ToArray(), hd.Loss.ToArray(), 1e-4, 1e-6, "epoch losses");
            foreach (TensorSpec t in cpu.Layout.Tensors)
            {
                Tolerance.AssertClose(cpu.ReadParameter(t.Name), device.ReadParameter(t.Name), 1e-4, 1e-6, t.Name);
            }
        }
    }
}
