using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// The Normalization layer's generated code: a sequential model (forward, Adapt, the OpenCL kernel, the summary's
    /// non-trainable count) and a graph with a Normalization between layers (its backward). Both compile cleanly.
    /// </summary>
    public sealed class NormalizationSnapshotTests
    {
        private static string Generate(string source, string info)
        {
            GeneratorRun run = GeneratorHarness.Run(source);
            if (info.Length == 0) Assert.Empty(run.GeneratorDiagnostics);
            else Assert.Equal(info, Assert.Single(run.GeneratorDiagnostics).Id);
            Diagnostic[] problems = run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, GeneratorHarness.Format(problems));
            return Assert.Single(run.GeneratedSources).SourceText.ToString();
        }

        [Fact]
        public void SequentialNormalization_MatchesSnapshot() => Snapshot.Match(Generate("""
            using ModelGen;

            namespace Diabetes
            {
                [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
                [Input(10)]
                [Normalization]
                [Dense(30, Activation.Relu)]
                [Dense(1)]
                public partial class ScaledMlp;
            }
            """, ""));

        [Fact]
        public void GraphNormalization_MatchesSnapshot() => Snapshot.Match(Generate("""
            using ModelGen;

            namespace Diabetes
            {
                [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
                public partial class ScaledGraph
                {
                    [Input(10)] public static Node X { get; }
                    [Normalization(From = nameof(X))] public static Node Norm { get; }
                    [Dense(20, Activation.Relu, From = nameof(Norm))] public static Node Hidden { get; }
                    [Normalization(From = nameof(Hidden))] public static Node HiddenNorm { get; }
                    [Dense(1, From = nameof(HiddenNorm))][Output] public static Node Y { get; }
                }
            }
            """, ""));
    }
}
