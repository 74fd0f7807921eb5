using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // Dropout and BatchNormalization nodes of a functional model (Validation/FusedNodeValidator.cs): placement
    // (MG0065, MG0091), rate and settings (MG0064, MG0090), a missing From (MG0076), From on a class-level one (MG0077).
    public sealed partial class DiagnosticTests
    {
        [Fact]
        public void DropoutNodeReadingAMerge_ReportsMG0065AtTheNode() => DiagnosticAssert.Reports("MG0065", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node A { get; }
                [Input(4)] public static Node B { get; }
                [Add(nameof(A), nameof(B))] public static Node Both { get; }
                [[|Dropout(0.5f, From = nameof(Both))|]] public static Node Dropped { get; }
                [Dense(1, From = nameof(Dropped))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void DropoutNodeOnADenseWithAnotherReader_ReportsMG0065AtTheNode() => DiagnosticAssert.Reports("MG0065", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(4, Activation.Relu, From = nameof(X))] public static Node H { get; }
                [[|Dropout(0.5f, From = nameof(H))|]] public static Node Dropped { get; }
                [Add(nameof(H), nameof(Dropped))] public static Node Both { get; }
                [Dense(1, From = nameof(Both))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void DropoutNodeMarkedOutput_ReportsMG0065AtTheNode() => DiagnosticAssert.Reports("MG0065", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(4, From = nameof(X))] public static Node H { get; }
                [[|Dropout(0.5f, From = nameof(H))|]][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void DropoutNodeRateOne_ReportsMG0064AtTheNode() => DiagnosticAssert.Reports("MG0064", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(4, From = nameof(X))] public static Node H { get; }
                [[|Dropout(1f, From = nameof(H))|]] public static Node Dropped { get; }
                [Dense(1, From = nameof(Dropped))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void DropoutNodeWithoutFrom_ReportsMG0076AtTheNode() => DiagnosticAssert.Reports("MG0076", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(4, From = nameof(X))] public static Node H { get; }
                [Dense(1, From = nameof(H))][Output] public static Node Y { get; }
                [[|Dropout(0.5f)|]] public static Node Dropped { get; }
                [Dense(1, From = nameof(Dropped))][Output] public static Node Z { get; }
            }
            """);

        [Fact]
        public void BatchNormNodeOnAnOutputDense_ReportsMG0091AtTheNode() => DiagnosticAssert.Reports("MG0091", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(4, From = nameof(X))][Output] public static Node H { get; }
                [[|BatchNormalization(From = nameof(H))|]] public static Node Normalized { get; }
                [Dense(1, From = nameof(Normalized))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void BatchNormNodeMomentumAboveOne_ReportsMG0090AtTheNode() => DiagnosticAssert.Reports("MG0090", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [Dense(4, From = nameof(X))] public static Node H { get; }
                [[|BatchNormalization(From = nameof(H), Momentum = 2f)|]] public static Node Normalized { get; }
                [Dense(1, From = nameof(Normalized))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void ClassLevelDropoutWithFrom_ReportsMG0077() => DiagnosticAssert.Reports("MG0077", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(4)]
            [[|Dropout(0.5f, From = "dense")|]]
            [Dense(1)]
            public partial class Net;
            """);
    }
}
