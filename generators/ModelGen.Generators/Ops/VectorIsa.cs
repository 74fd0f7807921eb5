using System.Collections.Generic;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// What differs between the vector paths the C# emitter writes: lane count, the DSL names of
    /// <c>ModelGen.CompiledModel</c> (<c>Load16</c>/<c>Load8</c>, ...) and register-block sizes that fit the register file
    /// without spilling (32 zmm for AVX-512, 16 ymm for AVX2).
    /// </summary>
    public sealed class VectorIsa
    {
        /// <summary>AVX-512: 14 rows × 32 columns = 28 accumulators + 2 weight vectors + 1 broadcast = 31 registers.</summary>
        public static readonly VectorIsa Avx512 = new("AVX-512", "512", lanes: 16, rowBlocks: new[] { 14, 4, 1 }, dotRows: 4);

        /// <summary>AVX2 (and the portable 256-bit path): 2 rows × 32 columns = 8 accumulators + 4 + 1 = 13 registers.</summary>
        public static readonly VectorIsa Avx2 = new("AVX2", "256", lanes: 8, rowBlocks: new[] { 2, 1 }, dotRows: 2);

        private VectorIsa(string name, string suffix, int lanes, int[] rowBlocks, int dotRows)
        {
            Name = name;
            Suffix = suffix;
            Lanes = lanes;
            RowBlocks = rowBlocks;
            DotRows = dotRows;
        }

        /// <summary>Name in comments.</summary>
        public string Name { get; }
        /// <summary>Suffix of kernel names: <c>_512</c> or <c>_256</c>.</summary>
        public string Suffix { get; }
        /// <summary>Floats per vector.</summary>
        public int Lanes { get; }
        /// <summary>Row-block heights of the GEMM micro-kernels, largest first; the last is always 1.</summary>
        public IReadOnlyList<int> RowBlocks { get; }
        /// <summary>Rows of the input-gradient kernel (its columns are always <see cref="DotColumns"/>).</summary>
        public int DotRows { get; }
        /// <summary>Columns of the input-gradient kernel: four dot products reduce into one 4-float store.</summary>
        public const int DotColumns = 4;

        /// <summary><c>Load16(p)</c>.</summary>
        public string Load(string pointer) => $"Load{Lanes}({pointer})";
        /// <summary><c>Splat16(x)</c>.</summary>
        public string Splat(string value) => $"Splat{Lanes}({value})";
        /// <summary><c>Zero16</c>.</summary>
        public string Zero => $"Zero{Lanes}";
    }
}
