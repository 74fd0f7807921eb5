using System;
using System.Collections.Generic;
using System.Text;
using ModelGen.Generators.Emit;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The register-blocked micro-kernels, one method per shape. A GEMM kernel keeps rows × (width / lanes)
    /// accumulators in registers, streams one packed panel row (or dy row) per step, and broadcasts one input per row;
    /// a dot kernel computes a rows × 4 block of input gradients as dot products along packed kernel rows.
    /// </summary>
    public static class MicroKernels
    {
        /// <summary>Attribute that gives generated kernels optimized code from the first call (no tier-0 phase).</summary>
        public const string Optimized = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

        /// <summary>What varies between the two GEMM kernels (forward and kernel gradient): names, loop, addressing, epilogue.</summary>
        public sealed class GemmKernelSpec
        {
            /// <summary>Method name.</summary>
            public string Name = "";
            /// <summary>The summary comment.</summary>
            public string Summary = "";
            /// <summary>Parameter list.</summary>
            public string Parameters = "";
            /// <summary>Loop index name.</summary>
            public string Index = "k";
            /// <summary>Trip count: a constant or <c>count</c>.</summary>
            public string Trip = "";
            /// <summary>The broadcast input of row r at loop index i.</summary>
            public Func<int, string, string> A = (r, i) => "";
            /// <summary>The streamed row (a pointer) at loop index i.</summary>
            public Func<string, string> B = i => "";
            /// <summary>Initial value of accumulator vector v (same for every row); null means zero.</summary>
            public Func<int, string>? Init;
            /// <summary>Where row r, vector v is stored.</summary>
            public Func<int, int, string> Target = (r, v) => "";
            /// <summary>Applied to an accumulator before the store (an activation), or identity.</summary>
            public Func<string, string> Epilogue = c => c;
        }

        /// <summary>Writes one GEMM micro-kernel of <paramref name="rows"/> × <paramref name="width"/>.</summary>
        public static void WriteGemm(CodeWriter w, VectorIsa isa, int rows, int width, GemmKernelSpec s)
        {
            int vectors = width / isa.Lanes;
            w.Line($"/// <summary>{s.Summary} {rows} × {width}, {rows * vectors} accumulators ({isa.Name}).</summary>");
            w.Line(Optimized);
            using (w.Block($"private static void {s.Name}({s.Parameters})"))
            {
                // One-row kernels split the loop into two interleaved accumulator sets: FMA latency needs 4 chains.
                int sets = rows == 1 ? 2 : 1;
                for (int set = 0; set < sets; set++)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        var decl = new List<string>();
                        for (int v = 0; v < vectors; v++)
                        {
                            string init = set == 0 && s.Init is not null ? s.Init(v) : isa.Zero;
                            decl.Add($"{Acc(set, r, v)} = {(set == 0 && r > 0 && s.Init is not null ? Acc(0, 0, v) : init)}");
                        }
                        w.Line(Declare(decl));
                    }
                }
                w.Line($"var a = {isa.Zero};");
                w.Line($"int {s.Index} = 0;");
                if (sets == 2)
                {
                    using (w.Block($"for (; {s.Index} + 2 <= {s.Trip}; {s.Index} += 2)"))
                    {
                        WriteStep(w, isa, rows, vectors, s, 0, s.Index);
                        WriteStep(w, isa, rows, vectors, s, 1, s.Index + " + 1");
                    }
                    using (w.Block($"for (; {s.Index} < {s.Trip}; {s.Index}++)")) WriteStep(w, isa, rows, vectors, s, 0, s.Index);
                    for (int v = 0; v < vectors; v++) w.Line($"{Acc(0, 0, v)} += {Acc(1, 0, v)};");
                }
                else
                {
                    using (w.Block($"for (; {s.Index} < {s.Trip}; {s.Index}++)")) WriteStep(w, isa, rows, vectors, s, 0, s.Index);
                }
                for (int r = 0; r < rows; r++)
                {
                    var stores = new StringBuilder();
                    for (int v = 0; v < vectors; v++)
                    {
                        if (v > 0) stores.Append(' ');
                        stores.Append($"Store({s.Epilogue(Acc(0, r, v))}, {s.Target(r, v)});");
                    }
                    w.Line(stores.ToString());
                }
            }
        }

        private static void WriteStep(CodeWriter w, VectorIsa isa, int rows, int vectors, GemmKernelSpec s, int set, string index)
        {
            var loads = new List<string>();
            for (int v = 0; v < vectors; v++) loads.Add($"b{set}{v} = {isa.Load(Plus(s.B(index), v * isa.Lanes))}");
            w.Line(Declare(loads));
            for (int r = 0; r < rows; r++)
            {
                var line = new StringBuilder($"a = {isa.Splat(s.A(r, index))};");
                for (int v = 0; v < vectors; v++) line.Append($" {Acc(set, r, v)} = Fma(a, b{set}{v}, {Acc(set, r, v)});");
                w.Line(line.ToString());
            }
        }

        /// <summary>
        /// Writes the input-gradient kernel: dx[r, c] = Σ_n dz[r, n] · kernel[k + c, n] for <paramref name="rows"/> rows and
        /// four columns, as dot products along the packed kernel rows (contiguous within each panel).
        /// </summary>
        public static void WriteDot(CodeWriter w, VectorIsa isa, int rows, string name, int inputs, int fullPanels, bool halfPanel, int dxStride, int dzStride)
        {
            int columns = rows == 1 ? 1 : VectorIsa.DotColumns;
            w.Line($"/// <summary>Input gradient, {rows} × {columns}: dot products of dy rows with packed kernel rows ({isa.Name}).</summary>");
            w.Line(Optimized);
            using (w.Block($"private static void {name}(float* dx, float* dz, float* w, int k)"))
            {
                for (int r = 0; r < rows; r++)
                {
                    var decl = new List<string>();
                    for (int c = 0; c < columns; c++) decl.Add($"c{r}_{c} = {isa.Zero}");
                    w.Line(Declare(decl));
                }
                if (fullPanels > 0)
                {
                    using (w.Block($"for (int p = 0; p < {fullPanels}; p++)"))
                    {
                        w.Line($"float* wp = w + p * {32 * inputs} + k * 32;");
                        w.Line("float* zp = dz + p * 32;");
                        WriteDotPanel(w, isa, rows, columns, 32, dzStride);
                    }
                }
                if (halfPanel)
                {
                    using (w.Open())
                    {
                        w.Line($"float* wp = w + {fullPanels * 32 * inputs} + k * 16;");
                        w.Line($"float* zp = dz + {fullPanels * 32};");
                        WriteDotPanel(w, isa, rows, columns, 16, dzStride);
                    }
                }
                for (int r = 0; r < rows; r++)
                {
                    w.Line(columns == 1
                        ? $"dx[{r * dxStride}] = Sum(c{r}_0);"
                        : $"Store(Sum4(c{r}_0, c{r}_1, c{r}_2, c{r}_3), dx + {r * dxStride});");
                }
            }
        }

        private static void WriteDotPanel(CodeWriter w, VectorIsa isa, int rows, int columns, int width, int dzStride)
        {
            for (int v = 0; v < width; v += isa.Lanes)
            {
                var loads = new List<string>();
                for (int c = 0; c < columns; c++) loads.Add($"w{v / isa.Lanes}{c} = {isa.Load(Plus("wp", c * width + v))}");
                w.Line(Declare(loads));
                string z = $"z{v / isa.Lanes}";
                for (int r = 0; r < rows; r++)
                {
                    var line = new StringBuilder($"{(r == 0 ? "var " : "")}{z} = {isa.Load(Plus("zp", r * dzStride + v))};");
                    for (int c = 0; c < columns; c++) line.Append($" c{r}_{c} = Fma({z}, w{v / isa.Lanes}{c}, c{r}_{c});");
                    w.Line(line.ToString());
                }
            }
        }

        /// <summary>One line of <c>var x = ...;</c> statements (C# allows one declarator per implicitly typed declaration).</summary>
        private static string Declare(IEnumerable<string> assignments) => string.Join(" ", System.Linq.Enumerable.Select(assignments, a => $"var {a};"));

        private static string Acc(int set, int row, int vector) => set == 0 ? $"c{row}_{vector}" : $"d{row}_{vector}";

        /// <summary><c>p + 16</c>, or <c>p</c> for a zero offset.</summary>
        public static string Plus(string pointer, int offset) => offset == 0 ? pointer : $"{pointer} + {offset}";
    }
}
