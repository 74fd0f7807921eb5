using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Keras' Normalization in C#: forward <c>y = (x - mean) / max(sqrt(variance), eps)</c>, backward <c>dx = dy /
    /// max(sqrt(variance), eps)</c> (mean and variance are constants of the step: no gradient for them), and the typed
    /// Adapt method that fills them from data (<c>CompiledModel.AdaptStatistics</c>). Every row loop has an AVX-512 and
    /// an AVX2 body over whole vectors and a scalar tail with the same IEEE divide and square root, so the two paths give
    /// the same bits. The input rows may be the caller's (a model input), so nothing reads past a row's features.
    /// </summary>
    public static class NormalizationCSharp
    {
        /// <summary>Whether the plan has a Normalization step.</summary>
        public static bool Any(ModelPlan plan) => plan.Normalizations.Count > 0;

        /// <summary>The forward call: <c>{Stem}Forward(y, x, count)</c>.</summary>
        public static string ForwardCall(NormalizationPlan n, string y, string x) => $"{n.MethodStem}Forward({y}, {x}, count);";

        /// <summary>The backward call: <c>{Stem}Backward(dx, dy, count, add)</c>.</summary>
        public static string BackwardCall(NormalizationPlan n, string dx, string dy, bool add) => $"{n.MethodStem}Backward({dx}, {dy}, count, add: {(add ? "true" : "false")});";

        /// <summary>A one-line description for comments.</summary>
        public static string Describe(NormalizationPlan n) =>
            $"{n.Name}: Normalization [{n.Features}], (x - mean) / max(sqrt(variance), 1e-7); mean at {n.MeanOffset}, variance at {n.VarianceOffset} (non-trainable)";

        /// <summary>The step's methods: forward, backward (when its input is not a model input) and Adapt{Stem}.</summary>
        public static void Write(CodeWriter w, NormalizationPlan n, string adaptInputDescription)
        {
            string eps = OptimizerCSharp.Literal(NormalizationPlan.Epsilon);
            int vectorEnd(VectorIsa isa) => n.Features / isa.Lanes * isa.Lanes;

            w.Line($"/// <summary>{n.Name} forward: y = (x - mean) / max(sqrt(variance), {eps.TrimEnd('f')}) per feature; x rows {n.InputStride} floats apart, y rows {n.Width}.</summary>");
            w.Line(MicroKernels.Optimized);
            using (w.Block($"private void {n.MethodStem}Forward(float* y, float* x, int count)"))
            {
                w.Line($"float* mean = Parameters + {n.MeanOffset};");
                w.Line($"float* variance = Parameters + {n.VarianceOffset};");
                DenseCSharp.WritePathSwitch(w, isa =>
                {
                    if (vectorEnd(isa) > 0) w.Line($"var eps = {isa.Splat(eps)};");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line($"float* xn = x + n * {n.InputStride};");
                        w.Line($"float* yn = y + n * {n.Width};");
                        if (vectorEnd(isa) > 0)
                        {
                            w.Line($"for (int j = 0; j < {vectorEnd(isa)}; j += {isa.Lanes}) Store(({isa.Load("xn + j")} - {isa.Load("mean + j")}) / global::System.Runtime.Intrinsics.Vector{isa.Suffix}.Max(Sqrt({isa.Load("variance + j")}), eps), yn + j);");
                        }
                        if (vectorEnd(isa) < n.Features)
                        {
                            w.Line($"for (int j = {vectorEnd(isa)}; j < {n.Features}; j++) yn[j] = (xn[j] - mean[j]) / global::System.MathF.Max(global::System.MathF.Sqrt(variance[j]), {eps});");
                        }
                    }
                });
            }
            w.Line();
            if (!n.ReadsModelInput)
            {
                w.Line($"/// <summary>{n.Name} backward: dx = dy / max(sqrt(variance), {eps.TrimEnd('f')}) (written, or added when dx already holds another consumer's gradient); rows {n.Width} floats apart.</summary>");
                w.Line(MicroKernels.Optimized);
                using (w.Block($"private void {n.MethodStem}Backward(float* dx, float* dy, int count, bool add)"))
                {
                    w.Line($"float* variance = Parameters + {n.VarianceOffset};");
                    DenseCSharp.WritePathSwitch(w, isa =>
                    {
                        if (vectorEnd(isa) > 0) w.Line($"var eps = {isa.Splat(eps)};");
                        using (w.Block("for (int n = 0; n < count; n++)"))
                        {
                            w.Line($"float* dxn = dx + n * {n.Width};");
                            w.Line($"float* dyn = dy + n * {n.Width};");
                            if (vectorEnd(isa) > 0)
                            {
                                using (w.Block($"for (int j = 0; j < {vectorEnd(isa)}; j += {isa.Lanes})"))
                                {
                                    w.Line($"var g = {isa.Load("dyn + j")} / global::System.Runtime.Intrinsics.Vector{isa.Suffix}.Max(Sqrt({isa.Load("variance + j")}), eps);");
                                    w.Line($"Store(add ? {isa.Load("dxn + j")} + g : g, dxn + j);");
                                }
                            }
                            if (vectorEnd(isa) < n.Features)
                            {
                                using (w.Block($"for (int j = {vectorEnd(isa)}; j < {n.Features}; j++)"))
                                {
                                    w.Line($"float g = dyn[j] / global::System.MathF.Max(global::System.MathF.Sqrt(variance[j]), {eps});");
                                    w.Line("dxn[j] = add ? dxn[j] + g : g;");
                                }
                            }
                            if (n.Width > n.Features) w.Line($"if (!add) for (int j = {n.Features}; j < {n.Width}; j++) dxn[j] = 0f; // a reused buffer may hold another node's numbers in the padding");
                        }
                    });
                }
                w.Line();
            }
            w.Line("/// <summary>");
            w.Line($"/// Keras' <c>adapt</c> for {n.Name}: sets its mean and variance to the mean and the population variance (ddof 0)");
            w.Line($"/// of each of its {n.Features} features over <paramref name=\"rows\"/> ([n, {n.Features}] row-major: {adaptInputDescription}).");
            w.Line("/// </summary>");
            w.Line($"public void Adapt{n.MethodStem}(global::System.ReadOnlySpan<float> rows) => AdaptStatistics(\"{n.Name}\", {n.MeanOffset}, {n.VarianceOffset}, {n.Features}, rows);");
            w.Line();
        }
    }
}
