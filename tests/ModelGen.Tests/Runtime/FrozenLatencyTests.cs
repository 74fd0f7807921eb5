using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;
using Xunit.Abstractions;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// [FrozenWeights(AlignWeights = true)]: the aligned copy gives the same model bit for bit, allocates nothing per
    /// prediction, and (on request) the single-sample latency of the three variants of the Fashion-sized MLP, measured
    /// in one process, interleaved (docs/embedding.md, "Latency and alignment").
    /// </summary>
    public class FrozenLatencyTests
    {
        private readonly ITestOutputHelper _output;

        public FrozenLatencyTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void AlignedWeights_PredictEqualsUnaligned_Bitwise_AndAllocatesNothing()
        {
            var random = new Random(11);
            float[] inputs = Enumerable.Range(0, 7 * 784).Select(_ => (float)random.NextDouble()).ToArray();
            using var plain = new FrozenMlp();
            using var aligned = new FrozenMlpAligned();
            float[] a = plain.PredictBatchArray(inputs), b = aligned.PredictBatchArray(inputs);
            Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
            float[] x = new float[784], o = new float[10];
            for (int i = 0; i < 20; i++) aligned.Predict(x, o);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) aligned.Predict(x, o);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        /// <summary>
        /// Single-sample Predict latency: trainable (after Load), frozen (weights read in place), frozen aligned; rounds
        /// of 2,000 calls each, alternating, medians per variant. Runs only with MODELGEN_LATENCY=rounds.
        /// </summary>
        [Fact]
        public void Latency_TrainableFrozenAligned()
        {
            if (!int.TryParse(Environment.GetEnvironmentVariable("MODELGEN_LATENCY"), out int rounds)) return;
            using var trainable = new TrainableMlp(seed: 1);
            trainable.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "frozen", "mlp.safetensors"));
            trainable.Threads = 1;
            using var frozen = new FrozenMlp();
            using var aligned = new FrozenMlpAligned();
            var random = new Random(3);
            float[] images = Enumerable.Range(0, 64 * 784).Select(_ => (float)random.NextDouble()).ToArray();
            var variants = new (string Name, Action<float[], float[]> Predict)[]
            {
                ("trainable", (x, y) => trainable.Predict(x, y)),
                ("frozen", (x, y) => frozen.Predict(x, y)),
                ("frozen aligned", (x, y) => aligned.Predict(x, y)),
            };
            var samples = variants.Select(_ => new System.Collections.Generic.List<double>()).ToArray();
            float[] output = new float[10];
            float[][] xs = Enumerable.Range(0, 64).Select(i => images.AsSpan(i * 784, 784).ToArray()).ToArray();
            for (int round = 0; round < rounds + 1; round++)
            {
                for (int v = 0; v < variants.Length; v++)
                {
                    for (int i = 0; i < 2000; i++)
                    {
                        long t = Stopwatch.GetTimestamp();
                        variants[v].Predict(xs[i & 63], output);
                        double us = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                        if (round > 0) samples[v].Add(us); // round 0 warms up (tiered JIT)
                    }
                }
            }
            for (int v = 0; v < variants.Length; v++)
            {
                double[] s = samples[v].OrderBy(x => x).ToArray();
                string line = $"{variants[v].Name,-15} median {s[s.Length / 2]:F2} us, p10 {s[s.Length / 10]:F2} us, p90 {s[s.Length * 9 / 10]:F2} us, min {s[0]:F2} us ({s.Length:N0} calls)";
                _output.WriteLine(line);
                Console.WriteLine(line);
            }
        }
    }
}
