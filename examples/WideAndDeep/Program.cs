using System;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelGen;
using ModelGen.OpenCl;
using WideAndDeepExample;

// Wide & deep regression on scikit-learn's diabetes data (Data/diabetes.csv, exported by Data/export_diabetes.py):
// both book variants, a residual MLP and a plain MLP baseline, each reporting the test RMSE in the target's units.
//
// Standardization: every model standardizes its features itself, with a Normalization layer adapted on the training
// rows (Keras' norm_layer.adapt(X_train)), so the features go in raw. The target is still standardized here with the
// training split's mean and standard deviation (the book leaves the housing target alone; the diabetes target's spread
// of 75.6 would need far more epochs at Adam's 1e-3), and RMSEs are reported back in the target's units.

//
// Usage: WideAndDeep [epochs] [--opencl]. With --opencl every model trains and predicts on the default OpenCL device
// (MODELGEN_OPENCL_DEVICE picks another), the graph models included; the RMSEs match the CPU run's to float rounding.

const int Seed = 42, BatchSize = 32;
bool openCl = args.Contains("--opencl");
string[] numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
int Epochs = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 40;
string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "diabetes.csv")).Skip(1).ToArray();
float[][] rows = lines.Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
var rng = new Random(Seed);
rows = rows.OrderBy(_ => rng.Next()).ToArray();
int trainCount = rows.Length * 4 / 5;
float[][] train = rows[..trainCount], test = rows[trainCount..];

// Training-split statistics of the target (column 10); the features are the Normalization layers' business.
double[] mean = Enumerable.Range(0, 11).Select(c => train.Average(r => (double)r[c])).ToArray();
double[] std = Enumerable.Range(0, 11).Select(c => Math.Sqrt(train.Average(r => Math.Pow(r[c] - mean[c], 2)))).ToArray();
float[] Features(float[][] set, int from, int count) => set.SelectMany(r => Enumerable.Range(from, count).Select(c => r[c])).ToArray();
float[] Target(float[][] set) => set.Select(r => (float)((r[10] - mean[10]) / std[10])).ToArray();
double Rmse(float[] predicted, float[][] set) =>
    Math.Sqrt(set.Select((r, n) => Math.Pow(predicted[n] * std[10] + mean[10] - r[10], 2)).Average());

float[] xTrain = Features(train, 0, 10), xTest = Features(test, 0, 10);
float[] yTrain = Target(train);
Console.WriteLine($"diabetes: {train.Length} training rows, {test.Length} test rows; target std {std[10]:F1}; {Epochs} epochs, batch {BatchSize}");
// The backend: the C# kernels, or the OpenCL program of each model (its parameters move to the device once).
T On<T>(T model) where T : CompiledModel
{
    if (openCl) model.UseOpenCl();
    return model;
}
Console.WriteLine(openCl ? $"backend: OpenCL ({OpenClDevices.Default().Name})" : "backend: CPU (generated SIMD C#)");

using (var mlp = On(new PlainMlp(Seed)))
{
    mlp.Adapt(xTrain);
    mlp.Fit(xTrain, yTrain, Epochs, BatchSize, verbose: false);
    Console.WriteLine($"plain MLP                        test RMSE {Rmse(mlp.PredictBatch(xTest), test),6:F2}");
}

using (var same = On(new WideAndDeepSameInput(Seed)))
{
    same.AdaptNorm(xTrain);
    same.Fit(xTrain, yTrain, Epochs, BatchSize, verbose: false);
    Console.WriteLine($"wide & deep, same input          test RMSE {Rmse(same.PredictBatch(xTest), test),6:F2}");
}

using (var two = On(new WideAndDeepTwoInputs(Seed)))
{
    // Wide: age, sex, bmi, bp, s1 (columns 0-4); deep: bmi ... s6 (columns 2-9); bmi, bp and s1 go to both.
    two.AdaptNormWide(Features(train, 0, 5));
    two.AdaptNormDeep(Features(train, 2, 8));
    History history = two.Fit((Features(train, 0, 5), Features(train, 2, 8)), (yTrain, yTrain), Epochs, BatchSize, verbose: false);
    float[] packed = two.PredictBatch(WideAndDeepTwoInputs.PackInputs(Features(test, 0, 5), Features(test, 2, 8)));
    float[] main = Enumerable.Range(0, test.Length).Select(n => packed[n * 2]).ToArray();
    float[] aux = Enumerable.Range(0, test.Length).Select(n => packed[n * 2 + 1]).ToArray();
    Console.WriteLine($"wide & deep, two inputs: main    test RMSE {Rmse(main, test),6:F2}   (loss weight 0.9)");
    Console.WriteLine($"wide & deep, two inputs: aux     test RMSE {Rmse(aux, test),6:F2}   (loss weight 0.1)");
    Console.WriteLine($"  last epoch (standardized target): {history.FormatEpoch(history.Epochs - 1)}");
}

using (var residual = On(new ResidualMlp(Seed)))
{
    residual.AdaptNorm(xTrain);
    residual.Fit(xTrain, yTrain, Epochs, BatchSize, verbose: false);
    Console.WriteLine($"residual MLP                     test RMSE {Rmse(residual.PredictBatch(xTest), test),6:F2}");
}

Console.WriteLine();
Console.WriteLine(WideAndDeepTwoInputs.Summary());
