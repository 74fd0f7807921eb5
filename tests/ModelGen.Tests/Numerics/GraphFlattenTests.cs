using System;
using System.Linq;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Numerics
{
    /// <summary>Flatten as a graph node: the same numbers as the sequential [Flatten], and finite differences through it.</summary>
    public class GraphFlattenTests
    {
        [Fact]
        public void FlattenNode_PredictAndGradientsEqualTheSequentialFlatten()
        {
            var rng = new Random(3);
            float[] x = Enumerable.Range(0, 5 * 12).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] t = Enumerable.Range(0, 5 * 2).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            using var graph = new FlattenNodeOnly(1);
            using var sequential = new SequentialFlattenOnly(2);
            sequential.WriteParameter("Y.kernel", graph.ReadParameter("Y.kernel"));
            sequential.WriteParameter("Y.bias", new[] { 0.1f, -0.2f });
            graph.WriteParameter("Y.bias", new[] { 0.1f, -0.2f });
            Tolerance.AssertClose(sequential.PredictBatch(x), graph.PredictBatch(x), 1e-6, 1e-7, "Predict");
            float a = graph.ComputeGradients(x, t), b = sequential.ComputeGradients(x, t);
            Tolerance.AssertClose(b, a, 1e-6, 1e-7, "loss");
            Tolerance.AssertClose(sequential.ReadGradient("Y.kernel"), graph.ReadGradient("Y.kernel"), 1e-6, 1e-7, "kernel gradient");
        }

        [Fact]
        public void FlattenNodes_GradientsMatchFiniteDifferences()
        {
            var rng = new Random(4);
            const int Count = 4;
            float[] image = Enumerable.Range(0, Count * 12).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] left = Enumerable.Range(0, Count * 6).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] right = Enumerable.Range(0, Count * 6).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float[] x = FlattenNodesNet.PackInputs(image, left, right);
            float[] t = Enumerable.Range(0, Count * 2).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            using var model = new FlattenNodesNet(5);
            model.WriteParameter("RightHidden.bias", Enumerable.Range(0, 6).Select(i => 0.05f * i - 0.1f).ToArray());
            string[] tensors = new[] { "RightHidden.kernel", "RightHidden.bias", "Y.kernel", "Y.bias" };
            // Every analytic gradient is read before any perturbation: each finite difference leaves the gradients of a perturbed model behind.
            model.ComputeGradients(x, t);
            var gradients = tensors.ToDictionary(n => n, n => model.ReadGradient(n));
            const float H = 1e-2f;
            foreach (string name in tensors)
            {
                float[] analytic = gradients[name];
                float[] numeric = CentralDifferences.Of(model, name, x, t, H);
                Tolerance.AssertClose(numeric, analytic, Tolerance.FiniteDifference, Tolerance.FiniteDifferenceFloor, name + " gradient vs finite differences");
                Assert.True(numeric.Max(Math.Abs) > 3 * Tolerance.FiniteDifferenceFloor, $"{name}: gradients too small for the check to bite");
            }
        }
    }
}
