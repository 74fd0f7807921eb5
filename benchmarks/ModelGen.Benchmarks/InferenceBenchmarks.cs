using System;
using BenchmarkDotNet.Attributes;

namespace ModelGen.Benchmarks
{
    /// <summary>Single-sample latency and batch-256 throughput of inference.</summary>
    [MemoryDiagnoser]
    public class InferenceBenchmarks
    {
        private Mlp784 _mlp = null!, _mlp2 = null!;
        private Tiny8 _tiny = null!;
        private float[] _image = null!, _probabilities = null!, _batch = null!, _batchOut = null!;
        private float[] _tinyIn = null!, _tinyOut = null!, _tiny16In = null!, _tiny16Out = null!;

        [GlobalSetup]
        public void Setup()
        {
            var rng = new Random(1);
            _mlp = new Mlp784(seed: 1) { Threads = 1 };
            _mlp2 = new Mlp784(seed: 1) { Threads = 2 };
            _tiny = new Tiny8(seed: 1);
            _image = Fill(new float[784], rng);
            _probabilities = new float[10];
            _batch = Fill(new float[256 * 784], rng);
            _batchOut = new float[256 * 10];
            _tinyIn = Fill(new float[8], rng);
            _tinyOut = new float[1];
            _tiny16In = Fill(new float[16 * 8], rng);
            _tiny16Out = new float[16];
        }

        private static float[] Fill(float[] a, Random rng)
        {
            for (int i = 0; i < a.Length; i++) a[i] = (float)rng.NextDouble();
            return a;
        }

        /// <summary>784-300-100-10, one sample, one thread.</summary>
        [Benchmark]
        public void Mlp784_OneSample() => _mlp.Predict(_image, _probabilities);

        /// <summary>784-300-100-10, one sample, the first layer split over two threads.</summary>
        [Benchmark]
        public void Mlp784_OneSample_TwoThreads() => _mlp2.Predict(_image, _probabilities);

        /// <summary>784-300-100-10, 256 samples (divide by 256 for per-sample time).</summary>
        [Benchmark(OperationsPerInvoke = 256)]
        public void Mlp784_Batch256() => _mlp.PredictBatch(_batch, _batchOut);

        /// <summary>8-16-16-1 tanh, one sample, each call depending on the previous output.</summary>
        [Benchmark(OperationsPerInvoke = 64)]
        public float Tiny_DependentCalls()
        {
            for (int i = 0; i < 64; i++)
            {
                _tiny.Predict(_tinyIn, _tinyOut);
                _tinyIn[0] = _tinyOut[0] * 1e-3f;
            }
            return _tinyOut[0];
        }

        /// <summary>8-16-16-1 tanh, 16 samples per call (divide by 16 for per-sample time).</summary>
        [Benchmark(OperationsPerInvoke = 16)]
        public void Tiny_16Samples() => _tiny.PredictBatch(_tiny16In, _tiny16Out);
    }
}
