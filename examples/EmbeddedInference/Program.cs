using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using EmbeddedInference;
using FashionMnist;
using ModelGen;

// Frozen inference from a NativeAOT executable: the weights are part of the program, so there is nothing to load.
//
//   dotnet publish examples/EmbeddedInference -c Release -r linux-x64
//   examples/EmbeddedInference/bin/Release/net8.0/linux-x64/publish/EmbeddedInference [--first] [--runs N]
//
//   --first    exit right after the first prediction, for timing the whole process from outside
//   --runs N   single-sample latency samples (default 20,000)
//
// Each frozen model is one declaration file and one line in `models` below: a second one (an ONNX import) goes beside
// FashionFrozen.

long start = Stopwatch.GetTimestamp();
bool firstOnly = Array.IndexOf(args, "--first") >= 0;
int runs = Array.IndexOf(args, "--runs") is var r && r >= 0 && r + 1 < args.Length ? int.Parse(args[r + 1], CultureInfo.InvariantCulture) : 20_000;

var models = new List<(string Name, FrozenModel Model)>
{
    ("Fashion-MNIST MLP, trained by examples/FashionMnist", new FashionFrozen()),
};

// Start-up to first prediction: construct (the activation scratch; the weights are already in the image) and predict.
float[] probe = new float[28 * 28];
Span<float> probabilities = stackalloc float[10];
models[0].Model.Predict(probe, probabilities);
long predicted = Stopwatch.GetTimestamp();
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Main to first prediction: {0:F3} ms", Stopwatch.GetElapsedTime(start, predicted).TotalMilliseconds));
if (firstOnly) return;

Console.WriteLine(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT");
(_, DataSet test) = FashionMnistData.LoadEmbedded();
foreach ((string name, FrozenModel model) in models)
{
    int correct = 0;
    for (int i = 0; i < test.Count; i++)
    {
        if (model.PredictClass(test.Images.AsSpan(i * model.InputSize, model.InputSize)) == test.Labels[i]) correct++;
    }
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: test accuracy {1:P2} ({2} of {3})", name, (double)correct / test.Count, correct, test.Count));

    // Single-sample latency: each Predict timed on its own after a warm-up, over the test images in turn.
    var output = new float[model.OutputSize];
    for (int i = 0; i < Math.Min(2_000, runs); i++) model.Predict(test.Images.AsSpan(i % test.Count * model.InputSize, model.InputSize), output);
    var samples = new double[runs];
    for (int i = 0; i < samples.Length; i++)
    {
        ReadOnlySpan<float> image = test.Images.AsSpan(i % test.Count * model.InputSize, model.InputSize);
        long t = Stopwatch.GetTimestamp();
        model.Predict(image, output);
        samples[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
    }
    Array.Sort(samples);
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
        "  single-sample Predict over {0:N0} calls: median {1:F2} us, p90 {2:F2} us, p99 {3:F2} us, min {4:F2} us",
        samples.Length, samples[samples.Length / 2], samples[samples.Length * 9 / 10], samples[samples.Length * 99 / 100], samples[0]));
    model.Dispose();
}
