using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// Layer (a): whole generated files compared with committed snapshots (Snapshots/{TestName}.g.cs.txt). Every run
    /// also asserts layer (c): the generated code compiles with the declaration, with no error and no warning.
    /// </summary>
    public sealed partial class SnapshotTests
    {
        [Fact]
        public void FashionMlp_MatchesSnapshot()
        {
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace Fashion
                {
                    [Model(Loss = Loss.SparseCategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
                    [Input(28, 28)]
                    [Flatten]
                    [Dense(300, Activation.Relu, KernelInit = Init.HeNormal)]
                    [Dense(100, Activation.Relu, KernelInit = Init.HeNormal)]
                    [Dense(10, Activation.Softmax)]
                    public partial class FashionMlp;
                }
                """);

            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("Fashion.FashionMlp.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }

        [Fact]
        public void TinyTanhRegressor_MatchesSnapshot()
        {
            // 8*16, 16*16 and 16*1 weights are all within the default UnrollThreshold of 256: every layer is unrolled.
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace Regression.Tiny
                {
                    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f)]
                    [Input(8)]
                    [Dense(16, Activation.Tanh)]
                    [Dense(16, Activation.Tanh)]
                    [Dense(1)]
                    public partial class TinyTanhRegressor;
                }
                """);

            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("Regression.Tiny.TinyTanhRegressor.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }

        [Fact]
        public void GlobalNamespaceLogitsSgdClassifier_MatchesSnapshot()
        {
            // No namespace; from logits; SGD; a bias-free hidden layer of 45 units (one block of 4 vectors, one vector,
            // a scalar tail of 5) and named layers.
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, UnrollThreshold = 0)]
                [Input(20)]
                [Dense(45, Activation.Relu, UseBias = false, Name = "hidden")]
                [Dense(3, Name = "logits")]
                public partial class LogitsClassifier;
                """);

            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("LogitsClassifier.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }
    }
}
