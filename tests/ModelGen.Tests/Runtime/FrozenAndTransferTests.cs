using System;
using System.IO;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using ModelGen.Tests.OpenCl;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Layers declared <c>Trainable = false</c> (no gradient work, no update, the input gradient still flows) and
    /// transfer by <see cref="CompiledModel.CopyLayersFrom(CompiledModel, string[])"/> and its safetensors overload.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class FrozenAndTransferTests
    {
        private static (float[] X, float[] Y) Batch(int count, int seed, int outputs = 3)
        {
            var rng = new Random(seed);
            var x = new float[count * 5];
            var y = new float[count * outputs];
            for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
            for (int i = 0; i < y.Length; i++) y[i] = (float)rng.NextDouble();
            return (x, y);
        }

        [Fact]
        public void FrozenLayer_KeepsItsWeights_AndItsGradientArenaIsUntouched()
        {
            using var model = new FrozenMiddle(seed: 3);
            float[] kernel = model.ReadParameter("dense_1.kernel"), bias = model.ReadParameter("dense_1.bias");
            for (int step = 0; step < 10; step++)
            {
                var (x, y) = Batch(8, step);
                model.TrainBatch(x, y);
            }
            Assert.Equal(kernel, model.ReadParameter("dense_1.kernel")); // no update, no weight decay, no MaxNorm
            Assert.Equal(bias, model.ReadParameter("dense_1.bias"));
            Assert.All(model.ReadGradient("dense_1.kernel"), g => Assert.Equal(0f, g)); // never written
            Assert.All(model.ReadGradient("dense_1.bias"), g => Assert.Equal(0f, g));
            Assert.Contains(model.ReadGradient("dense.kernel"), g => g != 0); // the input gradient flowed through it
        }

        [Fact]
        public void FrozenLayer_LearnedActivationParameterGetsNoGradient()
        {
            using var model = new FrozenPRelu(seed: 3);
            float[] alpha = model.ReadParameter("dense_1.alpha");
            for (int step = 0; step < 5; step++)
            {
                var (x, y) = Batch(8, step);
                model.TrainBatch(x, y);
            }
            Assert.Equal(alpha, model.ReadParameter("dense_1.alpha"));
            // Not computed at all, so global-norm clipping (over the whole gradient arena) cannot count it.
            Assert.All(model.ReadGradient("dense_1.alpha"), g => Assert.Equal(0f, g));
            Assert.Contains(model.ReadGradient("dense.kernel"), g => g != 0);
        }

        [Fact]
        public void FrozenAtRunTime_LearnedActivationParametersGetNoGradient()
        {
            using var model = new RunTimeFrozenPRelu(seed: 3);
            var (warmX, warmY) = Batch(8, 99);
            model.ComputeGradients(warmX, warmY); // gradients of every tensor, cleared again by Freeze
            model.Freeze("dense");
            model.Freeze("dense_1");
            float[] alpha = model.ReadParameter("dense_1.alpha"), beta = model.ReadParameter("dense.beta");
            for (int step = 0; step < 5; step++)
            {
                var (x, y) = Batch(8, step);
                model.TrainBatch(x, y);
            }
            Assert.Equal(alpha, model.ReadParameter("dense_1.alpha"));
            Assert.Equal(beta, model.ReadParameter("dense.beta"));
            // Not computed while frozen, so global-norm clipping (over the whole gradient arena) cannot count them.
            Assert.All(model.ReadGradient("dense_1.alpha"), g => Assert.Equal(0f, g));
            Assert.All(model.ReadGradient("dense.beta"), g => Assert.Equal(0f, g));
            Assert.Contains(model.ReadGradient("dense_2.kernel"), g => g != 0);
            model.Unfreeze("dense_1");
            model.ComputeGradients(warmX, warmY);
            Assert.Contains(model.ReadGradient("dense_1.alpha"), g => g != 0);
        }

        [Fact]
        public void FrozenLayer_OtherLayersStepAsInTheTrainableTwin_AndTheLossHasNoPenaltyOfIt()
        {
            using var frozen = new FrozenMiddle(seed: 3);
            using var twin = new FrozenMiddleTwin(seed: 3);
            var (x, y) = Batch(8, 42);
            // Same seed, same shapes: same initial weights. Keras leaves a frozen layer's penalty out of the loss.
            Assert.Equal(twin.ReadParameter("dense_1.kernel"), frozen.ReadParameter("dense_1.kernel"));
            Assert.Equal(twin.ComputeGradients(x, y), frozen.ComputeGradients(x, y));
            Assert.Equal(twin.ReadGradient("dense.kernel"), frozen.ReadGradient("dense.kernel"));
            frozen.TrainBatch(x, y);
            twin.TrainBatch(x, y);
            foreach (string name in new[] { "dense.kernel", "dense.bias", "dense_2.kernel", "dense_2.bias" })
            {
                Assert.Equal(twin.ReadParameter(name), frozen.ReadParameter(name));
            }
            Assert.NotEqual(twin.ReadParameter("dense_1.kernel"), frozen.ReadParameter("dense_1.kernel"));
        }

        [Fact]
        public void FrozenFirstLayer_TrainsTheHeadOnly()
        {
            using var model = new FrozenFirst(seed: 5);
            float[] kernel = model.ReadParameter("dense.kernel");
            float[] head = model.ReadParameter("dense_1.kernel");
            var (x, y) = Batch(16, 7);
            float first = model.TrainBatch(x, y);
            for (int i = 0; i < 20; i++) model.TrainBatch(x, y);
            Assert.True(model.TrainBatch(x, y) < first);
            Assert.Equal(kernel, model.ReadParameter("dense.kernel"));
            Assert.NotEqual(head, model.ReadParameter("dense_1.kernel"));
        }

        [Theory]
        [InlineData("middle")]
        [InlineData("first")]
        public void Frozen_OpenClMatchesCpu(string which)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            CompiledModel Create() => which == "middle" ? new FrozenMiddle(seed: 3) : new FrozenFirst(seed: 5);
            using CompiledModel cpu = Create(), device = Create();
            device.UseOpenCl();
            for (int step = 0; step < 10; step++)
            {
                var (x, y) = Batch(8 + step, 100 + step);
                Tolerance.AssertClose(cpu.TrainBatch(x, y), device.TrainBatch(x, y), 1e-4, 1e-6, $"{which} loss at step {step + 1}");
            }
            foreach (TensorSpec t in cpu.Layout.Tensors)
            {
                Tolerance.AssertClose(cpu.ReadParameter(t.Name), device.ReadParameter(t.Name), 1e-4, 1e-6, $"{which} {t.Name}");
                Tolerance.AssertClose(cpu.ReadGradient(t.Name), device.ReadGradient(t.Name), 1e-4, 1e-6, $"{which} gradient of {t.Name}");
            }
            using CompiledModel fresh = Create();
            Assert.Equal(fresh.ReadParameter(which == "middle" ? "dense_1.kernel" : "dense.kernel"), device.ReadParameter(which == "middle" ? "dense_1.kernel" : "dense.kernel"));
        }

        [Fact]
        public void Frozen_TrainBatchAllocatesNothing()
        {
            using var model = new FrozenMiddle(seed: 3);
            var (x, y) = Batch(8, 1);
            model.TrainBatch(x, y);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++) model.TrainBatch(x, y);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void CopyLayersFrom_CopiesTheMatchingLowerLayers()
        {
            using var trained = new FrozenMiddleTwin(seed: 11);
            using var target = new NewHead(seed: 12);
            float[] head = target.ReadParameter("head.kernel");
            var copied = target.CopyLayersFrom(trained);
            Assert.Equal(new[] { "dense", "dense_1" }, copied);
            foreach (string name in new[] { "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias" })
            {
                Assert.Equal(trained.ReadParameter(name), target.ReadParameter(name));
            }
            Assert.Equal(head, target.ReadParameter("head.kernel"));
        }

        [Fact]
        public void CopyLayersFrom_ASafetensorsFile()
        {
            using var trained = new FrozenMiddleTwin(seed: 11);
            using var target = new NewHead(seed: 12);
            string path = Path.Combine(Path.GetTempPath(), $"modelgen-transfer-{Guid.NewGuid():N}.safetensors");
            try
            {
                trained.Save(path);
                Assert.Equal(new[] { "dense" }, target.CopyLayersFrom(path, "dense"));
                Assert.Equal(trained.ReadParameter("dense.kernel"), target.ReadParameter("dense.kernel"));
                Assert.NotEqual(trained.ReadParameter("dense_1.kernel"), target.ReadParameter("dense_1.kernel"));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void CopyLayersFrom_MismatchedShapes_ThrowsAndChangesNothing()
        {
            using var trained = new FrozenMiddleTwin(seed: 11);
            using var target = new MismatchedShapes(seed: 12);
            float[] before = target.ReadParameter("dense.kernel");
            var error = Assert.Throws<InvalidDataException>(() => target.CopyLayersFrom(trained, "dense", "dense_1"));
            Assert.Contains("'dense_1.kernel' is [6, 7]", error.Message);
            Assert.Equal(before, target.ReadParameter("dense.kernel")); // checked before anything is copied
            Assert.Throws<ArgumentException>(() => target.CopyLayersFrom(trained, "nope"));
        }
    }
}
