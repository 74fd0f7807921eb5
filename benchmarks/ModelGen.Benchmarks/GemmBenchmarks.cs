using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ModelGen.Benchmarks
{
    /// <summary>
    /// The three dense GEMMs alone, as generated for a [784] -> [300] layer: forward Y[M,300] = X[M,784]·W,
    /// input gradient dX[M,784] = dY[M,300]·W^T, kernel gradient dW[784,300] = X^T·dY[M,300]. GFLOP/s and the
    /// percentage of this core's measured FMA peak are extra columns.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(GemmConfig))]
    public unsafe class GemmBenchmarks
    {
        private GemmShapes _model = null!;
        private float* _x, _y, _dy, _dx;

        /// <summary>Samples (M).</summary>
        [Params(32, 128)]
        public int Batch { get; set; }

        /// <summary>Threads the kernels may use.</summary>
        [Params(1, 2)]
        public int Threads { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _model = new GemmShapes(seed: 1) { Threads = Threads };
            var rng = new Random(1);
            _x = Buffer(Batch * 784, rng);
            _dx = Buffer(Batch * 784, rng);
            _y = Buffer(Batch * 304, rng);
            _dy = Buffer(Batch * 304, rng);
        }

        private static float* Buffer(int length, Random rng)
        {
            var p = (float*)NativeMemory.AlignedAlloc((nuint)(length * sizeof(float)), 64);
            for (int i = 0; i < length; i++) p[i] = (float)rng.NextDouble();
            return p;
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            NativeMemory.AlignedFree(_x);
            NativeMemory.AlignedFree(_dx);
            NativeMemory.AlignedFree(_y);
            NativeMemory.AlignedFree(_dy);
            _model.Dispose();
        }

        [Benchmark]
        public void Forward() => _model.Dense1Forward(_y, _x, Batch);

        [Benchmark]
        public void InputGradient() => _model.Dense1InputGradient(_dx, _dy, Batch);

        [Benchmark]
        public void KernelGradient() => _model.Dense1KernelGradient(_x, _dy, Batch);

        private sealed class GemmConfig : ManualConfig
        {
            public GemmConfig()
            {
                AddColumn(new Throughput(percentOfPeak: false), new Throughput(percentOfPeak: true));
            }
        }

        /// <summary>GFLOP/s (2·M·784·300 flops per call), or that as a percentage of one core's FMA peak.</summary>
        private sealed class Throughput : IColumn
        {
            private readonly bool _percent;

            public Throughput(bool percentOfPeak) => _percent = percentOfPeak;

            public string Id => _percent ? "PercentOfPeak" : "GFlops";
            public string ColumnName => _percent ? $"% of 1-core peak ({FmaPeak.Gflops:F0} GFLOP/s)" : "GFLOP/s";
            public bool AlwaysShow => true;
            public ColumnCategory Category => ColumnCategory.Custom;
            public int PriorityInCategory => _percent ? 1 : 0;
            public bool IsNumeric => true;
            public UnitType UnitType => UnitType.Dimensionless;
            public string Legend => _percent ? "GFLOP/s divided by the FMA peak of one core, measured by this suite" : "Billions of floating-point operations per second";
            public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
            public bool IsAvailable(Summary summary) => true;
            public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

            public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            {
                BenchmarkReport? report = summary[benchmarkCase];
                if (report?.ResultStatistics is null) return "n/a";
                int batch = (int)benchmarkCase.Parameters["Batch"];
                double gflops = 2.0 * batch * 784 * 300 / report.ResultStatistics.Mean; // flops per ns = GFLOP/s
                return _percent
                    ? (100 * gflops / FmaPeak.Gflops).ToString("F0", CultureInfo.InvariantCulture) + "%"
                    : gflops.ToString("F1", CultureInfo.InvariantCulture);
            }
        }
    }
}
