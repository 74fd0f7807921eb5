using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // Snapshots of the new losses and of declared metrics, in their own file of the SnapshotTests class.
    public sealed partial class SnapshotTests
    {
        [Fact]
        public void SigmoidMultiLabelWithMetrics_MatchesSnapshot()
        {
            // Binary cross-entropy fused with the sigmoid output; 70 hidden units, so OpenCL runs the separate loss
            // kernel (with the metric columns) rather than the fully fused one.
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace Tagging
                {
                    [Model(Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.BinaryAccuracy, Metric.MeanAbsoluteError })]
                    [Input(6)]
                    [Dense(70, Activation.Relu)]
                    [Dense(4, Activation.Sigmoid)]
                    public partial class MultiLabel;
                }
                """);

            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("Tagging.MultiLabel.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }

        [Fact]
        public void MetricRows_HaveTheWidthTheRuntimeReads()
        {
            // The OpenCL loss kernel writes rows the runtime sums: the two constants are one definition in two assemblies.
            Assert.Equal(global::ModelGen.OpenClSession.MetricColumns, ModelGen.Generators.Ops.LossOpenCl.MetricColumns);
        }

        [Fact]
        public void HuberRegressorWithRmse_MatchesSnapshot()
        {
            // Huber with a non-default delta inside the fully fused OpenCL kernel; RMSE as a metric.
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace Robust
                {
                    [Model(Loss = Loss.Huber, HuberDelta = 0.5f, Optimizer = Optimizer.Sgd, Metrics = new[] { Metric.RootMeanSquaredError })]
                    [Input(3)]
                    [Dense(4, Activation.Tanh)]
                    [Dense(2)]
                    public partial class HuberNet;
                }
                """);

            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("Robust.HuberNet.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }
    }
}
