using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // The loss and metric diagnostics (MG0030-MG0033, and MG0010/MG0011 for the new losses and the Metric enum), kept
    // in their own file of the DiagnosticTests class so EveryDiagnostic_HasATest sees them.
    public sealed partial class DiagnosticTests
    {
        // ---- MG0010 for the new losses: where Keras would train on garbage ----

        [Fact]
        public void BinaryCrossEntropyOnReluOutput_ReportsMG0010AtOutputDense() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model(Loss = Loss.BinaryCrossEntropy)]
            [Input(4)]
            [[|Dense(2, Activation.Relu)|]]
            public partial class Net;
            """);

        [Fact]
        public void BinaryCrossEntropyFromLogitsWithSigmoidOutput_ReportsMG0010AtOutputDense() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model(Loss = Loss.BinaryCrossEntropy, FromLogits = true)]
            [Input(4)]
            [[|Dense(1, Activation.Sigmoid)|]]
            public partial class Net;
            """);

        [Fact]
        public void CategoricalCrossEntropyOnSigmoidOutput_ReportsMG0010AtOutputDense() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model(Loss = Loss.CategoricalCrossEntropy)]
            [Input(4)]
            [[|Dense(3, Activation.Sigmoid)|]]
            public partial class Net;
            """);

        [Fact]
        public void CategoricalCrossEntropyOnOneUnit_ReportsMG0010AtOutputDense() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model(Loss = Loss.CategoricalCrossEntropy, FromLogits = true)]
            [Input(4)]
            [[|Dense(1)|]]
            public partial class Net;
            """);

        [Fact]
        public void FromLogitsWithHuber_ReportsMG0010AtModel() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [[|Model(Loss = Loss.Huber, FromLogits = true)|]]
            [Input(4)]
            [Dense(3)]
            public partial class Net;
            """);

        [Fact]
        public void UnknownMetric_ReportsMG0011AtModel() => DiagnosticAssert.Reports("MG0011", """
            using ModelGen;

            [[|Model(Metrics = new[] { Metric.MeanAbsoluteError, (Metric)42 })|]]
            [Input(4)]
            [Dense(3)]
            public partial class Net;
            """);

        // ---- MG0030: Huber's delta ----

        [Fact]
        public void HuberDeltaZero_ReportsMG0030AtModel() => DiagnosticAssert.Reports("MG0030", """
            using ModelGen;

            [[|Model(Loss = Loss.Huber, HuberDelta = 0f)|]]
            [Input(4)]
            [Dense(3)]
            public partial class Net;
            """);

        [Fact]
        public void HuberDeltaNaN_ReportsMG0030AtModel() => DiagnosticAssert.Reports("MG0030", """
            using ModelGen;

            [[|Model(Loss = Loss.Huber, HuberDelta = float.NaN)|]]
            [Input(4)]
            [Dense(3)]
            public partial class Net;
            """);

        // ---- MG0031: HuberDelta without the Huber loss ----

        [Fact]
        public void HuberDeltaWithMeanSquaredError_ReportsMG0031AtModel() => DiagnosticAssert.Reports("MG0031", """
            using ModelGen;

            [[|Model(Loss = Loss.MeanSquaredError, HuberDelta = 2f)|]]
            [Input(4)]
            [Dense(3)]
            public partial class Net;
            """);

        // ---- MG0032: a metric reading the other kind of target ----

        [Fact]
        public void SparseAccuracyWithFloatTargets_ReportsMG0032AtModel() => DiagnosticAssert.Reports("MG0032", """
            using ModelGen;

            [[|Model(Loss = Loss.CategoricalCrossEntropy, Metrics = new[] { Metric.SparseCategoricalAccuracy })|]]
            [Input(4)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """);

        [Fact]
        public void MeanAbsoluteErrorWithLabels_ReportsMG0032AtModel() => DiagnosticAssert.Reports("MG0032", """
            using ModelGen;

            [[|Model(Loss = Loss.SparseCategoricalCrossEntropy, Metrics = new[] { Metric.MeanAbsoluteError })|]]
            [Input(4)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """);

        [Fact]
        public void CategoricalAccuracyOnOneUnit_ReportsMG0032AtModel() => DiagnosticAssert.Reports("MG0032", """
            using ModelGen;

            [[|Model(Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.CategoricalAccuracy })|]]
            [Input(4)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """);

        // ---- MG0033: a metric listed twice ----

        [Fact]
        public void MetricListedTwice_ReportsMG0033AtModel() => DiagnosticAssert.Reports("MG0033", """
            using ModelGen;

            [[|Model(Metrics = new[] { Metric.MeanAbsoluteError, Metric.MeanSquaredError, Metric.MeanAbsoluteError })|]]
            [Input(4)]
            [Dense(3)]
            public partial class Net;
            """);

        // ---- Valid declarations of every loss and metric compile cleanly ----

        [Theory]
        [InlineData("Loss = Loss.MeanAbsoluteError, Metrics = new[] { Metric.MeanSquaredError, Metric.RootMeanSquaredError }", "Dense(3)")]
        [InlineData("Loss = Loss.Huber, HuberDelta = 0.25f", "Dense(3, Activation.Tanh)")]
        [InlineData("Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.Accuracy }", "Dense(1, Activation.Sigmoid)")]
        [InlineData("Loss = Loss.BinaryCrossEntropy", "Dense(3, Activation.Softmax)")]
        [InlineData("Loss = Loss.BinaryCrossEntropy, FromLogits = true, Metrics = new[] { Metric.BinaryAccuracy }", "Dense(2)")]
        [InlineData("Loss = Loss.CategoricalCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.MeanAbsoluteError }", "Dense(3, Activation.Softmax)")]
        [InlineData("Loss = Loss.CategoricalCrossEntropy, FromLogits = true", "Dense(3, Activation.Tanh)")]
        [InlineData("Loss = Loss.SparseCategoricalCrossEntropy, Metrics = null", "Dense(3, Activation.Softmax)")]
        public void EveryLossAndMetric_CompilesCleanly(string options, string output)
        {
            GeneratorHarness.RunValid($"using ModelGen;\nnamespace App {{ [Model({options})] [Input(4)] [Dense(8, Activation.Relu)] [{output}] public partial class Net; }}");
        }
    }
}
