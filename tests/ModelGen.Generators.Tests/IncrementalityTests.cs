using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Plan;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// STYLE.md section 3: the expensive work happens once, and an edit that leaves a plan equal stops the pipeline.
    /// Runs the generator, edits the compilation, runs it again on the same driver, and reads the tracked steps.
    /// </summary>
    /// <remarks>
    /// Reasons seen with Roslyn 4.8: ForAttributeWithMetadataName re-runs the transform of every [Model] class whenever
    /// the compilation changes (its grouped nodes are combined with the compilation), so the
    /// <see cref="ModelGenerator.PlanStep"/> output of an untouched model is <c>Unchanged</c> (re-run, equal), not
    /// <c>Cached</c>; equality then stops the pipeline and everything after it is <c>Cached</c>.
    /// </remarks>
    public sealed class IncrementalityTests
    {
        private const string ModelA = """
            using ModelGen;

            namespace App
            {
                [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
                [Input(4)]
                [Dense(8, Activation.Relu)]
                [Dense(3, Activation.Softmax)]
                public partial class NetA;

                public class Helper
                {
                    public int Answer() => 41;
                }
            }
            """;

        private const string ModelB = """
            using ModelGen;

            namespace App
            {
                [Model]
                [Input(6)]
                [Dense(5, Activation.Tanh)]
                [Dense(1)]
                public partial class NetB;
            }
            """;

        public static TheoryData<string, string> EditsThatKeepThePlan => new()
        {
            // Each row: what the edit is, and what file 0 (ModelA) becomes; "+file" adds an unrelated file instead.
            { "unrelated file added", "+file" },
            { "method body changed in the model's file", ModelA.Replace("=> 41", "=> 42") },
            { "comment added above the model", ModelA.Replace("    [Model(", "    // The classifier.\n    [Model(") },
            { "model moved down by blank lines", ModelA.Replace("namespace App\n{\n", "namespace App\n{\n\n\n\n") },
            { "attribute argument reformatted", ModelA.Replace("[Dense(8, Activation.Relu)]", "[Dense( 8 ,Activation . Relu )]") },
        };

        [Theory]
        [MemberData(nameof(EditsThatKeepThePlan))]
        public void EditThatKeepsThePlan_LeavesPlanUnchangedAndSourceCached(string edit, string newModelA)
        {
            (GeneratorDriver driver, Compilation compilation) = FirstRun();
            string before = SourceOf(driver, "NetA");

            Compilation edited = newModelA == "+file"
                ? compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public class Unrelated { } }", GeneratorHarness.ParseOptions, "Unrelated.cs"))
                : Replace(compilation, 0, newModelA);
            Assert.NotEqual(compilation, edited);
            driver = driver.RunGenerators(edited);
            GeneratorRunResult result = driver.GetRunResult().Results[0];

            Assert.True(result.Exception is null, edit + ": " + result.Exception);
            foreach (string model in new[] { "NetA", "NetB" })
            {
                Assert.Equal(IncrementalStepRunReason.Unchanged, PlanReason(result, model));
                Assert.Equal(IncrementalStepRunReason.Cached, SourceStepReason(result, model));
                Assert.Equal(IncrementalStepRunReason.Cached, SourceOutputReason(result, model));
            }
            Assert.Equal(before, SourceOf(driver, "NetA"));
        }

        [Fact]
        public void UnitsChangedInOneModel_ModifiesOnlyThatModel()
        {
            (GeneratorDriver driver, Compilation compilation) = FirstRun();
            string beforeA = SourceOf(driver, "NetA");
            string beforeB = SourceOf(driver, "NetB");

            driver = driver.RunGenerators(Replace(compilation, 0, ModelA.Replace("[Dense(8, Activation.Relu)]", "[Dense(16, Activation.Relu)]")));
            GeneratorRunResult result = driver.GetRunResult().Results[0];

            Assert.Equal(IncrementalStepRunReason.Modified, PlanReason(result, "NetA"));
            Assert.Equal(IncrementalStepRunReason.Modified, SourceStepReason(result, "NetA"));
            Assert.Equal(IncrementalStepRunReason.Modified, SourceOutputReason(result, "NetA"));

            Assert.Equal(IncrementalStepRunReason.Unchanged, PlanReason(result, "NetB"));
            Assert.Equal(IncrementalStepRunReason.Cached, SourceStepReason(result, "NetB"));
            Assert.Equal(IncrementalStepRunReason.Cached, SourceOutputReason(result, "NetB"));

            string afterA = SourceOf(driver, "NetA");
            Assert.NotEqual(beforeA, afterA);
            Assert.Contains("Dense [4] -> [16]", afterA);
            Assert.Equal(beforeB, SourceOf(driver, "NetB"));
        }

        [Fact]
        public void InvalidModelMoved_ModifiesItsDiagnosticOnly()
        {
            // The plan is null, so nothing reaches the source branch; the diagnostic moves with the declaration.
            const string invalid = """
                using ModelGen;

                namespace App
                {
                    [Model]
                    [Input(4)]
                    [Dense(0)]
                    public partial class Broken;
                }
                """;
            Compilation compilation = GeneratorHarness.CreateCompilation(new[] { invalid, ModelB });
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
            Diagnostic first = Assert.Single(driver.GetRunResult().Results[0].Diagnostics);

            driver = driver.RunGenerators(Replace(compilation, 0, invalid.Replace("namespace App\n{\n", "namespace App\n{\n\n")));
            GeneratorRunResult result = driver.GetRunResult().Results[0];

            Diagnostic moved = Assert.Single(result.Diagnostics);
            Assert.Equal("MG0007", moved.Id);
            Assert.Equal(first.Location.GetLineSpan().StartLinePosition.Line + 1, moved.Location.GetLineSpan().StartLinePosition.Line);
            Result<ModelPlan> broken = PlanResults(result).Single(r => r.Value.Value is null).Value;
            Assert.Equal(IncrementalStepRunReason.Modified, PlanResults(result).Single(r => r.Value.Value is null).Reason);
            Assert.Single(broken.Diagnostics);
            Assert.Equal(IncrementalStepRunReason.Cached, SourceOutputReason(result, "NetB"));
            Assert.Single(result.GeneratedSources);
        }

        [Fact]
        public void SecondRunWithoutEdits_CachesEverything()
        {
            (GeneratorDriver driver, Compilation compilation) = FirstRun();

            driver = driver.RunGenerators(compilation);
            GeneratorRunResult result = driver.GetRunResult().Results[0];

            foreach (string model in new[] { "NetA", "NetB" })
            {
                Assert.Equal(IncrementalStepRunReason.Cached, PlanReason(result, model));
                Assert.Equal(IncrementalStepRunReason.Cached, SourceStepReason(result, model));
                Assert.Equal(IncrementalStepRunReason.Cached, SourceOutputReason(result, model));
            }
        }

        private static (GeneratorDriver, Compilation) FirstRun()
        {
            Compilation compilation = GeneratorHarness.CreateCompilation(new[] { ModelA, ModelB });
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
            GeneratorRunResult result = driver.GetRunResult().Results[0];
            Assert.Empty(result.Diagnostics);
            Assert.Equal(2, result.GeneratedSources.Length);
            Assert.Equal(IncrementalStepRunReason.New, PlanReason(result, "NetA"));
            Assert.Equal(IncrementalStepRunReason.New, SourceOutputReason(result, "NetA"));
            return (driver, compilation);
        }

        private static Compilation Replace(Compilation compilation, int index, string text)
        {
            SyntaxTree tree = compilation.SyntaxTrees.ElementAt(index);
            Assert.NotEqual(tree.ToString(), text); // the edit must really change the file (line endings, indentation)
            return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text)));
        }

        /// <summary>Every output of the plan step with its reason (one step per file holding a [Model] class).</summary>
        private static (Result<ModelPlan> Value, IncrementalStepRunReason Reason)[] PlanResults(GeneratorRunResult result) =>
            result.TrackedSteps[ModelGenerator.PlanStep]
                .SelectMany(step => step.Outputs)
                .Select(o => ((Result<ModelPlan>)o.Value, o.Reason))
                .ToArray();

        private static IncrementalStepRunReason PlanReason(GeneratorRunResult result, string model) =>
            PlanResults(result).Single(r => r.Value.Value?.ClassName == model).Reason;

        private static IncrementalStepRunReason SourceStepReason(GeneratorRunResult result, string model) =>
            result.TrackedSteps[ModelGenerator.SourceStep]
                .SelectMany(step => step.Outputs)
                .Single(o => ((ModelSource)o.Value).Plan.ClassName == model)
                .Reason;

        /// <summary>The reason of the source output (AddSource) for <paramref name="model"/>: the output step fed by the source step.</summary>
        private static IncrementalStepRunReason SourceOutputReason(GeneratorRunResult result, string model)
        {
            ImmutableArray<IncrementalGeneratorRunStep> outputs = result.TrackedOutputSteps["SourceOutput"];
            IncrementalGeneratorRunStep step = outputs.Single(s =>
                s.Inputs.Length == 1
                && s.Inputs[0].Source.Name == ModelGenerator.SourceStep
                && ((ModelSource)s.Inputs[0].Source.Outputs[s.Inputs[0].OutputIndex].Value).Plan.ClassName == model);
            return Assert.Single(step.Outputs).Reason;
        }

        private static string SourceOf(GeneratorDriver driver, string model) =>
            driver.GetRunResult().Results[0].GeneratedSources.Single(s => s.HintName == $"App.{model}.g.cs").SourceText.ToString();
    }
}
