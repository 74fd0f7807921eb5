using System.Globalization;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Optimizers in C#: one element-wise pass over the whole parameter arena (gradients and state mirror its packed
    /// layout, padding included, whose gradients are always zero). It runs after the whole backward pass, so the update
    /// sees complete gradients (what global-norm clipping will need).
    /// </summary>
    public static class OptimizerCSharp
    {
        /// <summary>Writes the <c>ApplyOptimizer</c> override.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            OptimizerPlan o = plan.Optimizer;
            if (o.Kind == Optimizer.Adam)
            {
                w.Line("/// <summary>");
                w.Line("/// Adam, Keras' update: m += (g - m)(1 - β1); v += (g² - v)(1 - β2); w -= α m / (√v + ε),");
                w.Line("/// α = lr √(1 - β2^t) / (1 - β1^t). Moments below the smallest normal float are flushed to zero: .NET");
                w.Line("/// cannot set flush-to-zero, and subnormal multiplies are 35-80x slower.");
                w.Line("/// </summary>");
            }
            else if (o.Momentum > 0)
            {
                w.Line(o.Nesterov
                    ? "/// <summary>SGD with Nesterov momentum, Keras' update: m = μ m - lr g; w += μ m - lr g.</summary>"
                    : "/// <summary>SGD with momentum, Keras' update: m = μ m - lr g; w += m.</summary>");
            }
            else
            {
                w.Line("/// <summary>Plain SGD, Keras' update: w -= lr g.</summary>");
            }
            w.Line(MicroKernels.Optimized);
            using (w.Block("protected override void ApplyOptimizer()"))
            {
                w.Line($"const int Length = {plan.Memory.ParameterFloats}; // the parameter arena, padding included");
                w.Line("float* p = Parameters, g = Gradients;");
                if (o.Kind == Optimizer.Adam)
                {
                    w.Line($"const float Beta1 = {Literal(o.Beta1)}, Beta2 = {Literal(o.Beta2)}, Epsilon = {Literal(o.Epsilon)};");
                    w.Line("float alpha = AdamStepSize(Beta1, Beta2);");
                    w.Line("float* m = OptimizerState, v = OptimizerState + Length;");
                }
                else
                {
                    w.Line("float lr = LearningRate;");
                    if (o.Momentum > 0) w.Line($"const float Momentum = {Literal(o.Momentum)};");
                    if (o.Momentum > 0) w.Line("float* m = OptimizerState;");
                }
                using (w.Block("if (Use512)")) WriteLoop(w, o, VectorIsa.Avx512);
                using (w.Block("else")) WriteLoop(w, o, VectorIsa.Avx2);
            }
        }

        private static void WriteLoop(CodeWriter w, OptimizerPlan o, VectorIsa isa)
        {
            if (o.Kind != Optimizer.Adam && o.Momentum > 0)
            {
                w.Line($"var rate = {isa.Splat("lr")}; var mu = {isa.Splat("Momentum")};");
                using (w.Block($"for (int k = 0; k < Length; k += {isa.Lanes})"))
                {
                    w.Line($"var step = {isa.Load("g + k")} * rate;");
                    w.Line($"var mk = FlushSubnormals(mu * {isa.Load("m + k")} - step);");
                    w.Line("Store(mk, m + k);");
                    w.Line(o.Nesterov
                        ? $"Store({isa.Load("p + k")} + (mu * mk - step), p + k);"
                        : $"Store({isa.Load("p + k")} + mk, p + k);");
                }
                return;
            }
            if (o.Kind != Optimizer.Adam)
            {
                w.Line($"var rate = {isa.Splat("lr")};");
                w.Line($"for (int k = 0; k < Length; k += {isa.Lanes}) Store({isa.Load("p + k")} - rate * {isa.Load("g + k")}, p + k);");
                return;
            }
            w.Line($"var b1 = {isa.Splat("1f - Beta1")}; var b2 = {isa.Splat("1f - Beta2")};");
            w.Line($"var a = {isa.Splat("alpha")}; var eps = {isa.Splat("Epsilon")};");
            using (w.Block($"for (int k = 0; k < Length; k += {isa.Lanes})"))
            {
                w.Line($"var gk = {isa.Load("g + k")};");
                w.Line($"var mk = FlushSubnormals({isa.Load("m + k")} + (gk - {isa.Load("m + k")}) * b1);");
                w.Line($"var vk = FlushSubnormals({isa.Load("v + k")} + (gk * gk - {isa.Load("v + k")}) * b2);");
                w.Line("Store(mk, m + k); Store(vk, v + k);");
                w.Line($"Store({isa.Load("p + k")} - mk * a / (Sqrt(vk) + eps), p + k);");
            }
        }

        /// <summary>A float as a round-tripping C# literal.</summary>
        public static string Literal(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }
}
