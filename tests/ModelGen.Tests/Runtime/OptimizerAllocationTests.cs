using System;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Every optimizer's training step allocates nothing once warmed up, with the learning rate set before every
    /// step as a schedule would (the per-step scalars, Nadam's momentum product included, live in fields and locals).
    /// </summary>
    public class OptimizerAllocationTests
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

        [Theory]
        [MemberData(nameof(Runs))]
        public void TrainBatch_WithTheLearningRateSetEveryStep_AllocatesNothing(string run)
        {
            using CompiledModel model = OptimizerModels.Create(run, wide: true);
            var rng = new Random(1);
            var x = new float[24 * model.InputSize];
            var y = new float[24 * model.OutputSize];
            for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
            for (int i = 0; i < y.Length; i++) y[i] = (float)rng.NextDouble();
            float rate = model.LearningRate;
            void Step() { model.LearningRate = rate *= 0.999f; model.TrainBatch(x, y); }
            for (int i = 0; i < 50; i++) Step();
            long smallest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && smallest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++) Step();
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            Assert.Equal(0, smallest);
        }
    }
}
