using System;

namespace ModelGen.Kernels
{
    /// <summary>
    /// The packed layout of a Dense kernel W [K, N]: column panels of 32 floats (two 512-bit vectors), each stored as
    /// K contiguous rows, so a micro-kernel streams one panel front to back. N is padded to a multiple of 16 with zero
    /// columns; when the padded width is an odd multiple of 16 the last panel is 16 wide. Gradients and optimizer
    /// state share the layout (they are element-wise), so nothing is ever repacked during training.
    /// </summary>
    /// <remarks>The generator computes the same offsets at compile time (Planning/PanelLayout.cs); tests check both agree.</remarks>
    public static unsafe class PanelLayout
    {
        /// <summary>Columns of a full panel.</summary>
        public const int PanelWidth = 32;

        /// <summary>Columns are padded to a multiple of this (one 512-bit vector).</summary>
        public const int ColumnAlign = 16;

        /// <summary>N rounded up to a multiple of 16: the row length of padded activation buffers too.</summary>
        public static int PaddedColumns(int n) => (n + ColumnAlign - 1) / ColumnAlign * ColumnAlign;

        /// <summary>Floats the packed kernel occupies.</summary>
        public static int PackedLength(int k, int n) => k * PaddedColumns(n);

        /// <summary>Offset of element (row, column) of a [k, n] kernel in the packed layout.</summary>
        public static int Offset(int row, int column, int k, int n)
        {
            int panel = column / PanelWidth;
            int width = Math.Min(PanelWidth, PaddedColumns(n) - panel * PanelWidth);
            return panel * PanelWidth * k + row * width + column % PanelWidth;
        }

        /// <summary>Writes the row-major [k, n] <paramref name="logical"/> into the packed kernel (padding becomes 0).</summary>
        public static void Pack(ReadOnlySpan<float> logical, float* packed, int k, int n)
        {
            new Span<float>(packed, PackedLength(k, n)).Clear();
            for (int row = 0; row < k; row++)
            {
                for (int column = 0; column < n; column++) packed[Offset(row, column, k, n)] = logical[row * n + column];
            }
        }

        /// <summary>Reads the packed kernel back into row-major [k, n] <paramref name="logical"/>.</summary>
        public static void Unpack(float* packed, Span<float> logical, int k, int n)
        {
            for (int row = 0; row < k; row++)
            {
                for (int column = 0; column < n; column++) logical[row * n + column] = packed[Offset(row, column, k, n)];
            }
        }
    }
}
