using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ModelGen.Generators.Tests.Infrastructure
{
    /// <summary>
    /// Source text with the spans where diagnostics are expected marked inline, as Roslyn's own tests do:
    /// <c>[|text|]</c> marks a span for the diagnostic the test is about, <c>{|MG0005:text|}</c> a span for a named ID.
    /// The markers are stripped before compiling. Attributes therefore read <c>[[|Dense(0)|]]</c>: the outer brackets
    /// are C#, the inner pair marks the attribute (a layer diagnostic's location).
    /// </summary>
    internal sealed class MarkedSource
    {
        private MarkedSource(string source, IReadOnlyList<(string? Id, TextSpan Span)> spans)
        {
            Source = source;
            Spans = spans;
        }

        /// <summary>The source with the markers removed.</summary>
        public string Source { get; }

        /// <summary>The marked spans, in order; <c>Id</c> is null for <c>[|...|]</c>.</summary>
        public IReadOnlyList<(string? Id, TextSpan Span)> Spans { get; }

        /// <summary>Parses <paramref name="markup"/>. Markers do not nest.</summary>
        public static MarkedSource Parse(string markup)
        {
            var source = new StringBuilder();
            var spans = new List<(string?, TextSpan)>();
            int i = 0;
            while (i < markup.Length)
            {
                if (Starts(markup, i, "[|"))
                {
                    int end = markup.IndexOf("|]", i + 2, System.StringComparison.Ordinal);
                    Assert.True(end >= 0, "Unclosed [| marker.");
                    Add(source, spans, null, markup.Substring(i + 2, end - i - 2));
                    i = end + 2;
                }
                else if (Starts(markup, i, "{|"))
                {
                    int colon = markup.IndexOf(':', i + 2);
                    int end = markup.IndexOf("|}", i + 2, System.StringComparison.Ordinal);
                    Assert.True(colon >= 0 && end > colon, "A {| marker needs an ID and a colon: {|MG0005:text|}.");
                    Add(source, spans, markup.Substring(i + 2, colon - i - 2), markup.Substring(colon + 1, end - colon - 1));
                    i = end + 2;
                }
                else
                {
                    source.Append(markup[i++]);
                }
            }
            return new MarkedSource(source.ToString(), spans);
        }

        private static void Add(StringBuilder source, List<(string?, TextSpan)> spans, string? id, string text)
        {
            spans.Add((id, new TextSpan(source.Length, text.Length)));
            source.Append(text);
        }

        private static bool Starts(string text, int at, string marker) => string.CompareOrdinal(text, at, marker, 0, marker.Length) == 0;
    }
}
