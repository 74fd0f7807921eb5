using System;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.OpenCl;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// <see cref="CompiledModel.Freeze"/> / <see cref="CompiledModel.Unfreeze"/>: Keras' <c>layer.trainable = False</c>
    /// and recompiling, by a run-time flag the generated backward, penalty, optimizer and constraint code test.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class RunTimeFreezeTests
    {
        private static readonly string[] s_tensors = { "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias", "dense_2.kernel", "dense_2.bias" };

        private static (float[] X, float[] Y) Batch(int count, int seed)
        {
            var rng = new Random(seed);
            var x = new float[count * 5];
            var y = new float[count * 3];
            for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
            for (int i = 0; i < y.Length; i++) y[i] = (float)rng.NextDouble();
            return (x, y);
        }

        [Fact]
        public void Frozen_WeightsAndGradientSliceUnchangedBitForBit_OtherLayersChange()
        {
            using var model = new RunTimeFreezable(seed: 3);
            model.TrainBatch(Batch(8, 1).X, Batch(8, 1).Y); // a non-zero gradient and optimizer state first
            model.Freeze("dense_1");
            Assert.True(model.IsFrozen("dense_1"));
            Assert.False(model.IsFrozen("dense"));
            float[] kernel = model.ReadParameter("dense_1.kernel"), bias = model.ReadParameter("dense_1.bias");
            // Zeroed once on Freeze (so global-norm clipping sees no stale gradient), then never written.
            Assert.All(model.ReadGradient("dense_1.kernel"), g => Assert.Equal(0f, g));
            float[] gk = model.ReadGradient("dense_1.kernel"), gb = model.ReadGradient("dense_1.bias");
            float[] other = model.ReadParameter("dense.kernel"), head = model.ReadParameter("dense_2.kernel");
            for (int step = 0; step < 10; step++)
            {
                var (x, y) = Batch(8, 10 + step);
                model.TrainBatch(x, y);
            }
            Assert.Equal(kernel, model.ReadParameter("dense_1.kernel")); // no update, no weight decay, no MaxNorm
            Assert.Equal(bias, model.ReadParameter("dense_1.bias"));
            Assert.Equal(gk, model.ReadGradient("dense_1.kernel")); // the gradient slice is not written: still zero
            Assert.Equal(gb, model.ReadGradient("dense_1.bias"));
            Assert.NotEqual(other, model.ReadParameter("dense.kernel"));
            Assert.NotEqual(head, model.ReadParameter("dense_2.kernel"));
        }

        [Fact]
        public void FrozenAtRunTime_StepsExactlyAsDeclaredFrozen()
        {
            // Same seed and shapes as FrozenMiddle (dense_1 declared Trainable = false): same initial weights, and
            // frozen at run time the same losses (no penalty of the frozen layer) and the same updates, bit for bit.
            using var declared = new FrozenMiddle(seed: 3);
            using var runTime = new RunTimeFreezable(seed: 3);
            runTime.Freeze("dense_1");
            for (int step = 0; step < 10; step++)
            {
                var (x, y) = Batch(8, 30 + step);
                Assert.Equal(declared.TrainBatch(x, y), runTime.TrainBatch(x, y));
            }
            foreach (string name in s_tensors) Assert.Equal(declared.ReadParameter(name), runTime.ReadParameter(name));
        }

        [Fact]
        public void Unfreeze_ResumesUpdates_WithTheOptimizerStateAsItWas()
        {
            // Freezing leaves Adam's moments and the step count as they were: freeze, step, unfreeze must leave
            // dense_1 where a model that never froze it would be after its own first step, then move on.
            using var model = new RunTimeFreezable(seed: 4);
            model.Freeze("dense_1");
            float[] before = model.ReadParameter("dense_1.kernel");
            model.TrainBatch(Batch(8, 50).X, Batch(8, 50).Y);
            Assert.Equal(before, model.ReadParameter("dense_1.kernel"));
            model.Unfreeze("dense_1");
            Assert.False(model.IsFrozen("dense_1"));
            for (int step = 0; step < 3; step++) model.TrainBatch(Batch(8, 51 + step).X, Batch(8, 51 + step).Y);
            Assert.NotEqual(before, model.ReadParameter("dense_1.kernel"));
            Assert.Contains(model.ReadGradient("dense_1.kernel"), g => g != 0);
        }

        [Fact]
        public void Freeze_UnknownName_AndDeclaredFrozen_GiveClearExceptions()
        {
            using var model = new RunTimeFreezable(seed: 1);
            var unknown = Assert.Throws<ArgumentException>(() => model.Freeze("dense_9"));
            Assert.Contains("dense_9", unknown.Message);
            Assert.Contains("dense, dense_1, dense_2", unknown.Message);
            Assert.Throws<ArgumentException>(() => model.IsFrozen("flatten"));
            Assert.Throws<ArgumentException>(() => model.Unfreeze("Dense"));

            using var declared = new FrozenMiddle(seed: 1);
            Assert.True(declared.IsFrozen("dense_1"));
            declared.Freeze("dense_1"); // already frozen: nothing to do
            var unfreeze = Assert.Throws<InvalidOperationException>(() => declared.Unfreeze("dense_1"));
            Assert.Contains("Trainable = false", unfreeze.Message);

            using var graph = new ResidualMlp(seed: 1);
            Assert.Contains("Block1A, Block1B", Assert.Throws<ArgumentException>(() => graph.Freeze("dense")).Message);
        }

        [Fact]
        public void GraphModel_FrozenNodeKeepsItsWeightsBitForBit_TheOthersTrain_UntilUnfrozen()
        {
            // A functional model is written by the same emitter as a sequential one, so it freezes the same way.
            using var model = new ResidualMlp(seed: 4);
            var rng = new Random(5);
            float[] x = Enumerable.Range(0, 16 * 40).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] y = Enumerable.Range(0, 16).Select(_ => (float)rng.NextDouble()).ToArray();
            model.TrainBatch(x, y);
            model.Freeze("Block1A");
            Assert.All(model.ReadGradient("Block1A.kernel"), g => Assert.Equal(0f, g));
            float[] frozen = model.ReadParameter("Block1A.kernel"), other = model.ReadParameter("Block2A.kernel");
            for (int i = 0; i < 3; i++) model.TrainBatch(x, y);
            Assert.Equal(frozen, model.ReadParameter("Block1A.kernel"));
            Assert.All(model.ReadGradient("Block1A.kernel"), g => Assert.Equal(0f, g));
            Assert.NotEqual(other, model.ReadParameter("Block2A.kernel"));
            model.Unfreeze("Block1A");
            model.TrainBatch(x, y);
            Assert.NotEqual(frozen, model.ReadParameter("Block1A.kernel"));
        }

        [Fact]
        public void FrozenAtRunTime_TrainingStepAllocatesNothing()
        {
            using var model = new RunTimeFreezable(seed: 2);
            var (x, y) = Batch(8, 7);
            model.TrainBatch(x, y);
            model.Freeze("dense");
            model.TrainBatch(x, y); // warm
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) model.TrainBatch(x, y);
            model.Unfreeze("dense");
            for (int i = 0; i < 20; i++) model.TrainBatch(x, y);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void FreezingANormalizationLayer_SaysOnlyDenseLayersFreeze()
        {
            using var model = new NormalizedMlp(seed: 1);
            foreach (Action act in new Action[] { () => model.Freeze("normalization"), () => model.Unfreeze("normalization") })
            {
                var e = Assert.Throws<NotSupportedException>(act);
                Assert.Contains("not a Dense layer", e.Message);
            }
            model.Freeze("dense"); // Dense layers still freeze
            Assert.True(model.IsFrozen("dense"));
        }
    }
}
