using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// Layer (d): one minimal bad declaration per diagnostic, asserting the ID and where it is reported (the attribute
    /// for a layer or option problem, the class identifier for a class problem). <c>[|...|]</c> marks the expected
    /// span of the test's diagnostic; <c>{|ID:...|}</c> marks another expected diagnostic. Each test also asserts
    /// that nothing else is reported, no source is generated and the generator does not throw.
    /// </summary>
    public sealed partial class DiagnosticTests
    {
        // ---- MG0001: the class is not partial ----

        [Fact]
        public void ClassNotPartial_ReportsMG0001AtIdentifier() => DiagnosticAssert.Reports("MG0001", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(2)]
            public class [|Net|];
            """);

        // ---- MG0002: not a plain class ----

        [Fact]
        public void Struct_ReportsMG0002AtIdentifier() => DiagnosticAssert.Reports("MG0002", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(2)]
            public partial struct [|Net|] { }
            """);

        [Fact]
        public void Record_ReportsMG0002AtIdentifier() => DiagnosticAssert.Reports("MG0002", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(2)]
            public partial record [|Net|];
            """);

        [Fact]
        public void StaticClass_ReportsMG0002AtIdentifier() => DiagnosticAssert.Reports("MG0002", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(2)]
            public static partial class [|Net|] { }
            """);

        // ---- MG0003: nested or generic ----

        [Fact]
        public void NestedClass_ReportsMG0003AtIdentifier() => DiagnosticAssert.Reports("MG0003", """
            using ModelGen;

            public partial class Outer
            {
                [Model]
                [Input(4)]
                [Dense(2)]
                public partial class [|Net|];
            }
            """);

        [Fact]
        public void GenericClass_ReportsMG0003AtIdentifier() => DiagnosticAssert.Reports("MG0003", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(2)]
            public partial class [|Net|]<T>;
            """);

        // ---- MG0004: a base class ----

        [Fact]
        public void BaseClass_ReportsMG0004AtIdentifier() => DiagnosticAssert.Reports("MG0004", """
            using ModelGen;

            public class Base { }

            [Model]
            [Input(4)]
            [Dense(2)]
            public partial class [|Net|] : Base;
            """);

        // ---- MG0005: no input ----

        [Fact]
        public void DenseWithoutInput_ReportsMG0005AtIdentifier() => DiagnosticAssert.Reports("MG0005", """
            using ModelGen;

            [Model]
            [Dense(2)]
            public partial class [|Net|];
            """);

        [Fact]
        public void ModelWithoutLayers_ReportsMG0005AtIdentifier() => DiagnosticAssert.Reports("MG0005", """
            using ModelGen;

            [Model]
            public partial class [|Net|];
            """);

        // ---- MG0006: input not first, or twice ----

        [Fact]
        public void InputAfterDense_ReportsMG0006AtInput() => DiagnosticAssert.Reports("MG0006", """
            using ModelGen;

            [Model]
            [Dense(2)]
            [[|Input(4)|]]
            public partial class Net;
            """);

        [Fact]
        public void InputTwice_ReportsMG0006AtSecondInput() => DiagnosticAssert.Reports("MG0006", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Input(4)|]]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0007: a size is zero or negative ----

        [Fact]
        public void DenseWithZeroUnits_ReportsMG0007AtDense() => DiagnosticAssert.Reports("MG0007", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(0)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void DenseWithNegativeUnits_ReportsMG0007AtDense() => DiagnosticAssert.Reports("MG0007", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(-3)|]]
            public partial class Net;
            """);

        [Fact]
        public void InputWithZeroDimension_ReportsMG0007AtInput() => DiagnosticAssert.Reports("MG0007", """
            using ModelGen;

            [Model]
            [[|Input(0)|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void InputWithNegativeDimension_ReportsMG0007AtInput() => DiagnosticAssert.Reports("MG0007", """
            using ModelGen;

            [Model]
            [[|Input(3, -2)|]]
            [Flatten]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void InputWithoutShape_ReportsMG0007AtInput() => DiagnosticAssert.Reports("MG0007", """
            using ModelGen;

            [Model]
            [[|Input|]]
            [Flatten]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0008: Dense on a multi-dimensional input ----

        [Fact]
        public void DenseAfter2DInputWithoutFlatten_ReportsMG0008AtDense() => DiagnosticAssert.Reports("MG0008", """
            using ModelGen;

            [Model]
            [Input(28, 28)]
            [[|Dense(10)|]]
            public partial class Net;
            """);

        // ---- MG0009: no Dense layer ----

        [Fact]
        public void InputOnly_ReportsMG0009AtIdentifier() => DiagnosticAssert.Reports("MG0009", """
            using ModelGen;

            [Model]
            [Input(4)]
            public partial class [|Net|];
            """);

        [Fact]
        public void InputAndFlattenOnly_ReportsMG0009AtIdentifier() => DiagnosticAssert.Reports("MG0009", """
            using ModelGen;

            [Model]
            [Input(2, 2)]
            [Flatten]
            public partial class [|Net|];
            """);

        // ---- MG0010: the output does not fit the loss ----

        [Fact]
        public void CrossEntropyWithOneUnit_ReportsMG0010AtOutputDense() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
            [Input(4)]
            [[|Dense(1, Activation.Softmax)|]]
            public partial class Net;
            """);

        [Fact]
        public void FromLogitsWithSoftmaxOutput_ReportsMG0010AtOutputDense() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model(Loss = Loss.SparseCategoricalCrossEntropy, FromLogits = true)]
            [Input(4)]
            [Dense(8, Activation.Relu)]
            [[|Dense(3, Activation.Softmax)|]]
            public partial class Net;
            """);

        [Fact]
        public void CrossEntropyOnProbabilitiesWithoutSoftmax_ReportsMG0010AtOutputDense() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
            [Input(4)]
            [Dense(8, Activation.Softmax)]
            [[|Dense(3, Activation.Sigmoid)|]]
            public partial class Net;
            """);

        [Fact]
        public void FromLogitsWithMeanSquaredError_ReportsMG0010AtModel() => DiagnosticAssert.Reports("MG0010", """
            using ModelGen;

            [[|Model(Loss = Loss.MeanSquaredError, FromLogits = true)|]]
            [Input(4)]
            [Dense(3)]
            public partial class Net;
            """);

        // ---- MG0011: an enum value that is not defined ----

        [Fact]
        public void UnknownActivation_ReportsMG0011AtDense() => DiagnosticAssert.Reports("MG0011", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, (Activation)42)|]]
            public partial class Net;
            """);

        [Fact]
        public void UnknownKernelInit_ReportsMG0011AtDense() => DiagnosticAssert.Reports("MG0011", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, KernelInit = (Init)5)|]]
            public partial class Net;
            """);

        [Fact]
        public void UnknownBiasInit_ReportsMG0011AtDense() => DiagnosticAssert.Reports("MG0011", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, BiasInit = (Init)(-1))|]]
            public partial class Net;
            """);

        [Fact]
        public void UnknownLoss_ReportsMG0011AtModel() => DiagnosticAssert.Reports("MG0011", """
            using ModelGen;

            [[|Model(Loss = (Loss)7)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void UnknownOptimizer_ReportsMG0011AtModel() => DiagnosticAssert.Reports("MG0011", """
            using ModelGen;

            [[|Model(Optimizer = (Optimizer)9)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0012: the learning rate ----

        [Fact]
        public void NegativeLearningRate_ReportsMG0012AtModel() => DiagnosticAssert.Reports("MG0012", """
            using ModelGen;

            [[|Model(LearningRate = -0.1f)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void NaNLearningRate_ReportsMG0012AtModel() => DiagnosticAssert.Reports("MG0012", """
            using ModelGen;

            [[|Model(LearningRate = float.NaN)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void InfiniteLearningRate_ReportsMG0012AtModel() => DiagnosticAssert.Reports("MG0012", """
            using ModelGen;

            [[|Model(LearningRate = float.PositiveInfinity)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0013: duplicate layer names ----

        [Fact]
        public void TwoLayersWithTheSameName_ReportsMG0013AtSecond() => DiagnosticAssert.Reports("MG0013", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8, Name = "hidden")]
            [[|Dense(2, Name = "hidden")|]]
            public partial class Net;
            """);

        [Fact]
        public void NameEqualToADefaultName_ReportsMG0013AtSecond() => DiagnosticAssert.Reports("MG0013", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(8)]
            [[|Dense(2, Name = "dense")|]]
            public partial class Net;
            """);

        // ---- MG0014: unsafe code not allowed ----

        [Fact]
        public void UnsafeNotAllowed_ReportsMG0014WithoutLocation()
        {
            Compilation compilation = GeneratorHarness.CreateCompilation(new[] { """
                using ModelGen;

                [Model]
                [Input(4)]
                [Dense(2)]
                public partial class Net;
                """ }, allowUnsafe: false);

            GeneratorRun run = GeneratorHarness.Run(compilation);

            Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("MG0014", diagnostic.Id);
            Assert.Equal(Location.None, diagnostic.Location);
            Assert.Contains("'Net'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        [Fact]
        public void UnsafeNotAllowed_GeneratesNoSource()
        {
            Compilation compilation = GeneratorHarness.CreateCompilation(new[] { """
                using ModelGen;

                [Model]
                [Input(4)]
                [Dense(2)]
                public partial class Net;
                """ }, allowUnsafe: false);

            GeneratorRun run = GeneratorHarness.Run(compilation);

            Assert.DoesNotContain(run.OutputDiagnostics, d => d.Id == "CS0227");
            Assert.Empty(run.GeneratedSources);
        }

        // ---- MG0015: a layer name that is not an identifier ----

        [Fact]
        public void LayerNameStartingWithDigit_ReportsMG0015AtDense() => DiagnosticAssert.Reports("MG0015", """
            using ModelGen;

            [Model]
            [Input(4)]
            [[|Dense(2, Name = "1st")|]]
            public partial class Net;
            """);

        [Fact]
        public void LayerNameWithSpace_ReportsMG0015AtFlatten() => DiagnosticAssert.Reports("MG0015", """
            using ModelGen;

            [Model]
            [Input(2, 2)]
            [[|Flatten(Name = "flat layer")|]]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void EmptyLayerName_ReportsMG0015AtInput() => DiagnosticAssert.Reports("MG0015", """
            using ModelGen;

            [Model]
            [[|Input(4, Name = "")|]]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0016: too large ----

        [Fact]
        public void DenseWithBillionsOfWeights_ReportsMG0016AtDense() => DiagnosticAssert.Reports("MG0016", """
            using ModelGen;

            [Model]
            [Input(50000)]
            [[|Dense(50000)|]]
            public partial class Net;
            """);

        [Fact]
        public void AdamStatePastInt32_ReportsMG0016AtDenseThatCrossesTheLimit() => DiagnosticAssert.Reports("MG0016", """
            using ModelGen;

            [Model(Optimizer = Optimizer.Adam)]
            [Input(20000)]
            [Dense(20000)]
            [Dense(20000)]
            [[|Dense(20000)|]]
            public partial class Net;
            """);

        [Fact]
        public void ParametersPastInt32_ReportsMG0016AtDenseThatCrossesTheLimit() => DiagnosticAssert.Reports("MG0016", """
            using ModelGen;

            [Model(Optimizer = Optimizer.Sgd)]
            [Input(20000)]
            [Dense(20000)]
            [Dense(20000)]
            [Dense(20000)]
            [Dense(20000)]
            [Dense(20000)]
            [[|Dense(20000)|]]
            public partial class Net;
            """);

        // ---- MG0017: unroll threshold ----

        [Fact]
        public void NegativeUnrollThreshold_ReportsMG0017AtModel() => DiagnosticAssert.Reports("MG0017", """
            using ModelGen;

            [[|Model(UnrollThreshold = -1)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0018: momentum ----

        [Fact]
        public void MomentumAboveOne_ReportsMG0018AtModel() => DiagnosticAssert.Reports("MG0018", """
            using ModelGen;

            [[|Model(Optimizer = Optimizer.Sgd, Momentum = 1.5f)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void MomentumWithAdam_ReportsMG0018AtModel() => DiagnosticAssert.Reports("MG0018", """
            using ModelGen;

            [[|Model(Optimizer = Optimizer.Adam, Momentum = 0.9f)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void NesterovWithoutMomentum_ReportsMG0018AtModel() => DiagnosticAssert.Reports("MG0018", """
            using ModelGen;

            [[|Model(Optimizer = Optimizer.Sgd, Nesterov = true)|]]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);

        // ---- MG0019: class named like a generated member ----

        [Fact]
        public void ClassNamedLikeAGeneratedMember_ReportsMG0019AtClass() => DiagnosticAssert.Reports("MG0019", """
            using ModelGen;

            [Model]
            [Input(4)]
            [Dense(2)]
            public partial class [|DenseForward|];
            """);
    }
}
