using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// Declarations on which <see cref="GeneratorFuzzTests"/> failed, kept as plain tests. The skipped ones are open
    /// generator bugs: each names its switch in <c>Fuzzing/KnownBugs.cs</c>, which steers the fuzzer around it until it
    /// is fixed (then unskip the test and turn the switch off). The others pin behaviour the fuzzer's oracle relies on.
    /// </summary>
    public sealed class FuzzRegressionTests
    {
        // ---- Fixed bugs ----

        [Fact]
        public void TwoModelsWhoseNamesDifferOnlyInCase_GenerateBothWithoutCrashing()
        {
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace Models
                {
                    [Model]
                    [Input(4)]
                    [Dense(2)]
                    public partial class Net { }

                    [Model]
                    [Input(4)]
                    [Dense(2)]
                    public partial class NET { }
                }
                """);

            Assert.Equal(new[] { "Models.NET.g.cs", "Models.Net.2.g.cs" },
                run.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public void ExplicitObjectBase_ReportsMG0004OrCompiles()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using ModelGen;

                [Model]
                [Input(4)]
                [Dense(2)]
                public partial class Net : object { }
                """);

            AssertReportsOrCompiles(run, "MG0004");
        }

        [Fact]
        public void InputWithNullShape_ReportsMG0007NotMG0099() => DiagnosticAssert.Reports("MG0007", """
            using ModelGen;

            [Model]
            [[|Input(null)|]]
            [Flatten]
            [Dense(2)]
            public partial class Net;
            """);

        [Fact]
        public void KernelPastInt32OnlyOncePadded_ReportsMG0016OrPlansASaneArena()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using ModelGen;

                [Model(Optimizer = Optimizer.Sgd)]
                [Input(134217728)]
                [Dense(1)]
                public partial class Net;
                """);

            AssertReportsOrPlansSaneArenas(run);
        }

        [Fact]
        public void AdamStatePastInt32OnlyOncePadded_ReportsMG0016OrPlansASaneArena()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using ModelGen;

                [Model(Optimizer = Optimizer.Adam)]
                [Input(67108864)]
                [Dense(1)]
                public partial class Net;
                """);

            AssertReportsOrPlansSaneArenas(run);
        }

        [Fact]
        public void PReluAlphaPastInt32_ReportsMG0016OrPlansASaneArena()
        {
            // 16 x (2^27 - 2) kernel floats and a 16-float bias slice leave one slice below 2^31; the alpha takes it.
            GeneratorRun run = GeneratorHarness.Run("""
                using ModelGen;

                [Model(Optimizer = Optimizer.Sgd)]
                [Input(134217726)]
                [Dense(1, Activation.PRelu)]
                public partial class Net;
                """);

            AssertReportsOrPlansSaneArenas(run);
        }

        [Fact]
        public void LearnedSwishBetaPastInt32_ReportsMG0016OrPlansASaneArena()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using ModelGen;

                [Model(Optimizer = Optimizer.Sgd)]
                [Input(134217726)]
                [Dense(1, Activation.Swish, LearnBeta = true)]
                public partial class Net;
                """);

            AssertReportsOrPlansSaneArenas(run);
        }

        [Fact]
        public void KernelJustUnderInt32WithoutBias_Generates() => GeneratorHarness.RunValid("""
            using ModelGen;

            [Model(Optimizer = Optimizer.Sgd)]
            [Input(134217727)]
            [Dense(16, UseBias = false)]
            public partial class Net;
            """);

        [Fact]
        public void InputWhoseSizeOverflowsLong_ReportsMG0016() => DiagnosticAssert.Reports("MG0016", """
            using ModelGen;

            [Model(Optimizer = Optimizer.Sgd)]
            [[|Input(1 << 30, 1 << 30, 16)|]]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """);

        [Theory]
        [InlineData("Forward")]
        [InlineData("Output")]
        [InlineData("LossGradient")]
        [InlineData("DenseForward")]
        [InlineData("Dense1Backward")]
        public void ClassNamedLikeAGeneratedMember_ReportsOrCompiles(string className)
        {
            GeneratorRun run = GeneratorHarness.Run($$"""
                using ModelGen;

                [Model]
                [Input(4)]
                [Dense(8, Activation.Relu)]
                [Dense(2)]
                public partial class {{className}};
                """);

            AssertReportsOrCompiles(run);
        }

        [Theory]
        [InlineData("[Model(Optimizer = 1)] [Input(4)] [Dense(2)]")]                              // CS0266
        [InlineData("[Model(LearningRate = 0.1)] [Input(4)] [Dense(2)]")]                         // CS0664
        [InlineData("[Model(UnrollThreshold = 256L)] [Input(4)] [Dense(2)]")]                     // CS0266
        [InlineData("[Model(Foo = 1)] [Input(4)] [Dense(2)]")]                                    // CS0246
        [InlineData("[Model] [Input(4)] [Dense(2, KernelInit = 1)]")]                             // CS0266
        [InlineData("[Model] [Input(4)] [Dense(2, UseBias = true, UseBias = false)]")]            // CS0643
        [InlineData("[Model(Loss = Loss.MeanSquaredError, Loss = Loss.MeanSquaredError)] [Input(4)] [Dense(2)]")] // CS0643
        [InlineData("[Model] [Input(new int[] { 3.5f })] [Dense(2)]")]                           // CS0266
        public void RecoveredArgumentError_GeneratesNoFile(string attributes) =>
            AssertCompilerErrorAndNoFile("using ModelGen;\n\n" + attributes + "\npublic partial class Net;\n");

        // ---- Behaviour the oracle relies on ----

        /// <summary>The first seed that failed: a model in <c>namespace System</c> reports where its attribute is.</summary>
        [Fact]
        public void ModelInNamespaceSystem_ReportsUnknownInitAtTheDense() => DiagnosticAssert.Reports("MG0011", """
            using ModelGen;
            namespace System
            {
                [Model(Optimizer = Optimizer.Adam), Input(3), [|Dense(6, activation: Activation.Identity, UseBias = false, KernelInit = Init.HeNormal, BiasInit = (Init)99)|], global::System.Serializable, Dense(8, Activation.Sigmoid, BiasInit = Init.Zeros)]
                public partial class ModelLayout { }
            }
            """);

        /// <summary>An interface-only base list is not a base class: CompiledModel implements IDisposable for it.</summary>
        [Fact]
        public void InterfaceOnlyBaseListInKeywordNamespace_Compiles() => GeneratorHarness.RunValid("""
            using ModelGen;

            namespace B.@class.@class
            {
                [Model(Loss = 0, Optimizer = Optimizer.Adam, LearningRate = 0.5F, FromLogits = false), Input(7), Flatten, Dense(51, UseBias = false, BiasInit = Init.Default), Dense(6, Activation.Tanh), Dense(22, Activation.Identity), Dense(22)]
                partial class Réseau : global::System.IDisposable;
            }
            """);

        /// <summary>
        /// A literal out of float's range is the compiler's error (CS0594); Roslyn still binds it to infinity, so ModelGen
        /// may add MG0012, and must generate nothing.
        /// </summary>
        [Fact]
        public void LearningRateOutOfFloatRange_IsACompilerErrorAndGeneratesNoFile()
        {
            GeneratorRun run = AssertCompilerErrorAndNoFile("""
                using ModelGen;

                [Model(Loss = Loss.SparseCategoricalCrossEntropy, LearningRate = 1e39f)]
                [Input(59)]
                [Dense(11, Activation.Softmax)]
                public partial class Net2;
                """);

            Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("MG0012", d.Id));
        }

        /// <summary>Arguments the compiler cannot bind: ModelGen reports nothing about the layers and generates nothing.</summary>
        [Theory]
        [InlineData("[Model] [Input(4)] [Dense(\"3\")]")]
        [InlineData("[Model] [Input(4)] [Dense(activation: Activation.Relu)]")]
        [InlineData("[Model] [Input(new[] { (short)2 })] [Dense(2)]")]
        [InlineData("[Model(FromLogits = 1)] [Input(4)] [Dense(2)]")]
        [InlineData("[Model] [Model] [Input(4)] [Dense(2)]")]
        public void ArgumentTheCompilerRejects_GeneratorStaysSilent(string attributes)
        {
            GeneratorRun run = AssertCompilerErrorAndNoFile("using ModelGen;\n\n" + attributes + "\npublic partial class Net;\n");

            Assert.Empty(run.GeneratorDiagnostics);
        }

        /// <summary>Loss = 1 is CS0266, yet Roslyn binds cross-entropy; what ModelGen says of it must fit that value.</summary>
        [Fact]
        public void LossFromAnIntLiteral_IsACompilerErrorAndAnyDiagnosticFitsTheBoundValue()
        {
            GeneratorRun run = AssertCompilerErrorAndNoFile("""
                using ModelGen;

                [Model(Loss = 1)]
                [Input(4)]
                [Dense(3)]
                public partial class Net;
                """);

            Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("MG0010", d.Id));
        }

        // ---- Helpers ----

        private static GeneratorRun AssertCompilerErrorAndNoFile(string source)
        {
            Compilation compilation = GeneratorHarness.CreateCompilation(new[] { source });
            Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
            GeneratorRun run = GeneratorHarness.Run(compilation);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "MG0099");
            Assert.Empty(run.GeneratedSources);
            return run;
        }

        /// <summary>Either an error diagnostic (<paramref name="id"/> if given) and no file, or a file that compiles cleanly.</summary>
        private static void AssertReportsOrCompiles(GeneratorRun run, string? id = null)
        {
            if (!run.GeneratorDiagnostics.IsEmpty)
            {
                if (id is not null) Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id);
                Assert.Empty(run.GeneratedSources);
                return;
            }
            GeneratorHarness.AssertCompilesCleanly(run);
        }

        /// <summary>Either MG0016 and no file, or a file whose arena sizes are not negative.</summary>
        private static void AssertReportsOrPlansSaneArenas(GeneratorRun run)
        {
            if (run.GeneratedSources.IsEmpty)
            {
                Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "MG0016");
                return;
            }
            foreach (Match m in Regex.Matches(run.SingleSource(), @"(parameterFloats|optimizerStateFloats|activationFloatsPerSample): (-?\d+)"))
            {
                Assert.False(m.Groups[2].Value.StartsWith('-'), "negative arena size: " + m.Value);
            }
        }
    }
}
