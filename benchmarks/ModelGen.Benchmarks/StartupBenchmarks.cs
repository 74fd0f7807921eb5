using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ModelGen.Benchmarks
{
    /// <summary>
    /// The first Predict after construction, in a fresh process each launch: the generated kernels carry
    /// AggressiveOptimization, so the first call runs optimized code instead of a multi-millisecond tier-0 phase.
    /// </summary>
    [SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
    public class StartupBenchmarks
    {
        private Mlp784 _mlp = null!;
        private readonly float[] _image = new float[784];
        private readonly float[] _probabilities = new float[10];

        [IterationSetup]
        public void Construct() => _mlp = new Mlp784(seed: 1);

        /// <summary>The very first prediction of a new process (JIT included).</summary>
        [Benchmark]
        public void FirstPredict() => _mlp.Predict(_image, _probabilities);
    }

    /// <summary>
    /// Adam steps where half the pixels are almost always zero (as Fashion-MNIST's border: each is non-zero in
    /// 0.5% of the samples) against steps on dense data. A weight whose input is rarely non-zero gets a gradient now
    /// and then, and its Adam moments then decay through the subnormal range, where every multiply takes a microcode
    /// assist (35-80x slower) unless the optimizer flushes them, which the generated one does. Both kinds of data must
    /// run at the same speed after thousands of steps.
    /// </summary>
    [MemoryDiagnoser]
    public class SubnormalBenchmarks
    {
        private const int Batches = 64;
        private Mlp784 _mlp = null!;
        private float[][] _x = null!;
        private int[] _y = null!;
        private int _next;

        /// <summary>Dense inputs, or inputs whose first 392 pixels are rarely non-zero.</summary>
        [Params("Dense", "RarelyNonZeroBorder")]
        public string Data { get; set; } = "Dense";

        [GlobalSetup]
        public void Setup()
        {
            var rng = new Random(1);
            _mlp = new Mlp784(seed: 1);
            _x = new float[Batches][];
            for (int b = 0; b < Batches; b++)
            {
                _x[b] = new float[32 * 784];
                for (int i = 0; i < _x[b].Length; i++)
                {
                    bool border = i % 784 < 392 && Data != "Dense";
                    _x[b][i] = border && rng.NextDouble() > 0.005 ? 0f : (float)rng.NextDouble();
                }
            }
            _y = new int[32];
            for (int n = 0; n < 32; n++) _y[n] = rng.Next(10);
            for (int s = 0; s < 3000; s++) AdamStep(); // into the steady state the benchmark is about
        }

        /// <summary>One Adam step at batch 32, cycling through 64 batches.</summary>
        [Benchmark]
        public float AdamStep() => _mlp.TrainBatch(_x[_next++ % Batches], _y);
    }
}
