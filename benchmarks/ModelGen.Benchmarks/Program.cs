using BenchmarkDotNet.Running;
using ModelGen.Benchmarks;

// Every benchmark of the suite; pick with --filter, e.g. --filter '*Inference*'. See benchmarks/RESULTS.md.
// "opencl-profile [batch] [steps]" prints the device time of each generated OpenCL kernel instead.
if (args.Length > 0 && args[0] == "opencl-profile")
{
    OpenClProfile.Run(args);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(InferenceBenchmarks).Assembly).Run(args);
