using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ModelGen.OpenCl;

namespace ModelGen.Benchmarks
{
    /// <summary>
    /// End-to-end timings of the 784-300-100-10 MLP on the OpenCL backend (the default device, or the one
    /// MODELGEN_OPENCL_DEVICE names). On PoCL (the CPU) the SIMD C# path is expected to win by far; the same suite runs
    /// unchanged where a GPU is present.
    /// </summary>
    [MemoryDiagnoser]
    public class OpenClBenchmarks
    {
        private Mlp784 _mlp = null!;
        private float[] _x = null!, _image = null!, _probabilities = null!;
        private int[] _y = null!;

        /// <summary>Samples per training step.</summary>
        [Params(32, 128)]
        public int Batch { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var rng = new Random(1);
            _mlp = new Mlp784(seed: 1);
            _mlp.UseOpenCl();
            _x = new float[Batch * 784];
            for (int i = 0; i < _x.Length; i++) _x[i] = (float)rng.NextDouble();
            _y = new int[Batch];
            for (int i = 0; i < _y.Length; i++) _y[i] = rng.Next(10);
            _image = _x.AsSpan(0, 784).ToArray();
            _probabilities = new float[10];
        }

        [GlobalCleanup]
        public void Cleanup() => _mlp.Dispose();

        /// <summary>Upload, forward, loss, backward, Adam, metrics download.</summary>
        [Benchmark]
        public float AdamStep() => _mlp.TrainBatch(_x, _y);

        /// <summary>One sample: upload, forward, output download.</summary>
        [Benchmark]
        public void PredictOneSample() => _mlp.Predict(_image, _probabilities);
    }

    /// <summary>
    /// <c>dotnet run -c Release --project benchmarks/ModelGen.Benchmarks -- opencl-profile [batch] [steps]</c>: device time
    /// of every generated kernel, from OpenCL profiling events, averaged over training steps.
    /// </summary>
    public static class OpenClProfile
    {
        /// <summary>Runs the profile and prints one line per kernel.</summary>
        public static void Run(string[] args)
        {
            int batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
            int steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
            using var model = new Mlp784(seed: 1);
            model.UseOpenCl(profiling: true);
            var rng = new Random(1);
            var x = new float[batch * 784];
            for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
            var y = new int[batch];
            for (int i = 0; i < y.Length; i++) y[i] = rng.Next(10);
            OpenClSession cl = model.OpenClSession!;
            var totals = new Dictionary<string, double>();
            for (int s = 0; s < steps + 5; s++)
            {
                model.TrainBatch(x, y);
                if (s < 5) continue; // first launches compile per work-group shape
                foreach (OpenClKernel k in cl.Kernels)
                {
                    totals.TryGetValue(k.Name, out double t);
                    totals[k.Name] = t + k.LastLaunchMilliseconds;
                }
            }
            Console.WriteLine($"OpenCL device: {model.Device}; batch {batch}; {steps} Adam steps; device time per step:");
            foreach (var (name, total) in totals.OrderByDescending(p => p.Value))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-28} {total / steps * 1000,10:F1} us"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"all kernels",-28} {totals.Values.Sum() / steps * 1000,10:F1} us"));
        }
    }
}
