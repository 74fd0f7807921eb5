using System.Text;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Dense in C#: the fused forward (x W + b, then the activation, in one loop nest per sample) and the fused
    /// backward (activation derivative, kernel, bias and input gradients). Kernels are [inputs, units] row-major, so a
    /// sample's outputs are a contiguous row and the inner loop broadcasts one input over a row of weights.
    /// </summary>
    public static class DenseCSharp
    {
        /// <summary>Writes <c>{Stem}Forward(float* y, float* x, int count)</c>.</summary>
        public static void WriteForward(CodeWriter w, DensePlan d)
        {
            w.Line($"/// <summary>{d.Name} forward: y[count, {d.Units}] = {ActivationCSharp.Describe(d.Activation)}(x[count, {d.Inputs}] · kernel{(d.UseBias ? " + bias" : "")}).</summary>");
            using (w.Block($"private void {d.MethodStem}Forward(float* y, float* x, int count)"))
            {
                WriteWeightPointers(w, d, gradients: false);
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line($"float* xn = x + n * {d.Inputs};");
                    w.Line($"float* yn = y + n * {d.Units};");
                    if (d.Unrolled) WriteUnrolledRow(w, d);
                    else WriteTiledRow(w, d);
                    WriteRowActivation(w, d);
                }
            }
        }

        private static void WriteWeightPointers(CodeWriter w, DensePlan d, bool gradients)
        {
            w.Line($"float* w = Parameters + {d.KernelOffset}; // kernel [{d.Inputs}, {d.Units}]");
            if (d.UseBias && !gradients) w.Line($"float* b = Parameters + {d.BiasOffset}; // bias [{d.Units}]");
            if (!gradients) return;
            w.Line($"float* gw = Gradients + {d.KernelOffset};");
            if (d.UseBias) w.Line($"float* gb = Gradients + {d.BiasOffset};");
        }

        /// <summary>Loops over inputs with register tiles of outputs: each weight is loaded once per sample.</summary>
        private static void WriteTiledRow(CodeWriter w, DensePlan d)
        {
            string? vectorActivation = ActivationCSharp.Vector(d.Activation, "acc");
            new ColumnTiling(d.Units).Write(w,
                vectors =>
                {
                    for (int v = 0; v < vectors; v++)
                    {
                        string init = d.UseBias ? $"Vector256.Load(b + j{Plus(v * 8)})" : "Vector256<float>.Zero";
                        w.Line($"Vector256<float> acc{v} = {init};");
                    }
                    using (w.Block($"for (int i = 0; i < {d.Inputs}; i++)"))
                    {
                        w.Line("Vector256<float> xi = Vector256.Create(xn[i]);");
                        w.Line($"float* wi = w + i * {d.Units} + j;");
                        for (int v = 0; v < vectors; v++)
                        {
                            w.Line($"acc{v} = Simd.MultiplyAdd(xi, Vector256.Load(wi{Plus(v * 8)}), acc{v});");
                        }
                    }
                    for (int v = 0; v < vectors; v++)
                    {
                        string value = ActivationCSharp.Vector(d.Activation, $"acc{v}") ?? $"acc{v}";
                        w.Line($"Vector256.Store({value}, yn + j{Plus(v * 8)});");
                    }
                },
                () =>
                {
                    w.Line($"float acc = {(d.UseBias ? "b[j]" : "0f")};");
                    w.Line($"for (int i = 0; i < {d.Inputs}; i++) acc = MathF.FusedMultiplyAdd(xn[i], w[i * {d.Units} + j], acc);");
                    w.Line($"yn[j] = {(vectorActivation is null ? "acc" : ActivationCSharp.Scalar(d.Activation, "acc"))};");
                });
        }

        /// <summary>Small layers: one straight-line expression per output unit, no loops.</summary>
        private static void WriteUnrolledRow(CodeWriter w, DensePlan d)
        {
            bool fused = ActivationCSharp.Vector(d.Activation, "_") is not null;
            for (int j = 0; j < d.Units; j++)
            {
                var sum = new StringBuilder(d.UseBias ? $"b[{j}]" : "0f");
                for (int i = 0; i < d.Inputs; i++) sum.Append($" + xn[{i}] * w[{i * d.Units + j}]");
                string value = fused ? ActivationCSharp.Scalar(d.Activation, sum.ToString())! : sum.ToString();
                w.Line($"yn[{j}] = {value};");
            }
        }

        /// <summary>Activations without a vector form here are applied to the finished row, still hot in L1.</summary>
        private static void WriteRowActivation(CodeWriter w, DensePlan d)
        {
            if (ActivationCSharp.Vector(d.Activation, "_") is not null) return;
            if (d.Activation == Activation.Softmax)
            {
                w.Line($"Simd.SoftmaxInPlace(yn, {d.Units});");
                return;
            }
            w.Line($"for (int j = 0; j < {d.Units}; j++) yn[j] = {ActivationCSharp.Scalar(d.Activation, "yn[j]")};");
        }

        /// <summary>
        /// Writes <c>{Stem}Backward(float* dx, float* x, float* y, float* dy, int count)</c>: dy holds dL/dy on entry
        /// and dL/dz after step 1 (skipped when the loss already gave dL/dz).
        /// </summary>
        public static void WriteBackward(CodeWriter w, DensePlan d, bool lossGaveDz)
        {
            w.Line($"/// <summary>{d.Name} backward: dz = dy · {ActivationCSharp.Describe(d.Activation)}'(y); kernel gradient x^T dz{(d.UseBias ? "; bias gradient Σ dz" : "")}{(d.IsFirst ? "" : "; dx = dz · kernel^T")}.</summary>");
            using (w.Block($"private void {d.MethodStem}Backward(float* dx, float* x, float* y, float* dy, int count)"))
            {
                WriteWeightPointers(w, d, gradients: true);
                WriteActivationDerivative(w, d, lossGaveDz);
                WriteKernelGradient(w, d);
                if (d.UseBias) WriteBiasGradient(w, d);
                if (!d.IsFirst) WriteInputGradient(w, d);
            }
        }

        private static void WriteActivationDerivative(CodeWriter w, DensePlan d, bool lossGaveDz)
        {
            if (lossGaveDz)
            {
                w.Line("// 1. dy already holds dL/dz: the loss was fused with this layer's activation.");
                return;
            }
            if (d.Activation == Activation.Softmax)
            {
                w.Line("// 1. Softmax derivative, row by row: dz = y (dy - Σ dy·y).");
                w.Line($"for (int n = 0; n < count; n++) Simd.SoftmaxBackwardInPlace(dy + n * {d.Units}, y + n * {d.Units}, {d.Units});");
                return;
            }
            if (!ActivationCSharp.HasElementwiseDerivative(d.Activation))
            {
                w.Line($"// 1. The {ActivationCSharp.Describe(d.Activation)} derivative is 1: dz = dy.");
                return;
            }
            w.Line($"// 1. Activation derivative, in place over the whole batch: dz = dy · {ActivationCSharp.Describe(d.Activation)}'(y).");
            w.Line($"int total = count * {d.Units};");
            w.Line("int k = 0;");
            using (w.Block("for (; k <= total - 8; k += 8)"))
            {
                w.Line("Vector256<float> dv = Vector256.Load(dy + k);");
                w.Line("Vector256<float> yv = Vector256.Load(y + k);");
                w.Line($"Vector256.Store({ActivationCSharp.VectorDerivative(d.Activation, "dv", "yv")}, dy + k);");
            }
            w.Line($"for (; k < total; k++) dy[k] = {ActivationCSharp.ScalarDerivative(d.Activation, "dy[k]", "y[k]")};");
        }

        private static void WriteKernelGradient(CodeWriter w, DensePlan d)
        {
            w.Line("// 2. Kernel gradient: gw[i, j] = Σ_n x[n, i] dz[n, j], accumulated in registers over the batch.");
            using (w.Block($"for (int i = 0; i < {d.Inputs}; i++)"))
            {
                w.Line($"float* gwi = gw + i * {d.Units};");
                new ColumnTiling(d.Units).Write(w,
                    vectors =>
                    {
                        for (int v = 0; v < vectors; v++) w.Line($"Vector256<float> acc{v} = Vector256<float>.Zero;");
                        using (w.Block("for (int n = 0; n < count; n++)"))
                        {
                            w.Line($"Vector256<float> xi = Vector256.Create(x[n * {d.Inputs} + i]);");
                            w.Line($"float* dzn = dy + n * {d.Units} + j;");
                            for (int v = 0; v < vectors; v++)
                            {
                                w.Line($"acc{v} = Simd.MultiplyAdd(xi, Vector256.Load(dzn{Plus(v * 8)}), acc{v});");
                            }
                        }
                        for (int v = 0; v < vectors; v++) w.Line($"Vector256.Store(acc{v}, gwi + j{Plus(v * 8)});");
                    },
                    () =>
                    {
                        w.Line("float acc = 0f;");
                        w.Line($"for (int n = 0; n < count; n++) acc = MathF.FusedMultiplyAdd(x[n * {d.Inputs} + i], dy[n * {d.Units} + j], acc);");
                        w.Line("gwi[j] = acc;");
                    });
            }
        }

        private static void WriteBiasGradient(CodeWriter w, DensePlan d)
        {
            w.Line("// 3. Bias gradient: gb[j] = Σ_n dz[n, j].");
            new ColumnTiling(d.Units).Write(w,
                vectors =>
                {
                    for (int v = 0; v < vectors; v++) w.Line($"Vector256<float> acc{v} = Vector256<float>.Zero;");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line($"float* dzn = dy + n * {d.Units} + j;");
                        for (int v = 0; v < vectors; v++) w.Line($"acc{v} += Vector256.Load(dzn{Plus(v * 8)});");
                    }
                    for (int v = 0; v < vectors; v++) w.Line($"Vector256.Store(acc{v}, gb + j{Plus(v * 8)});");
                },
                () =>
                {
                    w.Line("float acc = 0f;");
                    w.Line($"for (int n = 0; n < count; n++) acc += dy[n * {d.Units} + j];");
                    w.Line("gb[j] = acc;");
                });
        }

        private static void WriteInputGradient(CodeWriter w, DensePlan d)
        {
            int vectorEnd = d.Units / ColumnTiling.Width * ColumnTiling.Width;
            w.Line($"// 4. Input gradient: dx[n, i] = Σ_j kernel[i, j] dz[n, j], a dot product along the kernel's contiguous rows.");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"float* dzn = dy + n * {d.Units};");
                w.Line($"float* dxn = dx + n * {d.Inputs};");
                using (w.Block($"for (int i = 0; i < {d.Inputs}; i++)"))
                {
                    w.Line($"float* wi = w + i * {d.Units};");
                    w.Line("float sum = 0f;");
                    if (vectorEnd > 0)
                    {
                        w.Line("Vector256<float> acc = Vector256<float>.Zero;");
                        w.Line($"for (int j = 0; j < {vectorEnd}; j += 8) acc = Simd.MultiplyAdd(Vector256.Load(wi + j), Vector256.Load(dzn + j), acc);");
                        w.Line("sum = Vector256.Sum(acc);");
                    }
                    if (vectorEnd < d.Units)
                    {
                        w.Line($"for (int j = {vectorEnd}; j < {d.Units}; j++) sum = MathF.FusedMultiplyAdd(wi[j], dzn[j], sum);");
                    }
                    w.Line("dxn[i] = sum;");
                }
            }
        }

        private static string Plus(int offset) => offset == 0 ? "" : " + " + offset;
    }
}
