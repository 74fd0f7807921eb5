using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // Integer-label (sparse categorical cross-entropy) outputs and per-output Huber deltas of functional models: what an
    // [Output] cannot take, at the [Output] attribute. HuberDelta reports the class-level IDs (MG0030, MG0031): the same
    // mistake, per output.
    public sealed partial class DiagnosticTests
    {
        [Fact]
        public void SparseOutputOnRelu_ReportsMG0010AtOutput() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(3, Activation.Relu, From = nameof(X))][[|Output(Loss = Loss.SparseCategoricalCrossEntropy)|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void SparseOutputFromLogitsOnSoftmax_ReportsMG0010AtOutput() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(3, Activation.Softmax, From = nameof(X))][[|Output(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true)|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void SparseOutputOfOneUnit_ReportsMG0010AtOutput() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(1, From = nameof(X))][[|Output(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true)|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void SparseOutputOnMultiDimensionalMerge_ReportsMG0010AtOutput() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(2, 3)] public static Node A { get; }
                [Input(2, 3)] public static Node B { get; }
                [Add(nameof(A), nameof(B))][[|Output(Loss = Loss.SparseCategoricalCrossEntropy)|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void FloatMetricOnSparseOutput_ReportsMG0032AtOutput() => DiagnosticAssert.Reports("MG0032", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(3, Activation.Softmax, From = nameof(X))][[|Output(Loss = Loss.SparseCategoricalCrossEntropy, Metrics = new[] { Metric.CategoricalAccuracy })|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void NegativeOutputHuberDelta_ReportsMG0030AtOutput() => DiagnosticAssert.Reports("MG0030", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(2, From = nameof(X))][[|Output(Loss = Loss.Huber, HuberDelta = -0.5f)|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void InfiniteOutputHuberDelta_ReportsMG0030AtOutput() => DiagnosticAssert.Reports("MG0030", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(2, From = nameof(X))][[|Output(Loss = Loss.Huber, HuberDelta = float.PositiveInfinity)|]] public static Node Y { get; }
            }
            """);

        [Fact]
        public void OutputHuberDeltaWithoutHuber_ReportsMG0031AtOutput() => DiagnosticAssert.Reports("MG0031", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(2, From = nameof(X))][Output(Loss = Loss.Huber, HuberDelta = 2f)] public static Node A { get; }
                [Dense(2, From = nameof(X))][[|Output(Loss = Loss.MeanAbsoluteError, HuberDelta = 2f)|]] public static Node B { get; }
            }
            """);
    }
}
