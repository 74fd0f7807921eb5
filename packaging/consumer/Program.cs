using System;
using ModelGen;

// XOR, the smallest problem a hidden layer is needed for, trained through the ModelGen package as a user would use
// it. Exits 0 only if all four points are classified correctly.

float[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
int[] y = { 0, 1, 1, 0 };

using var model = new Xor(seed: 7);
History history = model.Fit(x, y, epochs: 500, batchSize: 4, verbose: false);
var (loss, accuracy) = model.Evaluate(x, y);

int correct = 0;
Span<float> p = stackalloc float[2];
for (int i = 0; i < y.Length; i++)
{
    ReadOnlySpan<float> input = x.AsSpan(2 * i, 2);
    model.Predict(input, p);
    int label = model.PredictClass(input);
    if (label == y[i]) correct++;
    Console.WriteLine($"  {input[0]} xor {input[1]} -> {label}  (p = {p[0]:F3}, {p[1]:F3})");
}
Console.WriteLine($"XOR after {history.Epochs} epochs on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}: " +
    $"loss {loss:F4}, accuracy {accuracy:P0}, {correct}/4 correct");
return correct == y.Length && accuracy == 1f ? 0 : 1;

/// <summary>2 → 8 tanh → 2 softmax: everything but these attributes is written by ModelGen's generator.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.05f)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class Xor;
