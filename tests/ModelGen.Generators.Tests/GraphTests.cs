using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Parsing;
using ModelGen.Generators.Plan;
using ModelGen.Generators.Planning;
using ModelGen.Generators.Tests.Infrastructure;
using ModelGen.Generators.Validation;
using Xunit;
using Xunit.Sdk;

namespace ModelGen.Generators.Tests
{
    /// <summary>Declarations of functional models shared by the graph tests.</summary>
    internal static class GraphModels
    {
        /// <summary>
        /// The book's wide &amp; deep network, second variant: a wide input (5 features) and a deep input (6 features,
        /// overlapping), two hidden layers on the deep path, the main output on [wide, deep] and an auxiliary output on
        /// the deep path, weighted 0.9 / 0.1.
        /// </summary>
        public const string WideAndDeep = """
            using ModelGen;

            namespace Housing
            {
                [Model(Optimizer = Optimizer.Adam, LearningRate = 1e-3f)]
                public partial class WideAndDeep
                {
                    [Input(5)] public static Node Wide { get; }
                    [Input(6)] public static Node Deep { get; }
                    [Dense(30, Activation.Relu, From = nameof(Deep))] public static Node Hidden1 { get; }
                    [Dense(30, Activation.Relu, From = nameof(Hidden1))] public static Node Hidden2 { get; }
                    [Concatenate(nameof(Wide), nameof(Hidden2))] public static Node Concat { get; }
                    [Dense(1, From = nameof(Concat), Name = "main_output")]
                    [Output(Loss = Loss.MeanSquaredError, LossWeight = 0.9f)]
                    public static Node MainOutput { get; }
                    [Dense(1, From = nameof(Hidden2), Name = "aux_output")]
                    [Output(Loss = Loss.MeanSquaredError, LossWeight = 0.1f)]
                    public static Node AuxOutput { get; }
                }
            }
            """;

        /// <summary><see cref="WideAndDeep"/> with its class identifier marked for <see cref="DiagnosticAssert"/>.</summary>
        public static string WideAndDeepMarked => WideAndDeep.Replace("partial class WideAndDeep", "partial class [|WideAndDeep|]");

        /// <summary>A residual MLP with every merge kind and fan-out (X feeds three nodes, A two).</summary>
        public const string EveryMerge = """
            using ModelGen;

            [Model]
            public partial class EveryMerge
            {
                [Input(8)] public static Node X { get; }
                [Dense(8, Activation.Tanh, From = nameof(X))] public static Node A { get; }
                [Add(nameof(X), nameof(A))] public static Node Residual { get; }
                [Dense(8, Activation.Sigmoid, From = nameof(Residual))] public static Node Gate { get; }
                [Multiply(nameof(Gate), nameof(A))] public static Node Gated { get; }
                [Average(nameof(Gated), nameof(X), nameof(Residual))] public static Node Mean { get; }
                [Concatenate(nameof(Mean), nameof(X))] public static Node Both { get; }
                [Dense(2, From = nameof(Both))][Output] public static Node Y { get; }
            }
            """;

        /// <summary>Batch normalization and dropout nodes, a frozen node and a regularizer, on a residual block.</summary>
        public const string FusedNodes = """
            using ModelGen;

            [Model(Optimizer = Optimizer.Adam, ClipNorm = 1f)]
            public partial class FusedNodes
            {
                [Input(8)] public static Node X { get; }
                [Dense(16, From = nameof(X), UseBias = false, KernelRegularizer = Regularizer.L2)] public static Node H { get; }
                [BatchNormalization(From = nameof(H), Activation = Activation.Relu)] public static Node Normalized { get; }
                [Dense(16, Activation.Tanh, From = nameof(Normalized))] public static Node Block { get; }
                [Dropout(0.25f, From = nameof(Block))] public static Node Dropped { get; }
                [Dense(16, From = nameof(Normalized), Trainable = false)] public static Node Skip { get; }
                [Add(nameof(Dropped), nameof(Skip))] public static Node Merged { get; }
                [Dense(2, From = nameof(Merged))][Output] public static Node Y { get; }
            }
            """;

