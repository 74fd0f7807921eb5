using System;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// How a row of <c>units</c> floats is cut into register tiles, decided at generation time: blocks of
    /// <see cref="BlockVectors"/> 8-float vectors in a loop, then one tile of the remaining whole vectors, then a
    /// scalar tail. For 300 units: 9 blocks of 32, one vector at 288, four scalars at 296.
    /// </summary>
    public readonly struct ColumnTiling
    {
        /// <summary>Floats per vector (Vector256).</summary>
        public const int Width = 8;

        /// <summary>Vectors per register block: four accumulators keep the FMA pipes busy without spilling.</summary>
        public const int BlockVectors = 4;

        /// <summary>Cuts <paramref name="units"/> columns.</summary>
        public ColumnTiling(int units)
        {
            Units = units;
            int vectors = units / Width;
            BlockedEnd = vectors / BlockVectors * BlockVectors * Width;
            RemainderVectors = vectors % BlockVectors;
            ScalarStart = vectors * Width;
        }

        /// <summary>The row length.</summary>
        public int Units { get; }

        /// <summary>End of the blocked loop (exclusive): columns [0, BlockedEnd) go in blocks.</summary>
        public int BlockedEnd { get; }

        /// <summary>Whole vectors after the blocks, handled as one tile starting at <see cref="BlockedEnd"/>.</summary>
        public int RemainderVectors { get; }

        /// <summary>First column of the scalar tail; the tail is [ScalarStart, Units).</summary>
        public int ScalarStart { get; }

        /// <summary>
        /// Emits the tiles: <paramref name="vectorTile"/> writes a tile body for a column variable <c>j</c> and a
        /// number of vectors; <paramref name="scalarColumn"/> writes the body for one scalar column <c>j</c>.
        /// </summary>
        public void Write(Emit.CodeWriter w, Action<int> vectorTile, Action scalarColumn)
        {
            if (BlockedEnd > 0)
            {
                int blocks = BlockedEnd / (Width * BlockVectors);
                w.Line($"// Columns [0, {BlockedEnd}): {blocks} block{(blocks > 1 ? "s" : "")} of {BlockVectors} vectors.");
                using (w.Block($"for (int j = 0; j < {BlockedEnd}; j += {Width * BlockVectors})")) vectorTile(BlockVectors);
            }
            if (RemainderVectors > 0)
            {
                w.Line($"// Columns [{BlockedEnd}, {ScalarStart}): {RemainderVectors} vector{(RemainderVectors > 1 ? "s" : "")}.");
                using (w.Open())
                {
                    w.Line($"const int j = {BlockedEnd};");
                    vectorTile(RemainderVectors);
                }
            }
            if (ScalarStart < Units)
            {
                w.Line($"// Columns [{ScalarStart}, {Units}): scalar tail.");
                using (w.Block($"for (int j = {ScalarStart}; j < {Units}; j++)")) scalarColumn();
            }
        }
    }
}
