using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ModelGen.Generators.Tests.Infrastructure
{
    /// <summary>
    /// Layer (d): runs the generator on a marked declaration and asserts that it reports exactly the marked diagnostics
    /// (ID and span), produces no source, and does not throw.
    /// </summary>
    internal static class DiagnosticAssert
    {
        /// <summary>The file name the declaration is compiled as.</summary>
        public const string FileName = "Model0.cs";

        /// <summary>
        /// Asserts that <paramref name="markup"/> makes the generator report exactly its marked diagnostics:
        /// <c>[|...|]</c> spans expect <paramref name="id"/>, <c>{|ID:...|}</c> spans expect ID. Nothing else may be
        /// reported, and no file may be generated.
        /// </summary>
        public static GeneratorRun Reports(string id, string markup)
        {
            MarkedSource marked = MarkedSource.Parse(markup);
            Assert.Contains(marked.Spans, s => s.Id is null || s.Id == id);
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(new[] { marked.Source }));

            string[] expected = marked.Spans.Select(s => Describe(s.Id ?? id, s.Span, marked.Source)).OrderBy(s => s, System.StringComparer.Ordinal).ToArray();
            string[] actual = run.GeneratorDiagnostics.Select(d => Describe(d, marked.Source)).OrderBy(s => s, System.StringComparer.Ordinal).ToArray();
            Assert.True(expected.SequenceEqual(actual),
                "Expected diagnostics:\n  " + string.Join("\n  ", expected) + "\nActual diagnostics:\n  " + string.Join("\n  ", actual)
                + "\nAs reported:\n" + GeneratorHarness.Format(run.GeneratorDiagnostics));

            foreach (Diagnostic d in run.GeneratorDiagnostics)
            {
                Assert.Equal(DiagnosticSeverity.Error, d.Severity);
                Assert.Equal(FileName, d.Location.GetLineSpan().Path);
                string message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                Assert.DoesNotContain("{0}", message);
                Assert.DoesNotContain("{1}", message);
            }
            Assert.Empty(run.GeneratedSources);
            return run;
        }

        private static string Describe(Diagnostic d, string source) =>
            d.Location == Location.None ? d.Id + " at <none>" : Describe(d.Id, d.Location.SourceSpan, source);

        private static string Describe(string id, TextSpan span, string source) =>
            span.End <= source.Length ? $"{id} at {span} \"{source.Substring(span.Start, span.Length)}\"" : $"{id} at {span} (past the end)";
    }
}
