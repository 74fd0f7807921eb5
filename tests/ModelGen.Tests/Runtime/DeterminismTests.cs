using System;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// A seed fixes everything: the initial parameters bit for bit, the shuffling order of <c>Fit</c>, and therefore
    /// the trained parameters and the whole History. Comparisons here are exact (bit patterns), never tolerances.
    /// </summary>
    public class DeterminismTests
    {
        public static TheoryData<string> ModelNames => new() { "allocation_mlp", "wide", "flatten_nobias", "tiny_unrolled" };

        private static CompiledModel Create(string name, int seed) => name switch
        {
            "allocation_mlp" => new AllocationMlp(seed),       // He-normal kernels, Flatten, loop layers
            "wide" => new WideNet(seed),                       // Glorot-uniform kernels, every column tile
            "flatten_nobias" => new GcFlattenNoBiasLoop(seed), // tensors without bias
            "tiny_unrolled" => new TinyUnrolledClassifier(seed),
            _ => throw new ArgumentException(name),
        };

        /// <summary>The first index where the two tensors differ in their bits, or -1.</summary>
        private static int FirstBitDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            Assert.Equal(a.Length, b.Length);
            for (int i = 0; i < a.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i])) return i;
            }
            return -1;
        }

        private static void AssertBitIdentical(CompiledModel expected, CompiledModel actual, string what)
        {
            foreach (TensorSpec t in expected.Layout.Tensors)
            {
                ReadOnlySpan<float> a = expected.ReadParameter(t.Name), b = actual.ReadParameter(t.Name);
                int i = FirstBitDifference(a, b);
                Assert.True(i < 0, $"{what}: {t.Name}[{i}] is {(i < 0 ? 0 : a[i]):R} in one model and {(i < 0 ? 0 : b[i]):R} in the other.");
            }
        }

        [Theory]
        [MemberData(nameof(ModelNames))]
        public void SameSeed_GivesBitIdenticalParameters(string name)
        {
            using CompiledModel a = Create(name, 1234);
            using CompiledModel b = Create(name, 1234);
            AssertBitIdentical(a, b, name);
        }

        [Theory]
        [MemberData(nameof(ModelNames))]
        public void DifferentSeeds_GiveDifferentKernels(string name)
        {
            using CompiledModel a = Create(name, 1234);
            using CompiledModel b = Create(name, 1235);
            foreach (TensorSpec t in a.Layout.Tensors)
            {
                ReadOnlySpan<float> x = a.ReadParameter(t.Name), y = b.ReadParameter(t.Name);
                int same = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    if (x[i] == y[i]) same++;
                }
                if (t.Name.EndsWith(".kernel", StringComparison.Ordinal))
                {
                    // Random draws from two streams: almost no entry may coincide.
                    Assert.True(same <= x.Length / 100, $"{name} {t.Name}: {same} of {x.Length} entries equal across seeds 1234 and 1235.");
                }
                else
                {
                    // Biases default to zeros, whatever the seed.
                    Assert.Equal(x.Length, same);
                }
            }
        }

        [Fact]
        public void SameSeed_AfterOtherModelsAreCreated_StillGivesSameParameters()
        {
            // No hidden global state: creating models with other seeds in between changes nothing.
            using var first = new WideNet(seed: 77);
            using (new WideNet(seed: 78)) { }
            using (new AllocationMlp(seed: 77)) { }
            using var second = new WideNet(seed: 77);
            AssertBitIdentical(first, second, "WideNet seed 77");
        }

        [Fact]
        public void PredictBatch_MoreSamplesThanBatchCapacity_MatchesPredictPerSample()
        {
            // 300 samples: PredictBatch runs at most 256 per forward pass, so it runs two chunks (256, 44).
            using var model = new WideNet(seed: 3);
            var (x, _, _, _) = Data();
            const int Samples = 300;
            var inputs = new float[Samples * model.InputSize];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = x[i % x.Length] + i / (float)inputs.Length;
            float[] batch = model.PredictBatch(inputs);
            var one = new float[model.OutputSize];
            for (int n = 0; n < Samples; n++)
            {
                model.Predict(inputs.AsSpan(n * model.InputSize, model.InputSize), one);
                // Row blocks of different heights sum in different orders (one-row kernels interleave two accumulator
                // chains), so a sample alone and inside a batch agree to rounding, not to the bit.
                Tolerance.AssertClose(batch.AsSpan(n * model.OutputSize, model.OutputSize), one, Tolerance.BatchInvariance, Tolerance.BatchInvarianceFloor, $"sample {n}");
            }
        }

        [Fact]
        public void TwoThreads_GiveTheSameBitsAsOne()
        {
            // 784-300-100-10: the first layer is large enough to be split over two threads (columns forward and in
            // the kernel gradient, rows in the input gradient); each element is computed by one thread either way.
            using var one = new AllocationMlp(seed: 5) { Threads = 1 };
            using var two = new AllocationMlp(seed: 5) { Threads = 2 };
            var rng = new Random(9);
            var x = new float[48 * 784];
            for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
            var y = new int[48];
            for (int i = 0; i < y.Length; i++) y[i] = rng.Next(10);
            for (int step = 0; step < 5; step++)
            {
                Assert.Equal(one.TrainBatch(x, y), two.TrainBatch(x, y));
            }
            AssertBitIdentical(one, two, "after 5 steps on 1 and 2 threads");
            Assert.Equal(one.PredictBatch(x), two.PredictBatch(x));
        }

        // ---- Training ------------------------------------------------------------------------------------------

        /// <summary>200 samples of 20 features, 10 classes by a fixed rule; 40 validation samples.</summary>
        private static (float[] X, int[] Y, float[] ValX, int[] ValY) Data()
        {
            var rng = new Random(42);
            float[] Features(int n)
            {
                var x = new float[n * 20];
                for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
                return x;
            }
            int[] Classes(float[] x)
            {
                var y = new int[x.Length / 20];
                for (int n = 0; n < y.Length; n++) y[n] = (int)((x[n * 20] + 1) * 5f) % 10;
                return y;
            }
            float[] train = Features(200), val = Features(40);
            return (train, Classes(train), val, Classes(val));
        }

        private static void AssertSameHistory(History expected, History actual)
        {
            Assert.Equal(expected.Epochs, actual.Epochs);
            Assert.Equal(expected.Loss, actual.Loss);
            Assert.Equal(expected.Accuracy, actual.Accuracy);
            Assert.Equal(expected.ValLoss, actual.ValLoss);
            Assert.Equal(expected.ValAccuracy, actual.ValAccuracy);
            // SamplesPerSecond is a wall-clock measurement and may differ.
        }

        [Fact]
        public void Fit_SameSeedSameData_BitIdenticalParametersAndHistory()
        {
            var (x, y, vx, vy) = Data();
            using var a = new WideNet(seed: 5);
            using var b = new WideNet(seed: 5);
            // 200 samples in batches of 16: 12 full batches and a partial one of 8 per epoch.
            History ha = a.Fit(x, y, epochs: 3, batchSize: 16, validation: (vx, vy), shuffle: true, verbose: false);
            History hb = b.Fit(x, y, epochs: 3, batchSize: 16, validation: (vx, vy), shuffle: true, verbose: false);

            AssertBitIdentical(a, b, "WideNet after Fit");
            AssertSameHistory(ha, hb);
            Assert.Equal(a.Iterations, b.Iterations);

            // And training did move the weights, so the comparison above was not between two untouched models.
            using var untouched = new WideNet(seed: 5);
            Assert.True(FirstBitDifference(untouched.ReadParameter("dense.kernel"), a.ReadParameter("dense.kernel")) >= 0);
        }

        [Fact]
        public void Fit_SameWeightsDifferentSeeds_ShuffleOrderDependsOnSeed()
        {
            var (x, y, _, _) = Data();
            using var a = new WideNet(seed: 5);
            using var b = new WideNet(seed: 6);
            CopyParameters(a, b);
            using var c = new WideNet(seed: 6);
            CopyParameters(a, c);
            a.Fit(x, y, epochs: 1, batchSize: 16, shuffle: true, verbose: false);
            b.Fit(x, y, epochs: 1, batchSize: 16, shuffle: true, verbose: false);
            c.Fit(x, y, epochs: 1, batchSize: 16, shuffle: true, verbose: false);

            // b and c: same weights, same seed, same order. a: same weights, another seed, so another order.
            AssertBitIdentical(b, c, "same weights and seed");
            Assert.True(FirstBitDifference(a.ReadParameter("dense.kernel"), b.ReadParameter("dense.kernel")) >= 0,
                "Two seeds shuffled the data into the same order (or shuffling is ignored).");
        }

        [Fact]
        public void Fit_WithoutShuffle_DoesNotDependOnSeed()
        {
            var (x, y, _, _) = Data();
            using var a = new WideNet(seed: 5);
            using var b = new WideNet(seed: 6);
            CopyParameters(a, b);
            History ha = a.Fit(x, y, epochs: 2, batchSize: 16, shuffle: false, verbose: false);
            History hb = b.Fit(x, y, epochs: 2, batchSize: 16, shuffle: false, verbose: false);
            AssertBitIdentical(a, b, "Fit without shuffling");
            AssertSameHistory(ha, hb);
        }

        private static void CopyParameters(CompiledModel from, CompiledModel to)
        {
            foreach (TensorSpec t in from.Layout.Tensors) to.WriteParameter(t.Name, from.ReadParameter(t.Name));
        }
    }
}
