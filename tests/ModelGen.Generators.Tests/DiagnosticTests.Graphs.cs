using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // The functional (graph) model diagnostics, MG0070-MG0088 (MG0089 retired): one bad declaration each, at the attribute that causes it.
    public sealed partial class DiagnosticTests
    {
        // ---- MG0070: class-level layers and graph nodes in one model ----

        [Fact]
        public void ClassLayersAndNodes_ReportsMG0070AtIdentifier() => DiagnosticAssert.Reports("MG0070", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(2)]
            public partial class [|Net|]
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, From = nameof(X))][Output] public static Node Y { get; }
            }
            """);

        // ---- MG0071: a predecessor that is not a node ----

        [Fact]
        public void FromNamesNoNode_ReportsMG0071AtDense() => DiagnosticAssert.Reports("MG0071", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(3, From = nameof(X))][Output] public static Node H { get; }
                [[|Dense(1, From = "Hiden")|]][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void MergeNamesAPlainProperty_ReportsMG0071AtMerge() => DiagnosticAssert.Reports("MG0071", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [[|Add(nameof(X), nameof(Unrelated))|]] public static Node Sum { get; }
                [Dense(1, From = nameof(Sum))][Output] public static Node Y { get; }
                public static int Unrelated { get; }
            }
            """);

        // ---- MG0072: a cycle ----

        [Fact]
        public void TwoNodesReadingEachOther_ReportsMG0072Once() => DiagnosticAssert.Reports("MG0072", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [[|Dense(4, From = nameof(B))|]] public static Node A { get; }
                [Add(nameof(X), nameof(A))] public static Node B { get; }
                [Dense(1, From = nameof(B))][Output] public static Node Y { get; }
            }
            """);

        // ---- MG0073: merge inputs that do not fit ----

        [Fact]
        public void AddOfDifferentWidths_ReportsMG0073AtAdd() => DiagnosticAssert.Reports("MG0073", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(3, From = nameof(X))] public static Node H { get; }
                [[|Add(nameof(X), nameof(H))|]] public static Node Sum { get; }
                [Dense(1, From = nameof(Sum))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void ConcatenateOf2DInput_ReportsMG0073AtConcatenate() => DiagnosticAssert.Reports("MG0073", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(2, 2)] public static Node Image { get; }
                [Input(4)] public static Node X { get; }
                [[|Concatenate(nameof(Image), nameof(X))|]] public static Node Both { get; }
                [Dense(1, From = nameof(Both))][Output] public static Node Y { get; }
            }
            """);

        // ---- MG0074: a node nothing reads ----

        [Fact]
        public void DeadBranch_ReportsMG0074AtItsAttribute() => DiagnosticAssert.Reports("MG0074", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [[|Dense(8, From = nameof(X))|]] public static Node Dead { get; }
                [Dense(1, From = nameof(X))][Output] public static Node Y { get; }
            }
            """);

        // ---- MG0075: no output ----

        [Fact]
        public void NoOutput_ReportsMG0075AtIdentifier() => DiagnosticAssert.Reports("MG0075", """
            using ModelGen;

            [Model]
            public partial class [|Net|]
            {
                [Input(4)] public static Node X { get; }
                [{|MG0074:Dense(1, From = nameof(X))|}] public static Node Y { get; }
            }
            """);

        // ---- MG0076: a node without the inputs it needs ----

        [Fact]
        public void DenseNodeWithoutFrom_ReportsMG0076AtDense() => DiagnosticAssert.Reports("MG0076", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [{|MG0074:Input(4)|}] public static Node X { get; }
                [[|Dense(1)|]][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void MergeOfOneNode_ReportsMG0076AtMerge() => DiagnosticAssert.Reports("MG0076", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [[|Average(nameof(X))|]] public static Node Mean { get; }
                [Dense(1, From = nameof(Mean))][Output] public static Node Y { get; }
            }
            """);

        // ---- MG0077: From on a class-level layer ----

        [Fact]
        public void FromOnSequentialDense_ReportsMG0077AtDense() => DiagnosticAssert.Reports("MG0077", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, From = "input")|]]
            public partial class Net;
            """);

        // ---- MG0078: an output that cannot be one ----

        [Fact]
        public void OutputOnInput_ReportsMG0078AtOutput() => DiagnosticAssert.Reports("MG0078", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)][[|Output|]] public static Node X { get; }
                [Dense(1, From = nameof(X))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void OutputWithoutLayer_ReportsMG0078AtOutput() => DiagnosticAssert.Reports("MG0078", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, From = nameof(X))][Output] public static Node Y { get; }
                [[|Output|]] public static Node Z { get; }
            }
            """);

        // ---- MG0079: a negative loss weight ----

        [Fact]
        public void NegativeLossWeight_ReportsMG0079AtOutput() => DiagnosticAssert.Reports("MG0079", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, From = nameof(X))][[|Output(LossWeight = -0.1f)|]] public static Node Y { get; }
            }
            """);

        // ---- MG0081: [Model] settings of a sequential model's single output ----

        [Fact]
        public void ClassLevelMetrics_ReportMG0081AtModel() => DiagnosticAssert.Reports("MG0081", """
            using ModelGen;

            [[|Model(Metrics = new[] { Metric.MeanAbsoluteError }, GlobalClipNorm = 1f)|]]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, From = nameof(X))][Output] public static Node Y { get; }
            }
            """);

        // ---- Regularizers, constraints and clipping on a functional model: checked as on a sequential one ----

        [Fact]
        public void NegativeRegularizerOnNode_ReportsMG0060AtTheNode() => DiagnosticAssert.Reports("MG0060", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [[|Dense(1, From = nameof(X), KernelRegularizer = Regularizer.L2, KernelL2 = -1f)|]][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void TwoClippingsOnFunctionalModel_ReportMG0062AtModel() => DiagnosticAssert.Reports("MG0062", """
            using ModelGen;

            [[|Model(ClipNorm = 1f, GlobalClipNorm = 1f)|]]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, From = nameof(X))][Output] public static Node Y { get; }
            }
            """);

        // ---- MG0080: a node property named like a generated member ----

        [Fact]
        public void NodeNamedLikeAnInheritedHelper_ReportsMG0080AtItsAttribute() => DiagnosticAssert.Reports("MG0080", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(4, From = nameof(X))] public static Node A { get; }
                [Dense(4, From = nameof(X))] public static Node B { get; }
                [[|Add(nameof(A), nameof(B))|]] public static Node Sum { get; }
                [Dense(1, From = nameof(Sum))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void NodeNamedOutput_ReportsMG0080AtItsAttribute() => DiagnosticAssert.Reports("MG0080", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [[|Dense(1, From = nameof(X))|]][Output] public static Node Output { get; }
            }
            """);

        // ---- Per-output losses and metrics (issue #7): what a graph output cannot take ----

        [Fact]
        public void PerceptronOutput_ReportsMG0078AtOutput() => DiagnosticAssert.Reports("MG0078", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, Activation.Step, From = nameof(X))][[|Output(Loss = Loss.Perceptron)|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void CrossEntropyOnReluGraphOutput_ReportsMG0010AtOutput() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(3, Activation.Relu, From = nameof(X))][[|Output(Loss = Loss.CategoricalCrossEntropy)|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void SparseAccuracyOnGraphOutput_ReportsMG0032AtOutput() => DiagnosticAssert.Reports("MG0032", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(3, Activation.Softmax, From = nameof(X))][[|Output(Loss = Loss.CategoricalCrossEntropy, Metrics = new[] { Metric.SparseCategoricalAccuracy })|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void RepeatedMetricOnGraphOutput_ReportsMG0033AtOutput() => DiagnosticAssert.Reports("MG0033", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, From = nameof(X))][[|Output(Metrics = new[] { Metric.MeanAbsoluteError, Metric.MeanAbsoluteError })|]] public static Node Y { get; }
            }
            """);

        // ---- MG0089 is retired: a valid functional model draws no diagnostic and generates both backends ----

        [Fact]
        public void ValidWideAndDeep_ReportsNothingAndGeneratesOpenClToo()
        {
            GeneratorRun run = GraphTests.RunGraph(GraphModels.WideAndDeep);
            Assert.Empty(run.GeneratorDiagnostics);
            string code = Assert.Single(run.GeneratedSources).SourceText.ToString();
            Assert.Contains("public const string OpenClSource", code);
            Assert.DoesNotContain("NotSupportedException", code);
        }
    }
}
