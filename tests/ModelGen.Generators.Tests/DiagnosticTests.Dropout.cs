using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // [Dropout(rate)] between Dense layers (MG0064: the rate, MG0065: the placement).
    public sealed partial class DiagnosticTests
    {
        // ---- MG0064: a rate outside [0, 1) ----

        [Fact]
        public void DropoutRateOne_ReportsMG0064AtDropout() => DiagnosticAssert.Reports("MG0064", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|Dropout(1f)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void NegativeDropoutRate_ReportsMG0064AtDropout() => DiagnosticAssert.Reports("MG0064", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|Dropout(-0.1f)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void NaNDropoutRate_ReportsMG0064AtDropout() => DiagnosticAssert.Reports("MG0064", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|Dropout(float.NaN)|]]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0065: not between two Dense layers ----

        [Fact]
        public void DropoutAfterInput_ReportsMG0065AtDropout() => DiagnosticAssert.Reports("MG0065", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dropout(0.5f)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void DropoutAfterOutputLayer_ReportsMG0065AtDropout() => DiagnosticAssert.Reports("MG0065", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [Dense(2)]
            [[|Dropout(0.5f)|]]
            public partial class Net;
            """);

        [Fact]
        public void TwoDropouts_ReportsMG0065AtTheSecond() => DiagnosticAssert.Reports("MG0065", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [Dropout(0.5f)]
            [[|Dropout(0.5f)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void AlphaDropoutRateOne_ReportsMG0064AtAlphaDropout() => DiagnosticAssert.Reports("MG0064", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8, Activation.Selu)]
            [[|AlphaDropout(1f)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void DropoutAndAlphaDropout_ReportsMG0065AtTheSecond() => DiagnosticAssert.Reports("MG0065", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8, Activation.Selu)]
            [AlphaDropout(0.1f)]
            [[|Dropout(0.5f)|]]
            [Dense(2)]
            public partial class Net;
            """);
    }
}
