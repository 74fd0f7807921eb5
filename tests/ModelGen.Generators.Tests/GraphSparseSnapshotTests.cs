using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// The generated code of a functional model with an integer-label output (sparse categorical cross-entropy on
    /// softmax probabilities, with accuracy), a regression output and a Huber output with its own delta: the packed
    /// target columns, the label checks, the loss, gradient and metric of each, and the int[] typed API.
    /// </summary>
    public sealed class GraphSparseSnapshotTests
    {
        private const string Source = """
            using ModelGen;

            namespace Digits;

            [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
            public partial class TwoHeads
            {
                [Input(4)] public static Node X { get; }
                [Dense(8, Activation.Relu, From = nameof(X))] public static Node Hidden { get; }
                [Dense(2, From = nameof(Hidden), Name = "reg")][Output(LossWeight = 0.5f)] public static Node Reg { get; }
                [Dense(3, Activation.Softmax, From = nameof(Hidden), Name = "cls")]
                [Output(Loss = Loss.SparseCategoricalCrossEntropy, Metrics = new[] { Metric.Accuracy })]
                public static Node Cls { get; }
                [Dense(1, From = nameof(Hidden), Name = "robust")][Output(Loss = Loss.Huber, HuberDelta = 0.25f, LossWeight = 0.2f)] public static Node Robust { get; }
            }
            """;

        [Fact]
        public void SparseAndHuberDeltaOutputs_GeneratedCodeMatchesSnapshot()
        {
            GeneratorRun run = GraphTests.RunGraph(Source);
            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            string text = source.SourceText.ToString();
            Assert.Contains("targetSize: 4", text); // reg 2 + cls 1 + robust 1, where the outputs take 6 floats
            Assert.Contains("public static float[] PackTargets(float[] reg, int[] cls, float[] robust)", text);
            Assert.Contains("(float[] reg, int[] cls, float[] robust) y", text);
            Assert.Contains("HuberSum(y + n * 16, Targets + n * 4 + 3, 1, 0.25f)", text);
            Assert.DoesNotContain("labelsAsTargets", text); // three outputs: the base class's int[] overloads do not apply
            Snapshot.Match(text);
        }
    }
}
