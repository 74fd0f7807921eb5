using System;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// The prediction and training-step paths allocate nothing on the managed heap once warmed up (the batch buffers
    /// are native and sized on first use): the thread's allocated-bytes counter must not move at all.
    /// </summary>
    public class AllocationTests
    {
        private const int WarmUpCalls = 50;
        private const int MeasuredCalls = 200;

        private static float[] Data(int length, int seed)
        {
            var rng = new Random(seed);
            var values = new float[length];
            for (int i = 0; i < length; i++) values[i] = (float)rng.NextDouble();
            return values;
        }

        private static int[] Labels(int count, int classes)
        {
            var labels = new int[count];
            for (int i = 0; i < count; i++) labels[i] = (i * 7) % classes;
            return labels;
        }

        /// <summary>Runs <paramref name="action"/> to warm it up (JIT, tiering, buffer growth), then returns the bytes allocated by <paramref name="calls"/> more calls.</summary>
        /// <remarks>
        /// The runtime itself may allocate a few bytes on this thread once, while tiered compilation installs optimized
        /// code for the runtime's methods (seen once in about twenty runs). So the measurement is taken up to three
        /// times and the smallest is returned: a real per-call allocation shows in every one of them.
        /// </remarks>
        private static long AllocatedBy(Action action, int calls)
        {
            for (int i = 0; i < WarmUpCalls; i++) action();
            long smallest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && smallest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < calls; i++) action();
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return smallest;
        }

        /// <summary>The measurement itself: the array-returning overload allocates its result, and that must be seen.</summary>
        [Fact]
        public void Measurement_ArrayReturningPredictBatch_SeesTheResultArray()
        {
            using var model = new TinyUnrolledClassifier(seed: 1);
            float[] inputs = Data(10 * model.InputSize, 11);
            long bytes = AllocatedBy(() => model.PredictBatch(inputs), 1);
            Assert.InRange(bytes, 10 * model.OutputSize * sizeof(float), 1024);
        }

        [Fact]
        public void Predict_LargeMlp_AllocatesNothing()
        {
            using var model = new AllocationMlp(seed: 1);
            float[] input = Data(model.InputSize, 1);
            float[] output = new float[model.OutputSize];
            long bytes = AllocatedBy(() => model.Predict(input, output), MeasuredCalls);
            Assert.Equal(0, bytes);
            Assert.Equal(1f, output[0] + output[1] + output[2] + output[3] + output[4] + output[5] + output[6] + output[7] + output[8] + output[9], 4);
        }

        [Fact]
        public void PredictClass_LargeMlp_AllocatesNothing()
        {
            using var model = new AllocationMlp(seed: 1);
            float[] input = Data(model.InputSize, 2);
            int predicted = -1;
            long bytes = AllocatedBy(() => predicted = model.PredictClass(input), MeasuredCalls);
            Assert.Equal(0, bytes);
            Assert.InRange(predicted, 0, 9);
        }

        [Fact]
        public void PredictBatchSpans_LargeMlp_AllocatesNothing()
        {
            using var model = new AllocationMlp(seed: 1);
            // 40 samples: more than the default batch capacity (32), so the spans are processed in two chunks.
            float[] inputs = Data(40 * model.InputSize, 3);
            float[] outputs = new float[40 * model.OutputSize];
            long bytes = AllocatedBy(() => model.PredictBatch(inputs, outputs), 20);
            Assert.Equal(0, bytes);
        }

        [Fact]
        public void TrainBatch_LargeMlpAdam_AllocatesNothing()
        {
            using var model = new AllocationMlp(seed: 1);
            // 48 samples: larger than the initial capacity, so the first (warm-up) call grows the native buffers.
            float[] inputs = Data(48 * model.InputSize, 4);
            int[] labels = Labels(48, 10);
            float loss = 0;
            long bytes = AllocatedBy(() => loss = model.TrainBatch(inputs, labels), 20);
            Assert.Equal(0, bytes);
            Assert.True(float.IsFinite(loss));
            Assert.InRange(model.Iterations, WarmUpCalls + 20, WarmUpCalls + 60); // one to three measured rounds of 20 steps
        }

        [Fact]
        public void ComputeGradients_LargeMlp_AllocatesNothing()
        {
            using var model = new AllocationMlp(seed: 1);
            float[] inputs = Data(8 * model.InputSize, 5);
            int[] labels = Labels(8, 10);
            long bytes = AllocatedBy(() => model.ComputeGradients(inputs, labels), 20);
            Assert.Equal(0, bytes);
        }

        [Fact]
        public void PredictAndTrain_TinyUnrolledClassifier_AllocateNothing()
        {
            using var model = new TinyUnrolledClassifier(seed: 1);
            float[] input = Data(model.InputSize, 6);
            float[] output = new float[model.OutputSize];
            float[] inputs = Data(5 * model.InputSize, 7);
            int[] labels = Labels(5, 3);
            Assert.Equal(0, AllocatedBy(() => model.Predict(input, output), MeasuredCalls));
            Assert.Equal(0, AllocatedBy(() => model.PredictClass(input), MeasuredCalls));
            Assert.Equal(0, AllocatedBy(() => model.TrainBatch(inputs, labels), MeasuredCalls));
        }

        [Fact]
        public void PredictAndTrain_TinyUnrolledRegressor_AllocateNothing()
        {
            using var model = new TinyNet(seed: 1); // 8 → 16 → 16 → 1, unrolled, MSE + Adam: the float-target overload
            float[] input = Data(model.InputSize, 8);
            float[] output = new float[model.OutputSize];
            float[] inputs = Data(7 * model.InputSize, 9);
            float[] targets = Data(7 * model.OutputSize, 10);
            Assert.Equal(0, AllocatedBy(() => model.Predict(input, output), MeasuredCalls));
            Assert.Equal(0, AllocatedBy(() => model.TrainBatch(inputs, targets), MeasuredCalls));
        }
    }
}
