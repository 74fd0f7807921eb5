using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Diagnostics
{
    /// <summary>A source location as plain, equatable data (a <see cref="Location"/> holds a syntax tree).</summary>
    public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        /// <summary>Captures <paramref name="location"/>; null when it is not in source.</summary>
        public static LocationInfo? From(Location? location) =>
            location is { IsInSource: true }
                ? new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span)
                : null;

        /// <summary>Recreates the Roslyn location.</summary>
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }

    /// <summary>A diagnostic to report later, as equatable data: descriptor ID, location and message arguments.</summary>
    public sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        /// <summary>Creates the info for <paramref name="descriptor"/> at <paramref name="location"/>.</summary>
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
        {
            var args = new string[arguments.Length];
            for (int i = 0; i < args.Length; i++) args[i] = arguments[i]?.ToString() ?? "";
            return new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>(args));
        }

        /// <summary>The Roslyn diagnostic.</summary>
        public Diagnostic ToDiagnostic()
        {
            object[] args = new object[Arguments.Count];
            for (int i = 0; i < args.Length; i++) args[i] = Arguments[i];
            return Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
        }
    }
}
