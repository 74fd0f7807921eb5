using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>[BatchNormalization]'s generated code: a snapshot, and the inference path with nothing left of the folded normalizations.</summary>
    public sealed class BatchNormGenerationTests
    {
        private const string Declaration = """
            using ModelGen;

            namespace Book
            {
                // Both placements of the book: before the activation (folded into dense's columns), after it (into dense_2's rows).
                [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true, Optimizer = Optimizer.Adam)]
                [Input(64)]
                [Dense(40, UseBias = false, KernelInit = Init.HeNormal)]
                [BatchNormalization(Activation = Activation.Relu)]
                [Dense(24, Activation.Relu, KernelInit = Init.HeNormal)]
                [BatchNormalization]
                [Dense(10)]
                public partial class BatchNormMlp;
            }
            """;

        [Fact]
        public void BatchNormMlp_MatchesSnapshot()
        {
            GeneratorRun run = GeneratorHarness.RunValid(Declaration);
            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Snapshot.Match(source.SourceText.ToString());
        }

        [Fact]
        public void InferencePath_HasNoNormalizationPass_WhenEveryNormalizationFolds()
        {
            string code = Assert.Single(GeneratorHarness.RunValid(Declaration).GeneratedSources).SourceText.ToString();
            int start = code.IndexOf("if (!Training && FoldBatchNormalization)", System.StringComparison.Ordinal);
            Assert.True(start >= 0);
            int end = code.IndexOf("return;", start, System.StringComparison.Ordinal);
            string inference = code.Substring(start, end - start);
            // The inference branch: the two folded Dense steps and the plain last one; no call into a normalization.
            Assert.Contains("DenseFoldedForward(", inference);
            Assert.Contains("Dense2FoldedForward(", inference);
            string[] lines = inference.Split('\n').Where(l => !l.TrimStart().StartsWith("//", System.StringComparison.Ordinal) && !l.Contains("FoldBatchNormalization")).ToArray();
            Assert.DoesNotContain(lines, l => l.Contains("BatchNorm"));
        }

        [Fact]
        public void NormalizationWithItsOwnActivationAfterANonlinearLayer_RunsAsOnePass()
        {
            string code = Assert.Single(GeneratorHarness.RunValid("""
                using ModelGen;

                [Model]
                [Input(4)]
                [Dense(8, Activation.Tanh)]
                [BatchNormalization(Activation = Activation.Relu)]
                [Dense(2)]
                public partial class Net;
                """).GeneratedSources).SourceText.ToString();
            int start = code.IndexOf("if (!Training && FoldBatchNormalization)", System.StringComparison.Ordinal);
            string inference = code.Substring(start, code.IndexOf("return;", start, System.StringComparison.Ordinal) - start);
            Assert.Contains("BatchNormalizationForward(", inference);
            Assert.DoesNotContain("Folded", inference);
        }
    }
}
