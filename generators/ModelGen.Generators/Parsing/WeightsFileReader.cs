using Microsoft.CodeAnalysis;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Parsing
{
    /// <summary>
    /// Reads a weights file handed to the compiler as an AdditionalFiles item. Roslyn gives additional files to
    /// generators as text only (<see cref="AdditionalText.GetText"/>, decoded with an encoding: binary bytes do not
    /// survive it) and has no binary API (dotnet/roslyn#47292, open), so the bytes are read from
    /// <see cref="AdditionalText.Path"/>. The read happens in a Select over the additional-texts provider, so it runs
    /// once per version of the file as the compiler sees it, never per edit of the code.
    /// </summary>
    public static class WeightsFileReader
    {
        /// <summary>Reads and parses <paramref name="text"/>'s file; an I/O failure becomes the file's error.</summary>
        public static WeightsFile Read(AdditionalText text)
        {
            try
            {
#pragma warning disable RS1035 // Reading the additional file's own bytes: the only way to read a binary additional file (see above).
                byte[] bytes = System.IO.File.ReadAllBytes(text.Path);
#pragma warning restore RS1035
                return SafeTensorsReader.Read(text.Path, bytes);
            }
            catch (System.Exception e) when (e is System.IO.IOException or System.UnauthorizedAccessException or System.ArgumentException or System.NotSupportedException)
            {
                return new WeightsFile(text.Path, e.Message, Helpers.EquatableArray<FileTensor>.Empty);
            }
        }
    }
}
