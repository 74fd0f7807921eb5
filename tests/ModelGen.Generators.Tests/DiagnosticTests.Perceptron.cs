using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>The perceptron rule's diagnostics: a threshold output (MG0010) and a single layer (MG0022).</summary>
    public sealed partial class DiagnosticTests
    {
        [Fact]
        public void PerceptronOnSigmoidOutput_ReportsMG0010AtOutputDense() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model(Loss = Loss.Perceptron, Optimizer = Optimizer.Sgd)]
            [Input(2)]
            [[|Dense(1, Activation.Sigmoid)|]]
            public partial class Net;
            """);

        [Fact]
        public void PerceptronWithHiddenLayer_ReportsMG0022AtSecondDense() => DiagnosticAssert.Reports("MG0022", """
            using ModelGen;

            [Model(Loss = Loss.Perceptron, Optimizer = Optimizer.Sgd)]
            [Input(2)]
            [Dense(4, Activation.Step)]
            [[|Dense(1, Activation.Step)|]]
            public partial class Net;
            """);

        [Fact]
        public void PerceptronOnStepAndOnSignOutputs_IsValid()
        {
            GeneratorHarness.RunValid("""
                using ModelGen;

                [Model(Loss = Loss.Perceptron, Optimizer = Optimizer.Sgd)]
                [Input(2)]
                [Dense(1, Activation.Step)]
                public partial class StepUnit;

                [Model(Loss = Loss.Perceptron, Optimizer = Optimizer.Sgd, LearningRate = 0.5f)]
                [Input(3)]
                [Dense(2, Activation.Sign)]
                public partial class SignUnits;
                """);
        }
    }
}
