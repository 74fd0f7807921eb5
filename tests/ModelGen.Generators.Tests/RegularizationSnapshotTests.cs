using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // Snapshots of regularizers, constraints, clipping and a frozen layer, in their own file of the SnapshotTests class.
    public sealed partial class SnapshotTests
    {
        [Fact]
        public void RegularizedClippedMaxNorm_MatchesSnapshot()
        {
            // L1L2 on a kernel, L2 on a bias, MaxNorm on a kernel, global-norm clipping: penalty in ComputeLoss, penalty
            // gradients after each layer's backward, clipping first in ApplyOptimizer, the constraint last; OpenCL
            // kernels for each, and the per-layer OpenCL path (not the fused MLP).
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace Regularized
                {
                    [Model(Optimizer = Optimizer.Adam, GlobalClipNorm = 1f)]
                    [Input(4)]
                    [Dense(8, Activation.Relu, KernelRegularizer = Regularizer.L1L2, KernelL1 = 0.001f, KernelL2 = 0.01f, KernelConstraint = Constraint.MaxNorm, MaxValue = 3f)]
                    [Dense(2, BiasRegularizer = Regularizer.L2)]
                    public partial class Net;
                }
                """);

            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("Regularized.Net.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }

        [Fact]
        public void FrozenFirstLayer_MatchesSnapshot()
        {
            // A frozen first layer: no backward for it at all, the optimizer loop skips its slice, the summary counts
            // its parameters as non-trainable.
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace Transfer
                {
                    [Model(Optimizer = Optimizer.Sgd, Momentum = 0.9f)]
                    [Input(4)]
                    [Dense(8, Activation.Relu, Trainable = false)]
                    [Dense(2, Name = "head")]
                    public partial class Head;
                }
                """);

            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("Transfer.Head.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }
    }
}
