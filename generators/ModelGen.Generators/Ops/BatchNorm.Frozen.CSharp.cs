using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// A batch normalization in a frozen model that folds nowhere (its own activation after a nonlinear Dense step):
    /// the trainable model's inference pass <c>y = act((h - center) · scale + beta)</c> with center, scale and beta as
    /// constant data computed at compile time from the file's moving statistics (FrozenBatchNormBinder), so the
    /// expression, and the result, are the trainable model's. Normalizations that fold are in the Dense weights and
    /// emit nothing here.
    /// </summary>
    public static class BatchNormFrozenCSharp
    {
        /// <summary>The <c>Run</c> line: normalizes the step's h into the normalization's output buffer.</summary>
        public static string Call(FrozenBatchNorm bn, string output, string h) => $"{bn.BatchNorm.MethodStem}Forward({output}, {h}, count);";

        /// <summary>The constants and the pass.</summary>
        public static void Write(CodeWriter w, FrozenBatchNorm pass)
        {
            BatchNormPlan bn = pass.BatchNorm;
            int p = bn.PaddedUnits;
            bool center = pass.Beta.Count > 0;
            w.Line($"/// <summary>{bn.Name}.moving_mean [{bn.Units}].</summary>");
            DenseFrozenCSharp.WriteFloats(w, $"{bn.MethodStem}Center", pass.Center);
            w.Line($"/// <summary>{bn.Name}: gamma / sqrt(moving_variance + {Literal(bn.Epsilon)}) [{bn.Units}], rounded as the trainable model rounds it.</summary>");
            DenseFrozenCSharp.WriteFloats(w, $"{bn.MethodStem}Scale", pass.Scale);
            if (center)
            {
                w.Line($"/// <summary>{bn.Name}.beta [{bn.Units}].</summary>");
                DenseFrozenCSharp.WriteFloats(w, $"{bn.MethodStem}Beta", pass.Beta);
            }
            string act = ActivationCSharp.Describe(bn.Activation);
            w.Line($"/// <summary>{bn.Name} at inference: y[count, {p}] = {act}((h - mean) · gamma / sqrt(var + eps){(center ? " + beta" : "")}), the moving statistics as constants.</summary>");
            using (w.Block($"internal static void {bn.MethodStem}Forward(float* y, float* h, int count)"))
            {
                using (w.Block(center
                    ? $"fixed (float* center = {bn.MethodStem}Center, scale = {bn.MethodStem}Scale, beta = {bn.MethodStem}Beta)"
                    : $"fixed (float* center = {bn.MethodStem}Center, scale = {bn.MethodStem}Scale)"))
                {
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line($"float* yn = y + n * {p}, hn = h + n * {p};");
                        string value = $"(hn[j] - center[j]) * scale[j]{(center ? " + beta[j]" : "")}";
                        w.Line($"for (int j = 0; j < {bn.Units}; j++) yn[j] = {(bn.Activation == Activation.Identity ? value : ActivationCSharp.Scalar(bn.Activation, value))};");
                    }
                }
            }
        }

        private static string Literal(float value) => DenseFrozenCSharp.Literal(value);
    }
}