        /// <summary>Parses, validates and plans the one model of <paramref name="source"/>.</summary>
        public static (Result<CheckedGraph> Checked, GraphPlan? Plan) Plan(string source)
        {
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { source });
            SyntaxTree tree = compilation.SyntaxTrees.Single();
            SemanticModel model = compilation.GetSemanticModel(tree);
            ClassDeclarationSyntax declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
            var type = (INamedTypeSymbol)model.GetDeclaredSymbol(declaration)!;
            Result<ModelDeclaration> parsed = ModelParser.Parse(type, declaration, model, CancellationToken.None);
            Assert.NotNull(parsed.Value);
            Result<CheckedGraph> validated = GraphValidator.Validate(parsed.Value!);
            return (validated, validated.Value is null ? null : GraphPlanner.Lower(validated.Value));
        }
    }

    /// <summary>
    /// The graph IR: declarations of functional models compile without warnings, validate, and schedule into a plan
    /// whose summary (schedule, connections, buffers) is compared with a committed snapshot.
    /// </summary>
    public sealed class GraphTests
    {
        [Theory]
        [InlineData(GraphModels.WideAndDeep)]
        [InlineData(GraphModels.EveryMerge)]
        public void Declaration_CompilesWithoutWarnings(string source)
        {
            // The user's own code, without the generator: Node properties must not add CS0169/CS0649/CS8618 noise.
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { source });
            Diagnostic[] problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, GeneratorHarness.Format(problems));
        }

        [Fact]
        public void WideAndDeep_ScheduleMatchesSnapshot()
        {
            (Result<CheckedGraph> validated, GraphPlan? plan) = GraphModels.Plan(GraphModels.WideAndDeep);
            Assert.Empty(validated.Diagnostics);
            MatchText(string.Join("\n", GraphSummary.Lines("WideAndDeep", plan!)) + "\n");
        }

        [Fact]
        public void EveryMerge_ScheduleMatchesSnapshot()
        {
            (Result<CheckedGraph> validated, GraphPlan? plan) = GraphModels.Plan(GraphModels.EveryMerge);
            Assert.Empty(validated.Diagnostics);
            MatchText(string.Join("\n", GraphSummary.Lines("EveryMerge", plan!)) + "\n");
        }

        [Fact]
        public void WideAndDeep_GeneratedCodeMatchesSnapshot()
        {
            GeneratorRun run = RunGraph(GraphModels.WideAndDeep);
            GeneratedSourceResult source = Assert.Single(run.GeneratedSources);
            Assert.Equal("Housing.WideAndDeep.g.cs", source.HintName);
            Snapshot.Match(source.SourceText.ToString());
        }

        [Fact]
        public void EveryMerge_GeneratedCodeMatchesSnapshot()
        {
            GeneratorRun run = RunGraph(GraphModels.EveryMerge);
            Snapshot.Match(Assert.Single(run.GeneratedSources).SourceText.ToString());
        }

        [Fact]
        public void FusedNodes_GeneratedCodeMatchesSnapshot()
        {
            GeneratorRun run = RunGraph(GraphModels.FusedNodes);
            Snapshot.Match(Assert.Single(run.GeneratedSources).SourceText.ToString());
        }

        [Fact]
        public void NormalizationOfANormalizationOfAnInput_PassesNoGradient_AndItsDenseWritesNone()
        {
            // Both backends and the planner follow the same rule, so no step computes a gradient nobody reads.
            GeneratorRun run = RunGraph("""
                using ModelGen;

                [Model]
                public partial class Twice
                {
                    [Input(4)] public static Node X { get; }
                    [Normalization(From = nameof(X))] public static Node N1 { get; }
                    [Normalization(From = nameof(N1))] public static Node N2 { get; }
                    [Dense(3, From = nameof(N2))] public static Node H { get; }
                    [Dense(1, From = nameof(H))][Output] public static Node Y { get; }
                }
                """);
            string code = Assert.Single(run.GeneratedSources).SourceText.ToString();
            Assert.Contains("// N2: reads N1, which takes no gradient: no gradient to pass on.", code);
            Assert.DoesNotContain("HInputGradient", code);
            Assert.DoesNotContain("n2_backward", code);
            Assert.DoesNotContain("graph_add_rows", code);
        }

        [Fact]
        public void DropoutNode_SharesItsDenseNodesBuffers_BatchNormNodeHasItsOwn()
        {
            GraphPlan plan = GraphModels.Plan(GraphModels.FusedNodes).Plan!;
            NodePlan Node(string name) => plan.Schedule.Single(n => n.Name == name);
            Assert.Equal(Node("Block").ValueBuffer, Node("Dropped").ValueBuffer);
            Assert.Equal(Node("Block").GradientBuffer, Node("Dropped").GradientBuffer);
            Assert.NotEqual(Node("H").ValueBuffer, Node("Normalized").ValueBuffer);
            Assert.Equal(16 * 4, Node("Normalized").ParameterCount); // gamma, beta, moving mean and variance, as Keras counts them
        }

        /// <summary>
        /// Runs the generator on a valid functional model: no diagnostic at all (MG0089, the CPU-only Info, is retired: the
        /// OpenCL backend generates graph models), and the user's code plus the generated code compiles with no warning
        /// and no error.
        /// </summary>
        internal static GeneratorRun RunGraph(string source)
        {
            GeneratorRun run = GeneratorHarness.Run(source);
            Assert.Empty(run.GeneratorDiagnostics);
            Diagnostic[] problems = run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, GeneratorHarness.Format(problems) + "\n" + string.Join("\n", run.GeneratedSources.Select(s => s.SourceText.ToString())));
            return run;
        }

        [Fact]
        public void Schedule_IsTopologicalAndInDeclarationOrderWhereFree()
        {
            GraphPlan plan = GraphModels.Plan(GraphModels.WideAndDeep).Plan!;
            string[] order = plan.Schedule.Select(n => n.Name).ToArray();
            Assert.Equal(new[] { "Wide", "Deep", "Hidden1", "Hidden2", "Concat", "main_output", "aux_output" }, order);
            foreach ((NodePlan node, int i) in plan.Schedule.Select((n, i) => (n, i)))
            {
                foreach (string input in node.Inputs) Assert.True(Array.IndexOf(order, input) < i, $"{node.Name} runs before its input {input}");
            }
        }

        [Fact]
        public void Shapes_AreInferredThroughMerges()
        {
            GraphPlan plan = GraphModels.Plan(GraphModels.EveryMerge).Plan!;
            Assert.Equal(new[] { 16 }, plan.Schedule.Single(n => n.Name == "Both").OutputShape.ToArray());
            Assert.Equal(8 * 8 + 8 + 8 * 8 + 8 + 16 * 2 + 2, plan.ParameterCount);
        }

        [Fact]
        public void MemoryPlan_ReusesBuffersWhoseLifetimesDoNotOverlap()
        {
            foreach (string source in new[] { GraphModels.WideAndDeep, GraphModels.EveryMerge })
            {
                GraphPlan plan = GraphModels.Plan(source).Plan!;
                var nodes = plan.Schedule.ToArray();
                int n = nodes.Length;
                int LastConsumer(int i) => Enumerable.Range(0, n).Where(j => nodes[j].Inputs.Contains(nodes[i].Name)).DefaultIfEmpty(-1).Max();

                // Inference: two buffers that overlap in memory must not be live at the same step.
                for (int i = 0; i < n; i++)
                {
                    for (int j = i + 1; j < n; j++)
                    {
                        NodePlan a = nodes[i], b = nodes[j];
                        if (a.InferenceBuffer < 0 || b.InferenceBuffer < 0) continue;
                        bool memory = a.InferenceBuffer < b.InferenceBuffer + b.Width && b.InferenceBuffer < a.InferenceBuffer + a.Width;
                        int aLast = a.Output is not null ? n - 1 : LastConsumer(i), bLast = b.Output is not null ? n - 1 : LastConsumer(j);
                        bool time = i <= bLast && j <= aLast;
                        Assert.False(memory && time, $"{a.Name} and {b.Name} share inference memory while both live");

                        // Gradients, in backward time: live from the last consumer's step (or the loss) down to the node's own.
                        if (a.GradientBuffer < 0 || b.GradientBuffer < 0) continue;
                        bool gMemory = a.GradientBuffer < b.GradientBuffer + b.Width && b.GradientBuffer < a.GradientBuffer + a.Width;
                        int aFirst = a.Output is not null ? n - 1 : LastConsumer(i), bFirst = b.Output is not null ? n - 1 : LastConsumer(j);
                        bool gTime = Math.Max(i, j) <= Math.Min(aFirst, bFirst);
                        Assert.False(gMemory && gTime, $"{a.Name} and {b.Name} share gradient memory while both live");
                    }
                }
                Assert.True(plan.ValueFloats == nodes.Where(x => x.ValueBuffer >= 0).Sum(x => x.Width));
                Assert.True(plan.GradientFloats <= plan.GradientFloatsWithoutReuse);
            }
            // The deep chain of the wide & deep model lets inference reuse Hidden1's buffer once Hidden2 has read it.
            GraphPlan wide = GraphModels.Plan(GraphModels.WideAndDeep).Plan!;
            Assert.True(wide.InferenceFloats < wide.ValueFloats);
        }

        [Fact]
        public void Plan_IsStructurallyEqualAcrossRuns()
        {
            Assert.Equal(GraphModels.Plan(GraphModels.EveryMerge).Plan, GraphModels.Plan(GraphModels.EveryMerge).Plan);
        }

        [Fact]
        public void SequentialModel_LowersToAChainInTheSameIR()
        {
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;
                [Model]
                [Input(4)]
                [Dense(3, Activation.Relu)]
                [Dense(1)]
                public partial class Net;
                """);
            Assert.Single(run.GeneratedSources);
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { "using ModelGen;\n[Model][Input(4)][Dense(3, Activation.Relu)][Dense(1)] public partial class Net;" });
            SyntaxTree tree = compilation.SyntaxTrees.Single();
            SemanticModel model = compilation.GetSemanticModel(tree);
            ClassDeclarationSyntax declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
            ModelDeclaration parsed = ModelParser.Parse((INamedTypeSymbol)model.GetDeclaredSymbol(declaration)!, declaration, model, CancellationToken.None).Value!;
            ModelPlan plan = Planner.Lower(ModelValidator.Validate(parsed).Value!);
            GraphPlan graph = plan.Graph!;
            Assert.Equal(new[] { "input", "dense", "dense_1" }, graph.Schedule.Select(n => n.Name).ToArray());
            Assert.Equal(new[] { "dense" }, graph.Schedule[2].Inputs.ToArray());
            Assert.Equal(plan.DenseSteps.Last().OutputBuffer, graph.Schedule[2].ValueBuffer);
            Assert.Equal(4 * 3 + 3 + 3 + 1, graph.ParameterCount);
            Assert.NotNull(graph.Schedule[2].Output);
        }

        /// <summary>Compares <paramref name="actual"/> with Snapshots/{test}.txt, or writes it when MODELGEN_ACCEPT_SNAPSHOTS=1.</summary>
        private static void MatchText(string actual, [CallerMemberName] string testName = "", [CallerFilePath] string testFile = "")
        {
            string path = Path.Combine(Path.GetDirectoryName(testFile) ?? "", "Snapshots", testName + ".txt");
            if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
            {
                File.WriteAllText(path, actual);
                return;
            }
            if (!File.Exists(path)) throw new XunitException($"No snapshot at {path}: accept with {Snapshot.AcceptVariable}=1.");
            string expected = File.ReadAllText(path).Replace("\r\n", "\n");
            if (expected != actual) throw new XunitException($"The graph summary differs from {path}:\nexpected:\n{expected}\nactual:\n{actual}");
        }
    }
}
