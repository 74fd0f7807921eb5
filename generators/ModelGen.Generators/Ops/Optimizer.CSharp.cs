using System.Globalization;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Optimizers in C#: one element-wise pass over the whole parameter arena (gradients and state mirror its layout).
    /// It runs after the whole backward pass, so the update sees complete gradients (what global-norm clipping needs).
    /// </summary>
    public static class OptimizerCSharp
    {
        /// <summary>Writes the <c>ApplyOptimizer</c> override.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            OptimizerPlan o = plan.Optimizer;
            int count = plan.Memory.ParameterFloats;
            if (o.Kind == Optimizer.Adam)
            {
                w.Line("/// <summary>");
                w.Line("/// Adam, Keras' update: m += (g - m)(1 - β1); v += (g² - v)(1 - β2); w -= α m / (√v + ε),");
                w.Line("/// α = lr √(1 - β2^t) / (1 - β1^t). Moments below the smallest normal float are flushed to zero: .NET");
                w.Line("/// cannot set flush-to-zero, and subnormal multiplies are 35-80x slower.");
                w.Line("/// </summary>");
            }
            else
            {
                w.Line("/// <summary>Plain SGD, Keras' update: w -= lr g.</summary>");
            }
            using (w.Block("protected override void ApplyOptimizer()"))
            {
                w.Line($"const int Length = {count}; // the parameter arena, padding included");
                w.Line("float* p = Parameters;");
                w.Line("float* g = Gradients;");
                if (o.Kind == Optimizer.Adam) WriteAdam(w, o);
                else WriteSgd(w);
            }
        }

        private static void WriteSgd(CodeWriter w)
        {
            w.Line("Vector256<float> lr = Vector256.Create(LearningRate);");
            w.Line("for (int k = 0; k < Length; k += 8) Vector256.Store(Vector256.Load(p + k) - lr * Vector256.Load(g + k), p + k);");
        }

        private static void WriteAdam(CodeWriter w, OptimizerPlan o)
        {
            w.Line($"const float Beta1 = {Literal(o.Beta1)}, Beta2 = {Literal(o.Beta2)}, Epsilon = {Literal(o.Epsilon)};");
            w.Line("long t = Iterations + 1;");
            w.Line("float alpha = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)));");
            w.Line("float* m = OptimizerState;");
            w.Line("float* v = OptimizerState + Length;");
            w.Line("Vector256<float> oneMinusBeta1 = Vector256.Create(1f - Beta1), oneMinusBeta2 = Vector256.Create(1f - Beta2);");
            w.Line("Vector256<float> a = Vector256.Create(alpha), eps = Vector256.Create(Epsilon);");
            using (w.Block("for (int k = 0; k < Length; k += 8)"))
            {
                w.Line("Vector256<float> gk = Vector256.Load(g + k);");
                w.Line("Vector256<float> mk = Vector256.Load(m + k);");
                w.Line("Vector256<float> vk = Vector256.Load(v + k);");
                w.Line("mk = Simd.FlushSubnormals(mk + (gk - mk) * oneMinusBeta1);");
                w.Line("vk = Simd.FlushSubnormals(vk + (gk * gk - vk) * oneMinusBeta2);");
                w.Line("Vector256.Store(mk, m + k);");
                w.Line("Vector256.Store(vk, v + k);");
                w.Line("Vector256.Store(Vector256.Load(p + k) - mk * a / (Vector256.Sqrt(vk) + eps), p + k);");
            }
        }

        /// <summary>A float as a round-tripping C# literal.</summary>
        public static string Literal(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }
}
