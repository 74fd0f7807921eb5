using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// Layer (b), focused facts, with layer (c) on every valid declaration: declarations at the edges of what users
    /// write (namespaces, accessibility, partial parts, layer names) compile cleanly, malformed ones never crash.
    /// </summary>
    public sealed class GeneratedCodeTests
    {
        [Fact]
        public void FileScopedNamespace_CompilesCleanly()
        {
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace App.Models;

                [Model]
                [Input(4)]
                [Dense(2)]
                internal sealed partial class Net;
                """);

            Assert.Equal("App.Models.Net.g.cs", Assert.Single(run.GeneratedSources).HintName);
        }

        [Fact]
        public void LayersOnTwoPartialDeclarations_AreReadInOrder()
        {
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace App
                {
                    [Model]
                    [Input(4)]
                    [Dense(8, Activation.Relu)]
                    public partial class Net;

                    [Dense(2)]
                    public partial class Net
                    {
                        public int Extra => 1;
                    }
                }
                """);

            string source = run.SingleSource();
            Assert.Contains("// dense: Dense [4] -> [8], ReLU", source);
            Assert.Contains("// dense_1: Dense [8] -> [2], identity", source);
        }

        [Fact]
        public void SameClassNameInTwoNamespaces_GetsTwoHintNames()
        {
            GeneratorRun run = GeneratorHarness.RunValid(
                "using ModelGen;\nnamespace A { [Model] [Input(4)] [Dense(2)] public partial class Net; }",
                "using ModelGen;\nnamespace B { [Model] [Input(3)] [Dense(1)] public partial class Net; }");

            Assert.Equal(new[] { "A.Net.g.cs", "B.Net.g.cs" }, run.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void LayerNamesThatAreKeywordsOrCollideAfterPascalCasing_CompileCleanly()
        {
            // "a_b", "aB" and "AB" all become the method stem "AB": the planner must make them unique.
            GeneratorRun run = GeneratorHarness.RunValid("""
                using ModelGen;

                namespace App
                {
                    [Model]
                    [Input(4)]
                    [Dense(3, Name = "class")]
                    [Dense(3, Name = "a_b")]
                    [Dense(3, Name = "aB")]
                    [Dense(2, Name = "AB")]
                    public partial class Net;
                }
                """);

            string source = run.SingleSource();
            Assert.Contains("internal void ClassForward(", source);
            Assert.Contains("internal void ABForward(", source);
            Assert.Contains("internal void AB_2Forward(", source);
            Assert.Contains("internal void AB_3Forward(", source);
            Assert.Contains("new(\"class.kernel\", new[] { 4, 3 }, 0, Packed: true,", source);
        }

        [Fact]
        public void SameDeclaration_GeneratesIdenticalText()
        {
            const string declaration = "using ModelGen;\nnamespace App { [Model] [Input(3, 3)] [Flatten] [Dense(20, Activation.Sigmoid)] [Dense(2)] public partial class Net; }";

            string first = GeneratorHarness.RunValid(declaration).SingleSource();
            string second = GeneratorHarness.RunValid(declaration).SingleSource();

            Assert.Equal(first, second);
        }

        [Fact]
        public void NamedArgumentThatDoesNotCompile_LeavesTheErrorToTheCompiler()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using ModelGen;

                [Model]
                [Input(4)]
                [Dense(10, Name = 5)]
                public partial class Net;
                """);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.GeneratedSources);
            Assert.Contains(run.OutputDiagnostics, d => d.Id == "CS0029");
        }

        [Theory]
        [InlineData("[Dense(\"ten\")]", "CS1503")]
        [InlineData("[Dense]", "CS7036")]
        [InlineData("[Dense(UnknownConstant)]", "CS0103")]
        [InlineData("[Dense(10, Activation.Unknown)]", "CS0117")]
        public void ConstructorArgumentThatDoesNotCompile_LeavesTheErrorToTheCompiler(string dense, string compilerError)
        {
            GeneratorRun run = GeneratorHarness.Run($$"""
                using ModelGen;

                [Model]
                [Input(4)]
                {{dense}}
                public partial class Net;
                """);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.GeneratedSources);
            Assert.Contains(run.OutputDiagnostics, d => d.Id == compilerError);
        }

        [Fact]
        public void EveryDescriptor_IsListedInAnalyzerReleases()
        {
            string releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "generators", "ModelGen.Generators", "AnalyzerReleases.Unshipped.md"))
                + File.ReadAllText(Path.Combine(RepositoryRoot(), "generators", "ModelGen.Generators", "AnalyzerReleases.Shipped.md"));
            string[] listed = Regex.Matches(releases, @"^(MG\d{4})\s*\|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            string[] declared = DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();

            Assert.Equal(declared, listed);
        }

        [Fact]
        public void EveryDiagnostic_HasATest()
        {
            // MG0099 is the generator's own failure: it has no declaration that should trigger it.
            string[] tested = typeof(DiagnosticTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .SelectMany(m => Regex.Matches(m.Name, @"MG\d{4}").Select(x => x.Value)).Distinct().ToArray();
            string[] untested = DiagnosticDescriptors.All.Select(d => d.Id).Where(id => id != "MG0099" && !tested.Contains(id)).ToArray();

            Assert.Empty(untested);
        }

        // ---- Declarations that expose generator bugs: skipped until fixed ----

        [Fact]
        public void ModelInKeywordNamespace_CompilesCleanly()
        {
            GeneratorHarness.RunValid("using ModelGen;\nnamespace @event { [Model] [Input(4)] [Dense(2)] public partial class Net; }");
        }

        [Fact]
        public void ModelClassNamedWithAKeyword_CompilesCleanly()
        {
            GeneratorHarness.RunValid("using ModelGen;\nnamespace App { [Model] [Input(4)] [Dense(2)] public partial class @class; }");
        }

        [Theory]
        [InlineData("namespace App { public static class Simd { } }")]
        [InlineData("namespace App { public static class Math { } }")]
        [InlineData("namespace App { public static class MathF { } }")]
        [InlineData("namespace App.System { }")]
        public void UserTypeNamedLikeAFrameworkType_DoesNotBreakGeneratedCode(string userCode)
        {
            GeneratorHarness.RunValid(userCode, """
                using ModelGen;

                namespace App
                {
                    [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
                    [Input(40)]
                    [Dense(20, Activation.Relu)]
                    [Dense(4, Activation.Softmax)]
                    public partial class Net;
                }
                """);
        }

        [Fact]
        public void ModelAttributeOnTwoPartialDeclarations_DoesNotCrash()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using ModelGen;

                namespace App
                {
                    [Model]
                    [Input(4)]
                    public partial class Net;

                    [Model]
                    [Dense(2)]
                    public partial class Net { }
                }
                """);

            Assert.Contains(run.OutputDiagnostics, d => d.Id == "CS0579"); // the compiler's duplicate-attribute error
        }

        [Fact]
        public void InputName_AppearsInTheSummary()
        {
            string source = GeneratorHarness.RunValid("using ModelGen;\nnamespace App { [Model] [Input(4, Name = \"pixels\")] [Dense(2)] public partial class Net; }").SingleSource();

            Assert.Contains("// pixels (Input)", source);
        }

        [Fact]
        public void FileLocalModel_ReportsMG0003AtIdentifier() => DiagnosticAssert.Reports("MG0003", """
            using ModelGen;

            namespace App
            {
                [Model]
                [Input(4)]
                [Dense(2)]
                file partial class [|Net|];
            }
            """);

        private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
    }
}
