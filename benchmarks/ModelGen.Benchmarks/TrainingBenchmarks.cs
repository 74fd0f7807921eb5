using System;
using BenchmarkDotNet.Attributes;

namespace ModelGen.Benchmarks
{
    /// <summary>One Adam training step of the 784-300-100-10 MLP (samples/s = batch / time).</summary>
    [MemoryDiagnoser]
    public class TrainingBenchmarks
    {
        private Mlp784 _mlp = null!;
        private float[] _x = null!;
        private int[] _y = null!;

        /// <summary>Samples per step.</summary>
        [Params(32, 128)]
        public int Batch { get; set; }

        /// <summary>Threads the kernels may use.</summary>
        [Params(1, 2)]
        public int Threads { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var rng = new Random(1);
            _mlp = new Mlp784(seed: 1) { Threads = Threads };
            _x = new float[Batch * 784];
            for (int i = 0; i < _x.Length; i++) _x[i] = (float)rng.NextDouble();
            _y = new int[Batch];
            for (int i = 0; i < _y.Length; i++) _y[i] = rng.Next(10);
        }

        [Benchmark]
        public float AdamStep() => _mlp.TrainBatch(_x, _y);
    }
}
