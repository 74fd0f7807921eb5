using System;

namespace ModelGen
{
    /// <summary>
    /// Compiles the weights of a safetensors file into the class: an inference-only model (a
    /// <see cref="FrozenModel"/>) with the weights as constant data in the assembly, already packed for the kernels,
    /// and no gradient, optimizer or training code. Use it in place of [Model], on a partial class that carries the
    /// same [Input]/[Flatten]/[Dense]/[BatchNormalization]/[Dropout] declaration as the trainable model whose <c>Save</c>
    /// wrote the file (dropout is removed: it is the identity at inference; batch normalization is folded into the Dense weights).
    /// </summary>
    /// <remarks>
    /// The file must be an <c>AdditionalFiles</c> item of the project. <see cref="Path"/> names it by its path
    /// relative to the project or by its file name: it matches the one additional file whose full path ends with it at
    /// a folder boundary (docs/embedding.md). Every tensor is checked against the declaration at compile time.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class FrozenWeightsAttribute : Attribute
    {
        /// <summary>Names the weights file, e.g. <c>[FrozenWeights("weights/fashion.safetensors")]</c>.</summary>
        public FrozenWeightsAttribute(string path) => Path = path;

        /// <summary>The weights file: a path relative to the project, or a file name (see the remarks).</summary>
        public string Path { get; }

        /// <summary>
        /// Layers with at most this many kernel weights (inputs × units) are unrolled into straight-line code with the
        /// weights written as literals in the arithmetic; larger ones read packed constant data. Default 256, as [Model].
        /// </summary>
        public int UnrollThreshold { get; set; } = 256;

        /// <summary>
        /// False (default): the packed kernels are read in place from the assembly's constant data (4-byte aligned;
        /// nothing is copied). True: they are copied once per process, on first use, into one 64-byte-aligned native
        /// block (never freed, as the image's data is not), so every weight row starts on a cache line as in the
        /// trainable model's arena; one allocation of the packed weights' size. Measured in docs/embedding.md.
        /// </summary>
        public bool AlignWeights { get; set; }
    }
}
