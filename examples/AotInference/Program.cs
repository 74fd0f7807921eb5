using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using FashionMnist;
using ModelGen;

// Inference from a NativeAOT executable: no JIT, no runtime to install, start-up in milliseconds.
//
//   dotnet publish examples/AotInference -c Release -r linux-x64
//   examples/AotInference/bin/Release/net8.0/linux-x64/publish/AotInference [WEIGHTS.safetensors] [options]
//
// WEIGHTS: a safetensors file of this model (for example from examples/FashionMnist with --save); without one the
// weights are the seed's. Options:
//   --seed N            the seed whose weights are drawn (default 42)
//   --save FILE         write the weights in use, to load back
//   --first             exit right after the first prediction, for timing the whole process from outside
//   --runs N            single-sample latency samples (default 20,000)
//   --threads 1|2       kernel threads (default 2 where there are two cores)
//   --device cpu|opencl default cpu; opencl needs libOpenCL.so.1 and a driver (README). It is here also so that the
//                       OpenCL binding is compiled, and checked for trimming and AOT, ahead of time.

long start = Stopwatch.GetTimestamp();
var options = Options.Parse(args);
string[] classNames = { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };

using var model = new FashionMlp(seed: options.Seed);   // allocates the arenas and draws the seed's weights
long constructed = Stopwatch.GetTimestamp();
if (options.WeightsPath is { } weights) model.Load(weights);
if (options.Threads is { } threads) model.Threads = threads;
if (options.Device == "opencl") model.UseOpenCl();
long loaded = Stopwatch.GetTimestamp();

float[] images = SyntheticImages.Make();
Span<float> probabilities = stackalloc float[10];
model.Predict(SyntheticImages.Get(images, 0), probabilities);
long predicted = Stopwatch.GetTimestamp();

Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
    "Main to first prediction: {0:F2} ms (construct {1:F2} ms, load {2:F2} ms{5}, first Predict {3:F1} us; weights: {4})",
    Milliseconds(start, predicted), Milliseconds(start, constructed), Milliseconds(constructed, loaded),
    Milliseconds(loaded, predicted) * 1000, options.WeightsPath ?? $"seed {options.Seed}",
    options.Device == "opencl" ? " and OpenCL set-up" : ""));
if (options.FirstOnly) return;

Console.WriteLine($"{RuntimeDescription()}; 512-bit vectors: {Vector512.IsHardwareAccelerated}, " +
    $"256-bit: {Vector256.IsHardwareAccelerated}; " +
    (model.Device is { } device ? $"OpenCL: {device.Name}" : $"CPU threads: {model.Threads}"));
for (int i = 0; i < SyntheticImages.Names.Length; i++)
{
    ReadOnlySpan<float> image = SyntheticImages.Get(images, i);
    model.Predict(image, probabilities);
    int label = model.PredictClass(image);
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
        "  {0,-14} -> {1,-11} ({2:P1})", SyntheticImages.Names[i], classNames[label], probabilities[label]));
}

// Single-sample latency: each Predict timed on its own, after a warm-up of as many calls (2,000 at most), over the
// synthetic images in turn.
for (int i = 0; i < Math.Min(2_000, options.Runs); i++) model.Predict(SyntheticImages.Get(images, i), probabilities);
var samples = new double[options.Runs];
for (int i = 0; i < samples.Length; i++)
{
    ReadOnlySpan<float> image = SyntheticImages.Get(images, i);
    long t = Stopwatch.GetTimestamp();
    model.Predict(image, probabilities);
    samples[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
}
Array.Sort(samples);
Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
    "Single-sample Predict over {0:N0} calls: median {1:F2} us, p90 {2:F2} us, p99 {3:F2} us, min {4:F2} us",
    samples.Length, samples[samples.Length / 2], samples[samples.Length * 9 / 10], samples[samples.Length * 99 / 100], samples[0]));

if (options.SavePath is { } path)
{
    model.Save(path);
    Console.WriteLine($"Saved the weights to {path}");
}

static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

static string RuntimeDescription() =>
    (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT") + ", " +
    System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

/// <summary>The example's command line.</summary>
internal sealed record Options(string? WeightsPath, int Seed, string? SavePath, bool FirstOnly, int Runs, int? Threads, string Device)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(null, 42, null, false, 20_000, null, "cpu");
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--seed" => o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--save" => o with { SavePath = Value() },
                "--first" => o with { FirstOnly = true },
                "--runs" => o with { Runs = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--threads" => o with { Threads = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--device" => o with { Device = Value() switch { "cpu" => "cpu", "opencl" => "opencl", var d => throw new ArgumentException($"--device takes cpu or opencl, not '{d}'") } },
                var a when !a.StartsWith("--", StringComparison.Ordinal) && o.WeightsPath is null => o with { WeightsPath = a },
                _ => throw new ArgumentException($"unknown argument '{args[i]}': use [WEIGHTS.safetensors] --seed N, --save FILE, --first, --runs N, --threads N, --device cpu|opencl"),
            };
        }
        return o;
    }
}

/// <summary>A few 28×28 inputs drawn in code, so the example needs no data set: shapes, not photographs.</summary>
internal static class SyntheticImages
{
    /// <summary>Values per image.</summary>
    public const int Pixels = 28 * 28;

    /// <summary>What each image shows.</summary>
    public static readonly string[] Names = { "blank", "two legs", "wide block", "low wedge" };

    /// <summary>The images, one after another, pixels in [0, 1].</summary>
    public static float[] Make()
    {
        var x = new float[Names.Length * Pixels];
        for (int r = 0; r < 28; r++)
        {
            for (int c = 0; c < 28; c++)
            {
                x[1 * Pixels + r * 28 + c] = r >= 3 && ((c >= 7 && c <= 12) || (c >= 15 && c <= 20)) || (r < 8 && c >= 7 && c <= 20) ? 0.8f : 0f;
                x[2 * Pixels + r * 28 + c] = r >= 4 && r <= 24 && c >= 4 && c <= 23 ? 0.6f : 0f;
                x[3 * Pixels + r * 28 + c] = r >= 16 && r <= 24 && c >= 2 && c <= 25 && c - 2 <= (r - 16) * 3 ? 0.7f : 0f;
            }
        }
        return x;
    }

    /// <summary>Image <paramref name="i"/> modulo the number of images.</summary>
    public static ReadOnlySpan<float> Get(float[] images, int i) => images.AsSpan(i % Names.Length * Pixels, Pixels);
}
