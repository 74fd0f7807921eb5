using ModelGen.Generators.Diagnostics;

namespace ModelGen.Generators.Helpers
{
    /// <summary>
    /// What a pipeline stage hands on: a value (null when the input was invalid) and the diagnostics it found.
    /// Both are equatable, so the incremental pipeline caches results.
    /// </summary>
    public sealed record Result<T>(T? Value, EquatableArray<DiagnosticInfo> Diagnostics)
        where T : class;
}
