using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    // [Normalization] (MG0082: misplaced, MG0083: a multi-dimensional input), and From on Normalization and Flatten.
    public sealed partial class DiagnosticTests
    {
        // ---- MG0082: a sequential Normalization after a Dense, or a second one ----

        [Fact]
        public void NormalizationAfterDense_ReportsMG0082AtNormalization() => DiagnosticAssert.Reports("MG0082", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|Normalization|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void SecondNormalization_ReportsMG0082AtTheSecond() => DiagnosticAssert.Reports("MG0082", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Normalization]
            [[|Normalization(Name = "again")|]]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0083: a Normalization reading a multi-dimensional tensor ----

        [Fact]
        public void NormalizationOfA2DInput_ReportsMG0083AtNormalization() => DiagnosticAssert.Reports("MG0083", """
            using ModelGen;

            [Model]
            [Input(4, 3)]
            [[|Normalization|]]
            [Flatten]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void NormalizationNodeOfA2DInput_ReportsMG0083AtNode() => DiagnosticAssert.Reports("MG0083", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4, 3)] public static Node X { get; }
                [[|Normalization(From = nameof(X))|]] public static Node N { get; }
                [Add(nameof(N), nameof(N))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void NormalizationNodeWithoutFrom_ReportsMG0076AtNode() => DiagnosticAssert.Reports("MG0076", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [[|Normalization|]] public static Node N { get; }
                [Add(nameof(X), nameof(N))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void FromOnClassLevelNormalization_ReportsMG0077() => DiagnosticAssert.Reports("MG0077", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Normalization(From = "x")|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void FlattenNodeWithoutFrom_ReportsMG0076AtNode() => DiagnosticAssert.Reports("MG0076", """
            using ModelGen;

            [Model]
            public partial class Net
            {
                [Input(4)] public static Node X { get; }
                [[|Flatten|]] public static Node F { get; }
                [Add(nameof(X), nameof(F))][Output] public static Node Y { get; }
            }
            """);

        [Fact]
        public void FromOnClassLevelFlatten_ReportsMG0077() => DiagnosticAssert.Reports("MG0077", """
            using ModelGen;

            [Model]
            [Input(4, 2)]
            [[|Flatten(From = "x")|]]
            [Dense(2)]
            public partial class Net;
            """);
    }
}
