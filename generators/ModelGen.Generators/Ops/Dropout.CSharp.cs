using System.Globalization;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// [Dropout(rate)] after a Dense layer: a pass over the layer's finished rows (still hot in L1) that, while training,
    /// zeroes each element whose noise draw is below the rate and scales the survivors by 1 / (1 - rate); at inference
    /// nothing is emitted into the path at all beyond the <c>Training</c> test. The mask is not stored: the backward
    /// pass recomputes it from the same noise key (CompiledModel.Dropout.cs), as RReLU recomputes its slopes.
    /// </summary>
    public static class DropoutCSharp
    {
        /// <summary>
        /// The noise stream of a layer's dropout: its output buffer, tagged so it never meets the RReLU stream of the
        /// same layer (which is the bare output buffer).
        /// </summary>
        public static string Stream(DensePlan d) => $"0x{(0x40000000u | (uint)d.OutputBuffer).ToString("X8", CultureInfo.InvariantCulture)}u";

        /// <summary>The forward pass's dropout line, at the end of <c>Forward(y, x, count)</c>; nothing without dropout.</summary>
        public static void WriteForward(CodeWriter w, DensePlan d)
        {
            if (d.DropoutRate == 0f) return;
            if (d.AlphaDropout)
            {
                w.Line($"// AlphaDropout({Literal(d.DropoutRate)}) on {d.Name}'s output while training: y = a · (mask ? y : α') + b; the identity at inference.");
                w.Line($"if (Training) AlphaDropoutForward(y, count, {d.Units}, {d.PaddedUnits}, {Stream(d)}, {Literal(d.DropoutRate)});");
                return;
            }
            w.Line($"// Dropout({Literal(d.DropoutRate)}) on {d.Name}'s output while training: y = mask · y / (1 - rate); the identity at inference.");
            w.Line($"if (Training) DropoutForward(y, count, {d.Units}, {d.PaddedUnits}, {Stream(d)}, {Literal(d.DropoutRate)});");
        }

        /// <summary>The backward pass's dropout line, first in <c>Backward</c>: dy = mask · dy / (1 - rate), and y back to the activation's output.</summary>
        public static void WriteBackward(CodeWriter w, DensePlan d)
        {
            if (d.DropoutRate == 0f) return;
            if (d.AlphaDropout)
            {
                w.Line($"AlphaDropoutBackward(y, dy, count, {d.Units}, {d.PaddedUnits}, {Stream(d)}, {Literal(d.DropoutRate)}); // AlphaDropout({Literal(d.DropoutRate)}): the forward pass's mask, recomputed");
                return;
            }
            w.Line($"DropoutBackward(y, dy, count, {d.Units}, {d.PaddedUnits}, {Stream(d)}, {Literal(d.DropoutRate)}); // Dropout({Literal(d.DropoutRate)}): the forward pass's mask, recomputed");
        }

        private static string Literal(float value) => OptimizerCSharp.Literal(value);
    }
}
