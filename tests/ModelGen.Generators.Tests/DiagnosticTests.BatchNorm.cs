using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // [BatchNormalization] (MG0090: arguments, MG0091: placement, MG0092: activation; MG0081 on a functional model).
    public sealed partial class DiagnosticTests
    {
        [Fact]
        public void BatchNormMomentumAboveOne_ReportsMG0090() => DiagnosticAssert.Reports("MG0090", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|BatchNormalization(Momentum = 1.5f)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void BatchNormZeroEpsilon_ReportsMG0090() => DiagnosticAssert.Reports("MG0090", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|BatchNormalization(Epsilon = 0f)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void BatchNormNaNMomentum_ReportsMG0090() => DiagnosticAssert.Reports("MG0090", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|BatchNormalization(Momentum = float.NaN)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void BatchNormAsFirstLayer_ReportsMG0091() => DiagnosticAssert.Reports("MG0091", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|BatchNormalization|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void BatchNormAfterOutputLayer_ReportsMG0091() => DiagnosticAssert.Reports("MG0091", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [Dense(2)]
            [[|BatchNormalization|]]
            public partial class Net;
            """);

        [Fact]
        public void TwoBatchNorms_ReportsMG0091AtTheSecond() => DiagnosticAssert.Reports("MG0091", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [BatchNormalization]
            [[|BatchNormalization|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void BatchNormAfterDropout_ReportsMG0091() => DiagnosticAssert.Reports("MG0091", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [Dropout(0.5f)]
            [[|BatchNormalization|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void DropoutAfterBatchNorm_ReportsMG0091AtDropout() => DiagnosticAssert.Reports("MG0091", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [BatchNormalization]
            [[|Dropout(0.5f)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void BatchNormSoftmaxActivation_ReportsMG0092() => DiagnosticAssert.Reports("MG0092", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|BatchNormalization(Activation = Activation.Softmax)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void BatchNormOnFunctionalModel_ReportsMG0081() => DiagnosticAssert.Reports("MG0081", """
            using ModelGen;

            [Model]
            [[|BatchNormalization|]]
            public partial class Net
            {
                [Input(4)] public static Node In { get; }
                [Dense(2, From = nameof(In))][Output] public static Node Out { get; }
            }
            """);
    }
}
