using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using FashionMnist;
using OnnxImport;

// A PyTorch-trained MLP, imported through ONNX, classifying the embedded Fashion-MNIST test subset.
//
//   dotnet publish examples/OnnxImport -c Release -r linux-x64
//   examples/OnnxImport/bin/Release/net8.0/linux-x64/publish/OnnxImport [--first] [--runs N]
//
// FashionClassifier.cs and FashionClassifier.safetensors are the output of tools/ModelGen.Onnx for
// fashion_classifier.onnx (made by train.py) with --frozen: the generator compiles the weights into the executable
// ([FrozenWeights], docs/embedding.md), so nothing is read at start-up. pytorch-predictions.txt is PyTorch's accuracy
// and predicted classes on the same 2,000 test images, so the two can be compared image by image.
//   --first   exit right after the first prediction, for timing the whole process from outside
//   --runs N  single-sample latency samples (default 20,000)

long start = Stopwatch.GetTimestamp();
bool firstOnly = Array.IndexOf(args, "--first") >= 0;
int runs = Array.IndexOf(args, "--runs") is var r and >= 0 && r + 1 < args.Length ? int.Parse(args[r + 1], CultureInfo.InvariantCulture) : 20_000;

using var model = new FashionClassifier(); // the weights are already in the image: this allocates the activation scratch only
long constructed = Stopwatch.GetTimestamp();
Span<float> probabilities = stackalloc float[10];
model.Predict(new float[DataSet.Pixels], probabilities); // a blank image: the first prediction, before any data is decoded
long predicted = Stopwatch.GetTimestamp();
Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
    "Main to first prediction: {0:F3} ms (construct {1:F3} ms, first Predict {2:F3} ms)",
    Stopwatch.GetElapsedTime(start, predicted).TotalMilliseconds, Stopwatch.GetElapsedTime(start, constructed).TotalMilliseconds,
    Stopwatch.GetElapsedTime(constructed, predicted).TotalMilliseconds));
if (firstOnly) return;

DataSet test = FashionMnistData.LoadEmbedded().Test;
string[] reference = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "pytorch-predictions.txt"));
int torchCorrect = int.Parse(reference[0].Split(' ')[0], CultureInfo.InvariantCulture);
string torchPredictions = reference[1];

int correct = 0, disagreements = 0;
for (int i = 0; i < test.Count; i++)
{
    int label = model.PredictClass(test.Images.AsSpan(i * DataSet.Pixels, DataSet.Pixels));
    if (label == test.Labels[i]) correct++;
    if (label != torchPredictions[i] - '0') disagreements++;
}
Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
    "Test accuracy on {0:N0} images: ModelGen {1:N0} ({2:P2}), PyTorch {3:N0} ({4:P2}); predictions differ on {5} images",
    test.Count, correct, (double)correct / test.Count, torchCorrect, (double)torchCorrect / test.Count, disagreements));

// Single-sample latency: each Predict timed on its own, after 2,000 warm-up calls, over the test images in turn.
for (int i = 0; i < 2_000; i++) model.Predict(test.Images.AsSpan(i % test.Count * DataSet.Pixels, DataSet.Pixels), probabilities);
var samples = new double[Math.Max(1, runs)];
for (int i = 0; i < samples.Length; i++)
{
    ReadOnlySpan<float> image = test.Images.AsSpan(i % test.Count * DataSet.Pixels, DataSet.Pixels);
    long t = Stopwatch.GetTimestamp();
    model.Predict(image, probabilities);
    samples[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
}
Array.Sort(samples);
Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
    "Single-sample Predict over {0:N0} calls: median {1:F2} us, p90 {2:F2} us, p99 {3:F2} us, min {4:F2} us",
    samples.Length, samples[samples.Length / 2], samples[samples.Length * 9 / 10], samples[samples.Length * 99 / 100], samples[0]));
