using BenchmarkDotNet.Running;

// Every benchmark of the suite; pick with --filter, e.g. --filter '*Inference*'. See benchmarks/RESULTS.md.
BenchmarkSwitcher.FromAssembly(typeof(ModelGen.Benchmarks.InferenceBenchmarks).Assembly).Run(args);
