using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ModelGen.CodeFixes;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// Code fixes, applied the way the IDE applies them: the generator's diagnostic from a real run, the fix's code
    /// action from a workspace document, then the generator again on the fixed text.
    /// </summary>
    public sealed class CodeFixTests
    {
        [Theory]
        [InlineData("public class Net { }", "public partial class Net { }")]
        [InlineData("class Net { }", "partial class Net { }")]
        [InlineData("public sealed class Net { }", "public sealed partial class Net { }")]
        [InlineData("internal unsafe class Net { }", "internal unsafe partial class Net { }")]
        public async Task MakePartial_FixesMG0001AndTheModelGenerates(string declaration, string expected)
        {
            string source = "using ModelGen;\n\nnamespace App\n{\n    [Model]\n    [Input(4)]\n    [Dense(2)]\n    " + declaration + "\n}\n";

            string fixedSource = await ApplyOnlyFix(new MakeModelPartialCodeFix(), source, "MG0001");

            Assert.Equal(source.Replace(declaration, expected), fixedSource);
            GeneratorRun again = GeneratorHarness.RunValid(fixedSource);
            Assert.Single(again.GeneratedSources);
        }

        [Fact]
        public async Task MakePartial_KeepsAttributesAndLayoutWhenTheClassHasNoModifiers()
        {
            const string source = "using ModelGen;\n\n[Model]\n[Input(4)]\n[Dense(2)]\nclass Net\n{\n}\n";

            string fixedSource = await ApplyOnlyFix(new MakeModelPartialCodeFix(), source, "MG0001");

            Assert.Equal("using ModelGen;\n\n[Model]\n[Input(4)]\n[Dense(2)]\npartial class Net\n{\n}\n", fixedSource);
        }

        [Fact]
        public void MakePartial_OffersNothingForOtherDiagnostics() =>
            Assert.Equal(new[] { "MG0001" }, new MakeModelPartialCodeFix().FixableDiagnosticIds.ToArray());

        /// <summary>
        /// Runs the generator on <paramref name="source"/>, expects exactly one <paramref name="id"/> diagnostic, asks
        /// <paramref name="fix"/> for its actions on it, expects exactly one, applies it and returns the new text.
        /// </summary>
        private static async Task<string> ApplyOnlyFix(CodeFixProvider fix, string source, string id)
        {
            GeneratorRun run = GeneratorHarness.Run(source);
            Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);

            using var workspace = new AdhocWorkspace();
            Project project = workspace.CurrentSolution
                .AddProject("App", "App", LanguageNames.CSharp)
                .WithParseOptions(GeneratorHarness.ParseOptions)
                .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true))
                .AddMetadataReferences(GeneratorHarness.References);
            Document document = project.AddDocument("Model0.cs", SourceText.From(source));

            var actions = ImmutableArray.CreateBuilder<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await fix.RegisterCodeFixesAsync(context);
            CodeAction only = Assert.Single(actions);

            ImmutableArray<CodeActionOperation> operations = await only.GetOperationsAsync(CancellationToken.None);
            Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
            SourceText text = await changed.GetDocument(document.Id)!.GetTextAsync();
            return text.ToString();
        }
    }
}
