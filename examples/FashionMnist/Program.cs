using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using FashionMnist;
using ModelGen;

// The main job: train the book's 300-100-10 MLP on Fashion-MNIST and report its test accuracy.
//
//   dotnet run --project examples/FashionMnist -c Release                      embedded subset (10,000 + 2,000 images)
//   dotnet run --project examples/FashionMnist -c Release -- --data data/fashion-mnist --epochs 10
//                                                                             full data from tools/fashion-mnist/fetch.sh
// Options: --data DIR, --epochs N (default 10), --batch N (default 32), --seed N (default 42), --save FILE,
//          --device cpu|opencl (default cpu; opencl runs the generated OpenCL kernels, MODELGEN_OPENCL_DEVICE picks one),
//          --curves FILE (the learning curves as SVG; default: next to the --save file as NAME.curves.svg, else
//          fashion-mnist-curves.svg in the current directory), --no-curves,
//          --find-lr (first run the learning-rate finder on a fresh copy of the model, write lr-finder.svg, print its suggestion).

var options = Options.Parse(args);
var (train, test) = options.DataDirectory is null
    ? FashionMnistData.LoadEmbedded()
    : FashionMnistData.LoadDirectory(options.DataDirectory);

// As in the book: the last 5,000 training images (a tenth of the subset) are held out for validation.
int validationCount = Math.Min(5000, train.Count / 10);
DataSet valid = train.Skip(train.Count - validationCount);
train = train.Take(train.Count - validationCount);
Console.WriteLine($"Fashion-MNIST ({(options.DataDirectory is null ? "embedded subset" : options.DataDirectory)}): " +
    $"{train.Count:N0} training, {valid.Count:N0} validation, {test.Count:N0} test images");

using var model = new FashionMlp(seed: options.Seed);
if (options.Device == "opencl") model.UseOpenCl();
Console.WriteLine($"FashionMlp: {model.ParameterCount:N0} parameters, seed {options.Seed}, running on " +
    (model.Device is { } device ? $"OpenCL: {device.Name}" : $"the CPU ({model.Threads} threads)"));

if (options.FindLearningRate)
{
    // The book's method: grow the rate exponentially over a few hundred batches and watch the loss. The model is left as it was.
    LearningRateFinderResult found = model.FindLearningRate(train.Images, train.Labels, minRate: 1e-6f, maxRate: 10f, steps: 300, batchSize: options.BatchSize);
    found.SaveSvg("lr-finder.svg", "FashionMlp: loss against learning rate");
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
        "Learning-rate finder: lowest smoothed loss at {0:G3}, suggested rate {1:G3} (model trains with {2:G3}); wrote {3}",
        found.Rates[found.MinimumIndex], found.SuggestedRate, model.LearningRate, Path.GetFullPath("lr-finder.svg")));
}

var clock = Stopwatch.StartNew();
History history = model.Fit(train.Images, train.Labels, epochs: options.Epochs, batchSize: options.BatchSize,
    validation: (valid.Images, valid.Labels));
Console.WriteLine($"Trained {history.Epochs} epochs in {clock.Elapsed.TotalSeconds:F1} s");

var (loss, accuracy) = model.Evaluate(test.Images, test.Labels);
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Test loss: {0:F4}  Test accuracy: {1:P2}", loss, accuracy));

// One prediction as an application would make it: span in, span out, no allocation.
Span<float> probabilities = stackalloc float[10];
model.Predict(test.Images.AsSpan(0, DataSet.Pixels), probabilities);
int predicted = model.PredictClass(test.Images.AsSpan(0, DataSet.Pixels));
Console.WriteLine($"First test image: predicted {FashionMnistData.ClassNames[predicted]} " +
    $"({probabilities[predicted]:P1}), actually {FashionMnistData.ClassNames[test.Labels[0]]}");

if (options.SavePath is { } path)
{
    model.Save(path);
    Console.WriteLine($"Saved the weights to {Path.GetFullPath(path)}");
}

// The learning curves (loss and accuracy per epoch, training against validation), an SVG any browser opens.
if (options.Curves)
{
    string curves = options.CurvesPath
        ?? (options.SavePath is { } saved ? Path.ChangeExtension(saved, ".curves.svg") : "fashion-mnist-curves.svg");
    history.SaveSvg(curves, $"FashionMlp on Fashion-MNIST, seed {options.Seed}");
    Console.WriteLine($"Wrote the learning curves to {Path.GetFullPath(curves)}");
}

/// <summary>The example's command line.</summary>
internal sealed record Options(string? DataDirectory, int Epochs, int BatchSize, int Seed, string? SavePath, string Device,
    bool Curves = true, string? CurvesPath = null, bool FindLearningRate = false)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(null, 10, 32, 42, null, "cpu");
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--data" => o with { DataDirectory = Value() },
                "--epochs" => o with { Epochs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--batch" => o with { BatchSize = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--save" => o with { SavePath = Value() },
                "--curves" => o with { Curves = true, CurvesPath = Value() },
                "--no-curves" => o with { Curves = false },
                "--find-lr" => o with { FindLearningRate = true },
                "--device" => o with { Device = Value() switch { "cpu" => "cpu", "opencl" => "opencl", var d => throw new ArgumentException($"--device takes cpu or opencl, not '{d}'") } },
                _ => throw new ArgumentException($"unknown option '{args[i]}': use --data DIR, --epochs N, --batch N, --seed N, --save FILE, --device cpu|opencl, --curves FILE, --no-curves, --find-lr"),
            };
        }
        return o;
    }
}
