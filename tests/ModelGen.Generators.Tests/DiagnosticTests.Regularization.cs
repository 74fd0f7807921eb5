using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // Regularizers and kernel constraints on [Dense] (MG0060, MG0061) and gradient clipping on [Model] (MG0062, MG0063).
    public sealed partial class DiagnosticTests
    {
        // ---- MG0060: a factor, MaxValue or kind out of range ----

        [Fact]
        public void NegativeKernelL2_ReportsMG0060AtDense() => DiagnosticAssert.Reports("MG0060", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, KernelRegularizer = Regularizer.L2, KernelL2 = -0.01f)|]]
            public partial class Net;
            """);

        [Fact]
        public void ZeroMaxValue_ReportsMG0060AtDense() => DiagnosticAssert.Reports("MG0060", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, KernelConstraint = Constraint.MaxNorm, MaxValue = 0f)|]]
            public partial class Net;
            """);

        [Fact]
        public void UndefinedRegularizer_ReportsMG0060AtDense() => DiagnosticAssert.Reports("MG0060", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, KernelRegularizer = (Regularizer)9)|]]
            public partial class Net;
            """);

        // ---- MG0061: an argument nothing reads ----

        [Fact]
        public void KernelL1WithL2_ReportsMG0061AtDense() => DiagnosticAssert.Reports("MG0061", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, KernelRegularizer = Regularizer.L2, KernelL1 = 0.01f)|]]
            public partial class Net;
            """);

        [Fact]
        public void MaxValueWithoutMaxNorm_ReportsMG0061AtDense() => DiagnosticAssert.Reports("MG0061", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, MaxValue = 3f)|]]
            public partial class Net;
            """);

        [Fact]
        public void BiasRegularizerWithoutBias_ReportsMG0061AtDense() => DiagnosticAssert.Reports("MG0061", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, UseBias = false, BiasRegularizer = Regularizer.L2)|]]
            public partial class Net;
            """);

        // ---- MG0062, MG0063: clipping ----

        [Fact]
        public void ClipNormAndClipValue_ReportsMG0062AtModel() => DiagnosticAssert.Reports("MG0062", """
            using ModelGen;

            [[|Model(ClipNorm = 1f, ClipValue = 0.5f)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void NegativeGlobalClipNorm_ReportsMG0063AtModel() => DiagnosticAssert.Reports("MG0063", """
            using ModelGen;

            [[|Model(GlobalClipNorm = -1f)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);
    }
}
