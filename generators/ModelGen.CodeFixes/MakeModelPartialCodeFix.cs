using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelGen.CodeFixes
{
    /// <summary>
    /// MG0001 ("a [Model] class must be partial"): adds <c>partial</c> as the last modifier, where C# requires it
    /// (CS0267), keeping the declaration's layout.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeModelPartialCodeFix)), Shared]
    public sealed class MakeModelPartialCodeFix : CodeFixProvider
    {
        /// <summary>The diagnostic this fixes: MG0001.</summary>
        public const string DiagnosticId = "MG0001";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                TypeDeclarationSyntax? type = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<TypeDeclarationSyntax>();
                if (type is null || type.Modifiers.Any(SyntaxKind.PartialKeyword)) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Make '{type.Identifier.ValueText}' partial",
                        ct => MakePartialAsync(context.Document, type, ct), equivalenceKey: nameof(MakeModelPartialCodeFix)),
                    diagnostic);
            }
        }

        private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken ct)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root is null) return document;
            return document.WithSyntaxRoot(root.ReplaceNode(type, WithPartial(type)));
        }

        /// <summary>
        /// <c>public class Net</c> becomes <c>public partial class Net</c>. Without modifiers, <c>partial</c> takes over
        /// the keyword's leading trivia (the line break and indentation after the attributes).
        /// </summary>
        internal static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
        {
            if (type.Modifiers.Count > 0)
            {
                return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
            }
            SyntaxToken keyword = type.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type
                .WithModifiers(SyntaxFactory.TokenList(partial))
                .WithKeyword(keyword.WithLeadingTrivia());
        }
    }
}
