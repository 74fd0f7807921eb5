using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The optimizer in OpenCL C: one launch updates every parameter of the model (the arena is one buffer), with the
    /// same equations as the C# path. The step-dependent scalar (Adam's α) is computed on the host.
    /// </summary>
    public static class OptimizerOpenCl
    {
        /// <summary>The kernel's name in the program.</summary>
        public const string KernelName = "optimizer_step";

        /// <summary>The per-parameter update, shared by this kernel and the fused training kernel.</summary>
        public const string UpdateFunction = "optimizer_update";

        /// <summary>Writes the update function and the optimizer kernel.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            OptimizerPlan o = plan.Optimizer;
            int length = plan.Memory.ParameterFloats;
            w.Line($"// {o.Kind}: the update of parameter i.{(o.Kind == Optimizer.Adam ? " rate is α = lr √(1 - β2^t) / (1 - β1^t); moments below the smallest normal float are flushed." : " rate is the learning rate.")}");
            w.Line($"inline void {UpdateFunction}(__global float* params, __global const float* grads, __global float* state, const int i, const float rate)");
            using (w.Open())
            {
                if (o.Kind == Optimizer.Adam)
                {
                    w.Line("const float g = grads[i];");
                    w.Line($"float m = state[i] + (g - state[i]) * {OpenClFloat(1 - o.Beta1)};");
                    w.Line($"float v = state[{length} + i] + (g * g - state[{length} + i]) * {OpenClFloat(1 - o.Beta2)};");
                    w.Line("if (fabs(m) < FLT_MIN) m = 0.0f;");
                    w.Line("if (v < FLT_MIN) v = 0.0f;");
                    w.Line("state[i] = m;");
                    w.Line($"state[{length} + i] = v;");
                    w.Line($"params[i] -= m * rate / (sqrt(v) + {OpenClFloat(o.Epsilon)});");
                }
                else if (o.Momentum > 0)
                {
                    w.Line("const float step = grads[i] * rate;");
                    w.Line($"float m = {OpenClFloat(o.Momentum)} * state[i] - step;");
                    w.Line("if (fabs(m) < FLT_MIN) m = 0.0f;");
                    w.Line("state[i] = m;");
                    w.Line(o.Nesterov ? $"params[i] += {OpenClFloat(o.Momentum)} * m - step;" : "params[i] += m;");
                }
                else
                {
                    w.Line("params[i] -= rate * grads[i];");
                }
            }
            w.Line();
            w.Line($"// The whole parameter arena ({length} floats) in one launch.");
            w.Line($"__kernel void {KernelName}(__global float* params, __global const float* grads, __global float* state, const float rate)");
            using (w.Open())
            {
                w.Line("const int i = get_global_id(0);");
                w.Line($"if (i < {length}) {UpdateFunction}(params, grads, state, i, rate);");
            }
            w.Line();
        }

        /// <summary>A float literal in OpenCL C (always with a decimal point or exponent, and the f suffix).</summary>
        public static string OpenClFloat(float value)
        {
            string r = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return (r.Contains(".") || r.Contains("E") ? r : r + ".0") + "f";
        }
    }
}
