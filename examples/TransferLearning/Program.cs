using System;
using System.Collections.Generic;
using System.Globalization;
using FashionMnist;
using ModelGen;
using TransferLearning;

// The book's transfer-learning experiment (Géron, Hands-On Machine Learning, chapter 11) on the embedded subset:
// model A learns the 8 classes other than sandal (5) and shirt (6); model B tells shirts from sandals from only 200
// images, once from scratch and once reusing A's hidden layers (frozen for 4 epochs, then unfrozen for 16, as Keras'
// layer.trainable = False / True and recompiling). The book's settings: plain SGD at 0.001 throughout, batch 32, A
// trained for 20 epochs, both B models for 20. Both B's test accuracies are printed.
//
//   dotnet run --project examples/TransferLearning -c Release [-- --seed N] [--data DIR]
//
// --data DIR reads the full data set (tools/fashion-mnist/fetch.sh writes data/fashion-mnist): model A then learns
// from 48,000 images and B is tested on 2,000, as in the book; B still gets only 200 training images.

int seed = 42;
string? dataDirectory = null;
for (int i = 0; i < args.Length; i += 2)
{
    string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"option '{args[i]}' needs a value");
    switch (args[i])
    {
        case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--data": dataDirectory = value; break;
        default: throw new ArgumentException($"unknown option '{args[i]}': use --seed N, --data DIR");
    }
}
var (train, test) = dataDirectory is null ? FashionMnistData.LoadEmbedded() : FashionMnistData.LoadDirectory(dataDirectory);
const int Sandal = 5, Shirt = 6;

// A's data: every image but sandals and shirts, labels 0..7 (7 -> 5, 8 -> 6, 9 -> 7).
DataSet trainA = Select(train, label => label != Sandal && label != Shirt, label => label < Sandal ? label : label - 2, int.MaxValue);
// B's data: sandals and shirts only, shirt = 1; 200 training images (the subset interleaves classes: about 100 each).
DataSet trainB = Select(train, label => label == Sandal || label == Shirt, label => label == Shirt ? 1 : 0, 200);
DataSet testB = Select(test, label => label == Sandal || label == Shirt, label => label == Shirt ? 1 : 0, int.MaxValue);
Console.WriteLine($"Model A: {trainA.Count:N0} training images of 8 classes; model B: {trainB.Count} training, {testB.Count} test images (shirt or sandal)");

using var a = new EightClasses(seed: seed);
a.Fit(trainA.Images, trainA.Labels, epochs: 20, batchSize: 32);
DataSet testA = Select(test, label => label != Sandal && label != Shirt, label => label < Sandal ? label : label - 2, int.MaxValue);
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Model A test accuracy (8 classes): {0:P2}", a.Evaluate(testA.Images, testA.Labels).Accuracy));

float[] targetsB = Targets(trainB), testTargetsB = Targets(testB);

// B from scratch: the same 200 images, the same 4 + 16 epochs.
using var scratch = new ShirtOrSandal(seed: seed);
scratch.Fit(trainB.Images, targetsB, epochs: 20, batchSize: 32);
float scratchAccuracy = BinaryAccuracy(scratch, testB, testTargetsB);

// B on A: copy A's hidden layers, train the new head alone for 4 epochs, then everything (the book keeps the rate).
string[] hidden = { "dense", "dense_1", "dense_2" };
using var reused = new ShirtOrSandal(seed: seed);
reused.CopyLayersFrom(a, hidden);
foreach (string layer in hidden) reused.Freeze(layer);
reused.Fit(trainB.Images, targetsB, epochs: 4, batchSize: 32);
foreach (string layer in hidden) reused.Unfreeze(layer);
reused.Fit(trainB.Images, targetsB, epochs: 16, batchSize: 32);
float reusedAccuracy = BinaryAccuracy(reused, testB, testTargetsB);

Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Model B from scratch:      test accuracy {0:P2}", scratchAccuracy));
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Model B reusing A's layers: test accuracy {0:P2}", reusedAccuracy));
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Error rate: {0:P2} -> {1:P2}", 1 - scratchAccuracy, 1 - reusedAccuracy));

static DataSet Select(DataSet data, Func<int, bool> keep, Func<int, int> relabel, int max)
{
    var images = new List<float>();
    var labels = new List<int>();
    for (int i = 0; i < data.Count && labels.Count < max; i++)
    {
        if (!keep(data.Labels[i])) continue;
        images.AddRange(new ArraySegment<float>(data.Images, i * DataSet.Pixels, DataSet.Pixels));
        labels.Add(relabel(data.Labels[i]));
    }
    return new DataSet(images.ToArray(), labels.ToArray());
}

static float[] Targets(DataSet data) => Array.ConvertAll(data.Labels, label => (float)label);

// Keras' binary accuracy: the sigmoid output thresholded at 0.5.
static float BinaryAccuracy(CompiledModel model, DataSet data, float[] targets)
{
    Span<float> output = stackalloc float[1];
    int right = 0;
    for (int i = 0; i < data.Count; i++)
    {
        model.Predict(data.Images.AsSpan(i * DataSet.Pixels, DataSet.Pixels), output);
        if ((output[0] > 0.5f ? 1f : 0f) == targets[i]) right++;
    }
    return (float)right / data.Count;
}
