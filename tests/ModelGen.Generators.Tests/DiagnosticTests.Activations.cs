using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>The activation parameters' diagnostics (MG0020, MG0021), reported at the [Dense] that sets them.</summary>
    public sealed partial class DiagnosticTests
    {
        // ---- MG0020: an activation parameter the activation does not have ----

        [Fact]
        public void NegativeSlopeOnRelu_ReportsMG0020AtDense() => DiagnosticAssert.Reports("MG0020", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Activation.Relu, NegativeSlope = 0.1f)|]]
            public partial class Net;
            """);

        [Fact]
        public void LearnBetaOnGelu_ReportsMG0020AtDense() => DiagnosticAssert.Reports("MG0020", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Activation.Gelu, LearnBeta = true)|]]
            public partial class Net;
            """);

        [Fact]
        public void RReluRangeOnLeakyRelu_ReportsMG0020AtDense() => DiagnosticAssert.Reports("MG0020", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Activation.LeakyRelu, RReluUpper = 0.5f)|]]
            public partial class Net;
            """);

        [Fact]
        public void AlphaOnIdentity_ReportsMG0020AtDense() => DiagnosticAssert.Reports("MG0020", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Alpha = 2f)|]]
            public partial class Net;
            """);

        // ---- MG0021: an activation parameter out of range ----

        [Fact]
        public void NegativeLeakySlope_ReportsMG0021AtDense() => DiagnosticAssert.Reports("MG0021", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Activation.LeakyRelu, NegativeSlope = -0.1f)|]]
            public partial class Net;
            """);

        [Fact]
        public void NegativeEluAlpha_ReportsMG0021AtDense() => DiagnosticAssert.Reports("MG0021", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Activation.Elu, Alpha = -1f)|]]
            public partial class Net;
            """);

        [Fact]
        public void RReluLowerAboveUpper_ReportsMG0021AtDense() => DiagnosticAssert.Reports("MG0021", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Activation.RRelu, RReluLower = 0.5f, RReluUpper = 0.25f)|]]
            public partial class Net;
            """);

        [Fact]
        public void NegativeRReluRange_ReportsMG0021AtDense() => DiagnosticAssert.Reports("MG0021", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Activation.RRelu, RReluLower = -0.5f)|]]
            public partial class Net;
            """);

        [Fact]
        public void InfiniteSwishBeta_ReportsMG0021AtDense() => DiagnosticAssert.Reports("MG0021", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Activation.Swish, Beta = float.PositiveInfinity)|]]
            public partial class Net;
            """);
    }
}
