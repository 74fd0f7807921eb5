using System.Runtime.CompilerServices;

// The training-control tests check internal pieces directly (the progress line's rendering).
[assembly: InternalsVisibleTo("ModelGen.Tests")]
