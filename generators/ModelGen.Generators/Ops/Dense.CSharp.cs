using System.Collections.Generic;
using System.Text;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Dense in C#, all in one place: the forward pass (x · kernel + bias, then the activation, fused in the
    /// micro-kernel's registers), and the backward pass split into its four steps (activation derivative, kernel
    /// gradient written straight into the packed layout, bias gradient, input gradient). Each step is an internal
    /// method so benchmarks can time it alone; each shape's micro-kernel is one private method below them.
    /// </summary>
    public static class DenseCSharp
    {
        private static readonly VectorIsa[] s_paths = { VectorIsa.Avx512, VectorIsa.Avx2 };

        /// <summary>Writes everything of one Dense layer.</summary>
        public static void Write(CodeWriter w, DensePlan d, string className, bool lossGaveDz, int runTimeFlag = -1)
        {
            WriteForward(w, d, className);
            w.Line();
            WriteBackward(w, d, lossGaveDz, runTimeFlag);
            w.Line();
            WriteActivationBackward(w, d, lossGaveDz, runTimeFlag);
            WriteKernelGradient(w, d, className);
            w.Line();
            if (d.UseBias)
            {
                WriteBiasGradient(w, d);
                w.Line();
            }
            if (!d.IsFirst)
            {
                WriteInputGradient(w, d, className);
                w.Line();
            }
            foreach (VectorIsa isa in s_paths)
            {
                foreach (int width in Widths(d))
                {
                    foreach (int rows in isa.RowBlocks)
                    {
                        if (!d.Unrolled) MicroKernels.WriteGemm(w, isa, rows, width, ForwardShape(d, isa, rows, width));
                        MicroKernels.WriteGemm(w, isa, rows, width, KernelGradientShape(d, isa, rows, width));
                    }
                }
                if (!d.IsFirst)
                {
                    MicroKernels.WriteDot(w, isa, isa.DotRows, DotName(d, isa, isa.DotRows), d.Inputs, d.FullPanels, d.HasHalfPanel, d.InputStride, d.PaddedUnits);
                    MicroKernels.WriteDot(w, isa, 1, DotName(d, isa, 1), d.Inputs, d.FullPanels, d.HasHalfPanel, d.InputStride, d.PaddedUnits);
                }
            }
        }

        /// <summary>
        /// Only the forward pass of <paramref name="d"/> and its micro-kernels: the inference copy of a Dense step with
        /// batch normalizations folded into its kernel and bias (Ops/BatchNorm.CSharp.cs), which never runs backward.
        /// </summary>
        public static void WriteForwardOnly(CodeWriter w, DensePlan d, string className)
        {
            WriteForward(w, d, className);
            w.Line();
            if (d.Unrolled) return;
            foreach (VectorIsa isa in s_paths)
            {
                foreach (int width in Widths(d))
                {
                    foreach (int rows in isa.RowBlocks) MicroKernels.WriteGemm(w, isa, rows, width, ForwardShape(d, isa, rows, width));
                }
            }
        }

        internal static IEnumerable<int> Widths(DensePlan d)
        {
            if (d.FullPanels > 0) yield return DensePlan.PanelWidth;
            if (d.HasHalfPanel) yield return DensePlan.PanelWidth / 2;
        }

        // ---- Forward ----

        private static void WriteForward(CodeWriter w, DensePlan d, string className)
        {
            w.Line($"/// <summary>{d.Name} forward: y[count, {d.PaddedUnits}] = {ActivationCSharp.Describe(d.Activation)}(x[count, {d.InputStride}] · kernel{(d.UseBias ? " + bias" : "")}); {d.Units} columns used.</summary>");
            w.Line(MicroKernels.Optimized);
            using (w.Block($"internal void {d.MethodStem}Forward(float* y, float* x, int count)"))
            {
                if (d.Unrolled)
                {
                    w.Line($"float* w = Parameters + {d.KernelOffset}; // kernel [{d.Inputs}, {d.Units}], packed in panels");
                    if (d.UseBias) w.Line($"float* b = Parameters + {d.BiasOffset}; // bias [{d.Units}]");
                    WriteUnrolledForward(w, d);
                }
                else
                {
                    WriteSplit(w, d, $"{d.MethodStem}ForwardHalf", "new KernelArgs { Y = y, X = x, Count = count }",
                        $"{d.MethodStem}ForwardPanels(y, x, count, 0, {TotalPanels(d)});");
                }
                WriteRowActivation(w, d);
                DropoutCSharp.WriteForward(w, d);
            }
            if (d.Unrolled) return;
            w.Line();
            WriteHalf(w, d, className, $"{d.MethodStem}ForwardHalf", "panels", TotalPanels(d),
                (first, end) => $"self.{d.MethodStem}ForwardPanels(self.Args.Y, self.Args.X, self.Args.Count, {first}, {end});");
            w.Line();
            w.Line($"/// <summary>{d.Name} forward over panels [first, end){(d.HasHalfPanel ? $"; panel {d.FullPanels} is the 16-column one" : "")}.</summary>");
            w.Line(MicroKernels.Optimized);
            using (w.Block($"internal void {d.MethodStem}ForwardPanels(float* y, float* x, int count, int first, int end)"))
            {
                w.Line($"float* w = Parameters + {d.KernelOffset}; // kernel [{d.Inputs}, {d.Units}], packed in panels");
                if (d.UseBias) w.Line($"float* b = Parameters + {d.BiasOffset}; // bias [{d.Units}]");
                WritePathSwitch(w, isa => WritePanels(w, d, isa, (rows, width, panel, m) =>
                {
                    string args = $"y + {m} * {d.PaddedUnits} + {Times(panel, 32)}, x + {m} * {d.InputStride}, w + {Times(panel, 32 * d.Inputs)}";
                    return $"{ForwardName(d, isa, rows, width)}({args}{(d.UseBias ? $", b + {Times(panel, 32)}" : "")});";
                }, "m", "count"));
            }
        }

        internal static MicroKernels.GemmKernelSpec ForwardShape(DensePlan d, VectorIsa isa, int rows, int width) => new()
        {
            Name = ForwardName(d, isa, rows, width),
            Summary = $"{d.Name} forward micro-kernel:",
            Parameters = "float* y, float* x, float* w" + (d.UseBias ? ", float* b" : ""),
            Index = "k",
            Trip = d.Inputs.ToString(),
            A = (r, i) => $"x[{(r == 0 ? "" : $"{r * d.InputStride} + ")}{i}]",
            B = i => $"w + ({i}) * {width}",
            Init = d.UseBias ? v => $"Load{isa.Lanes}({MicroKernels.Plus("b", v * isa.Lanes)})" : null,
            Target = (r, v) => MicroKernels.Plus("y", r * d.PaddedUnits + v * isa.Lanes),
            Epilogue = c => ActivationCSharp.InRegisters(d.Act, c) ?? c,
        };

        internal static string ForwardName(DensePlan d, VectorIsa isa, int rows, int width) => $"{d.MethodStem}Forward{rows}x{width}_{isa.Suffix}";

        /// <summary>
        /// Small layers: straight-line vector code per sample, no loops. Each panel's columns sit in one or two vector
        /// registers; the inputs are split over up to four accumulator chains so the FMA latency overlaps. The weight
        /// and bias vectors are loads from the packed arena, unless a frozen model (Ops/Dense.Frozen.CSharp.cs) gives
        /// them as constants: <paramref name="weights"/> and <paramref name="bias"/> map (ISA, float offset) to the
        /// vector, and <paramref name="note"/> ends each panel's comment.
        /// </summary>
        internal static void WriteUnrolledForward(CodeWriter w, DensePlan d,
            System.Func<VectorIsa, int, string>? weights = null, System.Func<VectorIsa, int, string>? bias = null, string note = "")
        {
            weights ??= (isa, offset) => isa.Load(MicroKernels.Plus("w", offset));
            bias ??= (isa, offset) => isa.Load(MicroKernels.Plus("b", offset));
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* xn = x + n * {d.InputStride};");
                w.Line($"float* yn = y + n * {d.PaddedUnits};");
                WritePathSwitch(w, isa =>
                {
                    for (int panel = 0; panel < TotalPanels(d); panel++)
                    {
                        int width = panel < d.FullPanels ? DensePlan.PanelWidth : DensePlan.PanelWidth / 2;
                        using (w.Open()) WriteUnrolledPanel(w, d, isa, panel, width, weights, bias, note);
                    }
                });
            }
        }

        private static void WriteUnrolledPanel(CodeWriter w, DensePlan d, VectorIsa isa, int panel, int width,
            System.Func<VectorIsa, int, string> weights, System.Func<VectorIsa, int, string> bias, string note)
        {
            int vectors = width / isa.Lanes;
            int chains = System.Math.Max(1, System.Math.Min(4 / vectors, d.Inputs));
            int column = panel * DensePlan.PanelWidth;
            w.Line($"// Columns [{column}, {column + width}){(column + width > d.Units ? $", {System.Math.Max(0, d.Units - column)} used" : "")}: {vectors} vector{(vectors > 1 ? "s" : "")} × {chains} chain{(chains > 1 ? "s" : "")}{note}.");
            var init = new StringBuilder();
            for (int c = 0; c < chains; c++)
            {
                for (int v = 0; v < vectors; v++)
                {
                    string start = c == 0 && d.UseBias ? bias(isa, column + v * isa.Lanes) : isa.Zero;
                    init.Append($"{(init.Length > 0 ? " " : "")}var s{c}_{v} = {start};");
                }
            }
            w.Line(init.ToString());
            for (int k = 0; k < d.Inputs; k++)
            {
                int c = k % chains;
                var line = new StringBuilder(vectors > 1 ? $"var x{k} = {isa.Splat($"xn[{k}]")};" : "");
                for (int v = 0; v < vectors; v++)
                {
                    string a = vectors > 1 ? $"x{k}" : isa.Splat($"xn[{k}]");
                    line.Append($"{(line.Length > 0 ? " " : "")}s{c}_{v} = Fma({a}, {weights(isa, d.PackedOffset(k, column) + v * isa.Lanes)}, s{c}_{v});");
                }
                w.Line(line.ToString());
            }
            for (int v = 0; v < vectors; v++)
            {
                var sum = new StringBuilder($"s0_{v}");
                for (int c = 1; c < chains; c++) sum.Append($" + s{c}_{v}");
                string value = ActivationCSharp.InRegisters(d.Act, sum.ToString()) ?? sum.ToString();
                w.Line($"Store({value}, {MicroKernels.Plus("yn", column + v * isa.Lanes)});");
            }
        }

        /// <summary>Activations without a register form run over each finished row, still hot in L1.</summary>
        private static void WriteRowActivation(CodeWriter w, DensePlan d) => ActivationCSharp.WriteRowPass(w, d);

        // ---- Backward ----

        private static void WriteBackward(CodeWriter w, DensePlan d, bool lossGaveDz, int runTimeFlag)
        {
            w.Line($"/// <summary>{d.Name} backward: dy (dL/dy in, dL/dz out) gives the kernel gradient{(d.UseBias ? ", the bias gradient" : "")}{(d.IsFirst ? "" : " and dx")}.</summary>");
            using (w.Block($"internal void {d.MethodStem}Backward(float* dx, float* x, float* y, float* dy, int count)"))
            {
                DropoutCSharp.WriteBackward(w, d);
                if (!lossGaveDz && d.Activation != Activation.Identity) w.Line($"{d.MethodStem}ActivationBackward(y, dy, count);");
                if (d.Frozen) w.Line("// Frozen (Trainable = false): no kernel or bias gradient; only the input gradient flows.");
                if (!d.Frozen && runTimeFlag >= 0)
                {
                    // Run-time Freeze(name): one branch per step; the gradient slice keeps what it held.
                    using (w.Block($"if (!FrozenAtRunTime[{runTimeFlag}])"))
                    {
                        w.Line($"{d.MethodStem}KernelGradient(x, dy, count);");
                        if (d.UseBias) w.Line($"{d.MethodStem}BiasGradient(dy, count);");
                    }
                }
                else
                {
                    if (!d.Frozen) w.Line($"{d.MethodStem}KernelGradient(x, dy, count);");
                    if (d.UseBias && !d.Frozen) w.Line($"{d.MethodStem}BiasGradient(dy, count);");
                }
                if (!d.IsFirst) w.Line($"{d.MethodStem}InputGradient(dx, dy, count);");
                else w.Line("// The first layer's input gradient is never needed: not computed.");
            }
        }

        private static void WriteActivationBackward(CodeWriter w, DensePlan d, bool lossGaveDz, int runTimeFlag)
        {
            if (lossGaveDz || d.Activation == Activation.Identity) return;
            w.Line($"/// <summary>{d.Name}: dz = dy · {ActivationCSharp.Describe(d.Activation)}'({(d.Act.HasPreActivation ? "z" : "y")}), in place over the padded rows (padding stays 0).</summary>");
            using (w.Block($"internal void {d.MethodStem}ActivationBackward(float* y, float* dy, int count)"))
            {
                ActivationCSharp.WriteBackwardBody(w, d, body => WritePathSwitch(w, body), runTimeFlag);
            }
            w.Line();
        }

        private static void WriteKernelGradient(CodeWriter w, DensePlan d, string className)
        {
            w.Line($"/// <summary>{d.Name}: kernel gradient = x^T · dz, written straight into the packed layout.</summary>");
            using (w.Block($"internal void {d.MethodStem}KernelGradient(float* x, float* dy, int count)"))
            {
                WriteSplit(w, d, $"{d.MethodStem}KernelGradientHalf", "new KernelArgs { X = x, Z = dy, Count = count }",
                    $"{d.MethodStem}KernelGradientPanels(x, dy, count, 0, {TotalPanels(d)});");
            }
            w.Line();
            WriteHalf(w, d, className, $"{d.MethodStem}KernelGradientHalf", "panels", TotalPanels(d),
                (first, end) => $"self.{d.MethodStem}KernelGradientPanels(self.Args.X, self.Args.Z, self.Args.Count, {first}, {end});");
            w.Line();
            w.Line($"/// <summary>{d.Name} kernel gradient over panels [first, end).</summary>");
            w.Line(MicroKernels.Optimized);
            using (w.Block($"internal void {d.MethodStem}KernelGradientPanels(float* x, float* dy, int count, int first, int end)"))
            {
                w.Line($"float* g = Gradients + {d.KernelOffset};");
                WritePathSwitch(w, isa => WritePanels(w, d, isa, (rows, width, panel, k) =>
                    $"{KernelGradientName(d, isa, rows, width)}(g + {Times(panel, 32 * d.Inputs)} + {k} * {width}, x + {k}, dy + {Times(panel, 32)}, count);",
                    "k", d.Inputs.ToString()));
            }
        }

        private static MicroKernels.GemmKernelSpec KernelGradientShape(DensePlan d, VectorIsa isa, int rows, int width) => new()
        {
            Name = KernelGradientName(d, isa, rows, width),
            Summary = $"{d.Name} kernel-gradient micro-kernel:",
            Parameters = "float* g, float* x, float* dz, int count",
            Index = "m",
            Trip = "count",
            A = (r, i) => $"x[({i}) * {d.InputStride}{(r == 0 ? "" : $" + {r}")}]",
            B = i => $"dz + ({i}) * {d.PaddedUnits}",
            Init = null,
            Target = (r, v) => MicroKernels.Plus("g", r * width + v * isa.Lanes),
            Epilogue = c => c,
        };

        private static string KernelGradientName(DensePlan d, VectorIsa isa, int rows, int width) => $"{d.MethodStem}KernelGradient{rows}x{width}_{isa.Suffix}";

        private static void WriteBiasGradient(CodeWriter w, DensePlan d)
        {
            w.Line($"/// <summary>{d.Name}: bias gradient = Σ over the batch of dz.</summary>");
            using (w.Block($"internal void {d.MethodStem}BiasGradient(float* dy, int count)"))
            {
                w.Line($"float* g = Gradients + {d.BiasOffset};");
                WritePathSwitch(w, isa =>
                {
                    using (w.Block($"for (int j = 0; j < {d.PaddedUnits}; j += {isa.Lanes})"))
                    {
                        w.Line($"var sum = {isa.Zero};");
                        w.Line($"for (int m = 0; m < count; m++) sum += {isa.Load($"dy + m * {d.PaddedUnits} + j")};");
                        w.Line("Store(sum, g + j);");
                    }
                });
            }
        }

        private static void WriteInputGradient(CodeWriter w, DensePlan d, string className)
        {
            w.Line($"/// <summary>{d.Name}: dx[count, {d.InputStride}] = dz · kernel^T ({d.Inputs} columns; the padding is never written and stays 0).</summary>");
            using (w.Block($"internal void {d.MethodStem}InputGradient(float* dx, float* dy, int count)"))
            {
                WriteSplit(w, d, $"{d.MethodStem}InputGradientHalf", "new KernelArgs { Y = dx, X = dy, Count = count }",
                    $"{d.MethodStem}InputGradientRows(dx, dy, 0, count);");
            }
            w.Line();
            w.Line($"/// <summary>One thread's share of {d.Name}'s input gradient: the first or the second half of the rows, cut at a multiple of 4.</summary>");
            using (w.Block($"private static void {d.MethodStem}InputGradientHalf(global::ModelGen.CompiledModel model, int half)"))
            {
                w.Line($"var self = ({className})model;");
                w.Line("int mid = self.Args.Count / 8 * 4;");
                w.Line($"if (half == 0) self.{d.MethodStem}InputGradientRows(self.Args.Y, self.Args.X, 0, mid);");
                w.Line($"else self.{d.MethodStem}InputGradientRows(self.Args.Y, self.Args.X, mid, self.Args.Count);");
            }
            w.Line();
            w.Line($"/// <summary>{d.Name} input gradient for rows [first, end).</summary>");
            w.Line(MicroKernels.Optimized);
            using (w.Block($"internal void {d.MethodStem}InputGradientRows(float* dx, float* dy, int first, int end)"))
            {
                w.Line($"float* w = Parameters + {d.KernelOffset};");
                WritePathSwitch(w, isa =>
                {
                    int rows = isa.DotRows, columns = VectorIsa.DotColumns, kBlocked = d.Inputs / columns * columns;
                    int block = InputGradientBlockRows(d, rows);
                    w.Line("int m = first;");
                    if (kBlocked > 0 && block > rows)
                    {
                        // Cache blocking: the dz rows of a block of samples stay in L1 while the kernel streams past them
                        // once, four kernel rows at a time, each reused by every row group of the block from L1. Without
                        // it the whole kernel streams from L2 once per row group, and L2 bandwidth, not the FMAs, is the limit.
                        w.Line($"// Blocks of {block} samples: {block} dz rows ({block * d.PaddedUnits * 4 / 1024} KiB) stay in L1 while the kernel streams past once.");
                        using (w.Block($"for (; m + {block} <= end; m += {block})"))
                        {
                            using (w.Block($"for (int k = 0; k < {kBlocked}; k += {columns})"))
                            {
                                w.Line($"for (int r = 0; r < {block}; r += {rows}) {DotName(d, isa, rows)}(dx + (m + r) * {d.InputStride} + k, dy + (m + r) * {d.PaddedUnits}, w, k);");
                            }
                            if (kBlocked < d.Inputs)
                            {
                                w.Line($"for (int r = 0; r < {block}; r++)");
                                w.Line($"    for (int k = {kBlocked}; k < {d.Inputs}; k++) {DotName(d, isa, 1)}(dx + (m + r) * {d.InputStride} + k, dy + (m + r) * {d.PaddedUnits}, w, k);");
                            }
                        }
                    }
                    using (w.Block($"for (; m + {rows} <= end; m += {rows})"))
                    {
                        if (kBlocked > 0) w.Line($"for (int k = 0; k < {kBlocked}; k += {columns}) {DotName(d, isa, rows)}(dx + m * {d.InputStride} + k, dy + m * {d.PaddedUnits}, w, k);");
                        if (kBlocked < d.Inputs)
                        {
                            w.Line($"for (int r = 0; r < {rows}; r++)");
                            w.Line($"    for (int k = {kBlocked}; k < {d.Inputs}; k++) {DotName(d, isa, 1)}(dx + (m + r) * {d.InputStride} + k, dy + (m + r) * {d.PaddedUnits}, w, k);");
                        }
                    }
                    w.Line("for (; m < end; m++)");
                    w.Line($"    for (int k = 0; k < {d.Inputs}; k++) {DotName(d, isa, 1)}(dx + m * {d.InputStride} + k, dy + m * {d.PaddedUnits}, w, k);");
                });
            }
        }

        /// <summary>
        /// Samples per cache block of the input gradient: as many dz rows as fit in half of a 48 KiB L1 (the other half
        /// holds the four streamed kernel rows and the outputs), a multiple of the row group, at most 32; no blocking
        /// when the kernel fits in L1 itself.
        /// </summary>
        private static int InputGradientBlockRows(DensePlan d, int rows)
        {
            if ((long)d.Inputs * d.PaddedUnits * 4 <= 32 * 1024) return rows; // the whole kernel stays in L1 anyway
            int fit = 24 * 1024 / (d.PaddedUnits * 4);
            return System.Math.Max(rows, System.Math.Min(32, fit) / rows * rows);
        }

        private static string DotName(DensePlan d, VectorIsa isa, int rows) => $"{d.MethodStem}InputGradient{rows}x{(rows == 1 ? 1 : VectorIsa.DotColumns)}_{isa.Suffix}";

        // ---- Shared drivers ----

        /// <summary><c>if (Use512) { 16-lane code } else { 8-lane code }</c>: the JIT keeps one branch.</summary>
        internal static void WritePathSwitch(CodeWriter w, System.Action<VectorIsa> body)
        {
            using (w.Block("if (Use512)")) body(VectorIsa.Avx512);
            using (w.Block("else")) body(VectorIsa.Avx2);
        }

        /// <summary>
        /// Visits the full 32-column panels in a loop over <c>p</c>, then the last 16-column panel if any; in each,
        /// <paramref name="call"/> writes the micro-kernel call for (rows, width, panel expression, index).
        /// </summary>
        internal static void WritePanels(CodeWriter w, DensePlan d, VectorIsa isa, System.Func<int, int, string, string, string> call, string index, string trip)
        {
            if (d.FullPanels > 0)
            {
                w.Line($"// Columns [0, {d.FullPanels * 32}): {d.FullPanels} panel{(d.FullPanels > 1 ? "s" : "")} of 32{(d.HasHalfPanel || d.FullPanels * 32 == d.Units ? "" : $", {d.Units} used")}.");
                using (w.Block($"for (int p = first; p < end && p < {d.FullPanels}; p++)")) WriteRowBlocks(w, isa, rows => call(rows, DensePlan.PanelWidth, "p", index), index, trip);
            }
            if (d.HasHalfPanel)
            {
                w.Line($"// Columns [{d.FullPanels * 32}, {d.PaddedUnits}): one panel of 16, {d.Units - d.FullPanels * 32} used.");
                using (w.Block($"if (end > {d.FullPanels})")) WriteRowBlocks(w, isa, rows => call(rows, DensePlan.PanelWidth / 2, d.FullPanels.ToString(), index), index, trip);
            }
        }

        /// <summary>Panels of the packed kernel, the 16-column one included.</summary>
        internal static int TotalPanels(DensePlan d) => d.FullPanels + (d.HasHalfPanel ? 1 : 0);

        /// <summary>
        /// Runs <paramref name="whole"/> on this thread, or both halves of <paramref name="half"/> on two threads when
        /// the layer has at least two panels and the batch makes the work worth a hand-off.
        /// </summary>
        private static void WriteSplit(CodeWriter w, DensePlan d, string half, string args, string whole)
        {
            if (TotalPanels(d) < 2)
            {
                w.Line(whole);
                return;
            }
            using (w.Block($"if (Parallel((long)count * {d.Inputs * d.PaddedUnits}))"))
            {
                w.Line($"Args = {args};");
                w.Line($"RunOnBothThreads(&{half});");
            }
            w.Line($"else {whole}");
        }

        /// <summary>The static entry point a thread runs: its half of the panels.</summary>
        private static void WriteHalf(CodeWriter w, DensePlan d, string className, string name, string what, int total, System.Func<string, string, string> call)
        {
            if (total < 2) return;
            int mid = (total + 1) / 2;
            w.Line($"/// <summary>One thread's share of the {what}: [0, {mid}) or [{mid}, {total}).</summary>");
            using (w.Block($"private static void {name}(global::ModelGen.CompiledModel model, int half)"))
            {
                w.Line($"var self = ({className})model;");
                w.Line($"if (half == 0) {call("0", mid.ToString())}");
                w.Line($"else {call(mid.ToString(), total.ToString())}");
            }
        }

        /// <summary>Loops <paramref name="index"/> over [0, trip) in row blocks of every height the ISA has, largest first.</summary>
        private static void WriteRowBlocks(CodeWriter w, VectorIsa isa, System.Func<int, string> call, string index, string trip)
        {
            w.Line($"int {index} = 0;");
            foreach (int rows in isa.RowBlocks)
            {
                string loop = rows == 1 ? $"for (; {index} < {trip}; {index}++)" : $"for (; {index} + {rows} <= {trip}; {index} += {rows})";
                w.Line($"{loop} {call(rows)}");
            }
        }

        /// <summary><c>p * 32</c> for the panel variable, or the folded constant for a fixed panel.</summary>
        private static string Times(string panel, int factor) =>
            int.TryParse(panel, out int constant) ? (constant * factor).ToString() : $"{panel} * {factor}";
    }
}
