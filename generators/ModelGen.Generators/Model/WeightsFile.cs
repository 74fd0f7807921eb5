using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Model
{
    /// <summary>
    /// A safetensors file handed to the compiler as an AdditionalFiles item, read once per change of the file: every
    /// tensor converted to float32, or why it could not be read.
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal: an unchanged file must leave the pipeline cached.</remarks>
    /// <param name="Path">The path the compiler was given.</param>
    /// <param name="Error">Why the file could not be read; null when <see cref="Tensors"/> holds it.</param>
    /// <param name="Tensors">The tensors in file order.</param>
    public sealed record WeightsFile(string Path, string? Error, EquatableArray<FileTensor> Tensors);

    /// <summary>One tensor of a weights file: its name, dtype as written, shape, and its values as float32 (row-major).</summary>
    /// <param name="Values">Empty when <see cref="Dtype"/> is not a float type the generator converts.</param>
    public sealed record FileTensor(string Name, string Dtype, EquatableArray<int> Shape, EquatableArray<float> Values)
    {
        /// <summary>The float dtypes read (F64, F16 and BF16 are converted to F32 exactly or by rounding to nearest).</summary>
        public static bool IsSupported(string dtype) => dtype is "F32" or "F64" or "F16" or "BF16";

        /// <summary>The shape as docs and messages write it: <c>[784, 300]</c>.</summary>
        public string ShapeText => FormatShape(Shape);

        /// <summary><c>[a, b]</c>.</summary>
        public static string FormatShape(EquatableArray<int> shape) => "[" + string.Join(", ", shape) + "]";
    }
}
