using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// The activations of the toolbox in a whole generated file: register forms (leaky ReLU) in the micro-kernels,
    /// row passes with and without a z buffer (ELU; GELU, PReLU, RReLU, learned Swish), the learned tensors and
    /// their gradients, RReLU's training switch, and the OpenCL program without the fully fused kernels.
    /// </summary>
    public sealed class ActivationSnapshotTests
    {
        [Fact]
        public void ToolboxActivations_MatchSnapshot()
        {
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace Toolbox
                {
                    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.001f, UnrollThreshold = 64)]
                    [Input(4)]
                    [Dense(8, Activation.Gelu)]
                    [Dense(20, Activation.PRelu)]
                    [Dense(8, Activation.RRelu, RReluLower = 0.1f, RReluUpper = 0.3f)]
                    [Dense(8, Activation.Swish, LearnBeta = true)]
                    [Dense(8, Activation.LeakyRelu, NegativeSlope = 0.1f)]
                    [Dense(2, Activation.Elu)]
                    public partial class ToolboxNet;
                }
                """);

            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("Toolbox.ToolboxNet.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }
    }
}
