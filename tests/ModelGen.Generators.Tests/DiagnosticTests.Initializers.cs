using System.Globalization;
using System.Linq;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // Layer (d) for the initializers' arguments (MG0050-MG0055), reported at the [Dense] attribute.
    public sealed partial class DiagnosticTests
    {
        private static string Message(GeneratorRun run) =>
            string.Join("\n", run.GeneratorDiagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));

        // ---- MG0050: an argument the initializer does not take ----

        [Fact]
        public void StddevOnTheDefaultKernelInit_ReportsMG0050AtDense()
        {
            GeneratorRun run = DiagnosticAssert.Reports("MG0050", """
                using ModelGen;

                [Model]
                [Input(4)]
                [[|Dense(2, KernelStddev = 0.02)|]]
                public partial class Net;
                """);
            Assert.Contains("sets KernelStddev, but its kernel initializer GlorotUniform takes no argument", Message(run));
            Assert.Contains("Init.RandomNormal or Init.TruncatedNormal", Message(run));
        }

        [Fact]
        public void ValueOnARandomNormalBias_ReportsMG0050AtDense()
        {
            GeneratorRun run = DiagnosticAssert.Reports("MG0050", """
                using ModelGen;

                [Model]
                [Input(4)]
                [[|Dense(2, BiasInit = Init.RandomNormal, BiasValue = 0.1)|]]
                public partial class Net;
                """);
            Assert.Contains("takes only BiasMean and BiasStddev", Message(run));
        }

        [Fact]
        public void GainAndModeOnTheWrongInitializers_ReportMG0050Twice()
        {
            GeneratorRun run = DiagnosticAssert.Reports("MG0050", """
                using ModelGen;

                [Model]
                [Input(4)]
                [[|Dense(2, KernelInit = Init.VarianceScaling, KernelGain = 2)|]]
                [[|Dense(2, KernelInit = Init.Identity, KernelMode = FanMode.FanOut)|]]
                public partial class Net;
                """);
            Assert.Contains("(Init.Orthogonal or Init.Identity)", Message(run));
            Assert.Contains("(Init.VarianceScaling)", Message(run));
        }

        [Fact]
        public void MinvalOnTheDefaultBiasInit_ReportsMG0050AtDense() => DiagnosticAssert.Reports("MG0050", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, BiasMinval = -1)|]]
            public partial class Net;
            """);

        // ---- MG0051: a standard deviation that is not positive ----

        [Fact]
        public void ZeroKernelStddev_ReportsMG0051AtDense()
        {
            GeneratorRun run = DiagnosticAssert.Reports("MG0051", """
                using ModelGen;

                [Model]
                [Input(4)]
                [[|Dense(2, KernelInit = Init.RandomNormal, KernelStddev = 0)|]]
                public partial class Net;
                """);
            Assert.Contains("KernelStddev is 0", Message(run));
        }

        [Fact]
        public void NegativeOrInfiniteStddev_ReportsMG0051AtDense() => DiagnosticAssert.Reports("MG0051", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, BiasInit = Init.TruncatedNormal, BiasStddev = -0.5)|]]
            [[|Dense(2, KernelInit = Init.TruncatedNormal, KernelStddev = double.PositiveInfinity)|]]
            public partial class Net;
            """);

        // ---- MG0052: minval above maxval ----

        [Fact]
        public void MinvalAboveMaxval_ReportsMG0052AtDense()
        {
            GeneratorRun run = DiagnosticAssert.Reports("MG0052", """
                using ModelGen;

                [Model]
                [Input(4)]
                [[|Dense(2, KernelInit = Init.RandomUniform, KernelMinval = 0.5, KernelMaxval = 0.1)|]]
                public partial class Net;
                """);
            Assert.Contains("KernelMinval (0.5) is greater than KernelMaxval (0.1)", Message(run));
        }

        [Fact]
        public void MinvalAboveTheDefaultMaxval_ReportsMG0052AtDense() => DiagnosticAssert.Reports("MG0052", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, BiasInit = Init.RandomUniform, BiasMinval = 0.2)|]]
            public partial class Net;
            """);

        [Fact]
        public void EqualMinvalAndMaxval_IsAConstantAndCompiles() => GeneratorHarness.RunValid("""
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(2, KernelInit = Init.RandomUniform, KernelMinval = 0.1, KernelMaxval = 0.1)]
            public partial class Net;
            """);

        // ---- MG0053: a variance scale that is not positive ----

        [Fact]
        public void ZeroOrNegativeScale_ReportsMG0053AtDense()
        {
            GeneratorRun run = DiagnosticAssert.Reports("MG0053", """
                using ModelGen;

                [Model]
                [Input(4)]
                [[|Dense(2, KernelInit = Init.VarianceScaling, KernelScale = 0)|]]
                [[|Dense(2, BiasInit = Init.VarianceScaling, BiasScale = -2, BiasMode = FanMode.FanAvg)|]]
                public partial class Net;
                """);
            Assert.Contains("BiasScale is -2", Message(run));
        }

        // ---- MG0054: Orthogonal or Identity on a bias ----

        [Fact]
        public void OrthogonalBias_ReportsMG0054AtDense()
        {
            GeneratorRun run = DiagnosticAssert.Reports("MG0054", """
                using ModelGen;

                [Model]
                [Input(4)]
                [[|Dense(2, BiasInit = Init.Orthogonal)|]]
                public partial class Net;
                """);
            Assert.Contains("Init.Orthogonal is defined on the 2-D kernel", Message(run));
        }

        [Fact]
        public void IdentityBias_ReportsMG0054EvenWithoutABias() => DiagnosticAssert.Reports("MG0054", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, UseBias = false, BiasInit = Init.Identity)|]]
            public partial class Net;
            """);

        // ---- MG0055: an argument that is not finite ----

        [Fact]
        public void NaNOrInfiniteArguments_ReportMG0055AtDense()
        {
            GeneratorRun run = DiagnosticAssert.Reports("MG0055", """
                using ModelGen;

                [Model]
                [Input(4)]
                [[|Dense(2, KernelInit = Init.Constant, KernelValue = double.NaN)|]]
                [[|Dense(2, KernelInit = Init.Orthogonal, KernelGain = double.PositiveInfinity)|]]
                [[|Dense(2, KernelInit = Init.RandomNormal, KernelMean = double.NegativeInfinity)|]]
                public partial class Net;
                """);
            Assert.Contains("KernelValue is NaN", Message(run));
        }

        // ---- MG0011 for the VarianceScaling enums ----

        [Fact]
        public void UnknownFanModeOrDistribution_ReportsMG0011AtDense() => DiagnosticAssert.Reports("MG0011", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, KernelInit = Init.VarianceScaling, KernelMode = (FanMode)7)|]]
            [[|Dense(2, BiasInit = Init.VarianceScaling, BiasDistribution = (InitDistribution)(-1))|]]
            public partial class Net;
            """);

        // ---- Several problems on one layer are all reported, not only the first ----

        [Fact]
        public void EveryInitializerProblemOnOneLayer_IsReported()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using ModelGen;

                [Model]
                [Input(4)]
                [Dense(2, KernelInit = Init.RandomNormal, KernelStddev = -1, KernelGain = 3, BiasInit = Init.Identity)]
                public partial class Net;
                """);
            GeneratorHarness.AssertGeneratorDidNotThrow(run);
            Assert.Empty(run.GeneratedSources);
            Assert.Equal(new[] { "MG0050", "MG0051", "MG0054" }, run.GeneratorDiagnostics.Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal).ToArray());
        }
    }
}
