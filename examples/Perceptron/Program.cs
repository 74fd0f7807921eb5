// The perceptron chapter in ModelGen: a single threshold unit trained by the perceptron rule learns the linearly
// separable gates NAND, AND and OR, and fails on XOR however long it trains; a two-layer network trained by
// backpropagation learns XOR.
using System;
using System.Linq;
using ModelGen;
using Perceptron;

float[] inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
(string Name, float[] Targets)[] gates =
{
    ("NAND", new[] { 1f, 1f, 1f, 0f }),
    ("AND", new[] { 0f, 0f, 0f, 1f }),
    ("OR", new[] { 0f, 1f, 1f, 1f }),
    ("XOR", new[] { 0f, 1f, 1f, 0f }),
};

Console.WriteLine("One threshold unit, perceptron rule (η = 1, one instance at a time, 25 epochs):");
foreach ((string name, float[] targets) in gates)
{
    using var unit = new ThresholdUnit(seed: 1);
    History history = unit.Fit(inputs, targets, epochs: 25, batchSize: 1, verbose: false);
    float[] outputs = PredictAll(unit, inputs);
    int firstClean = history.Loss.FindIndex(errorRate => errorRate == 0f);
    float[] w = unit.ReadParameter("dense.kernel"), b = unit.ReadParameter("dense.bias");
    Console.WriteLine($"  {name,-4} outputs {Format(outputs)} (targets {Format(targets)})  " +
        (firstClean >= 0 ? $"learned: no mistake from epoch {firstClean + 1}; w = [{w[0]:0.##}, {w[1]:0.##}], b = {b[0]:0.##}"
                         : $"not learned: still {history.Loss[^1] * 4:0} mistake(s) per epoch after 25 (no line separates XOR's classes)"));
}

Console.WriteLine();
Console.WriteLine("XOR by a 2-4-1 network trained with backpropagation (binary cross-entropy, Adam, 300 epochs):");
using (var mlp = new XorMlp(seed: 3))
{
    History history = mlp.Fit(inputs, gates[3].Targets, epochs: 300, batchSize: 4, verbose: false);
    float[] probabilities = PredictAll(mlp, inputs);
    Console.WriteLine($"  outputs {string.Join(" ", probabilities.Select(p => p.ToString("0.00")))} -> " +
        $"{Format(probabilities.Select(p => p > 0.5f ? 1f : 0f).ToArray())} (targets {Format(gates[3].Targets)}), final loss {history.Loss[^1]:0.0000}");
}

static float[] PredictAll(CompiledModel model, float[] inputs)
{
    var outputs = new float[inputs.Length / 2];
    for (int n = 0; n < outputs.Length; n++) model.Predict(inputs.AsSpan(n * 2, 2), outputs.AsSpan(n, 1));
    return outputs;
}

static string Format(float[] values) => string.Join("", values.Select(v => v.ToString("0")));
