using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The optimizer in OpenCL C: one launch updates every parameter of the model (the arena is one buffer), with the
    /// same equations as the C# path (<see cref="OptimizerRules.Update"/>). The step's scalars are computed on the host
    /// from the run-time properties, as on the CPU, and passed as one <c>float8</c>.
    /// </summary>
    public static class OptimizerOpenCl
    {
        /// <summary>The kernel's name in the program.</summary>
        public const string KernelName = "optimizer_step";

        /// <summary>The per-parameter update, shared by this kernel and the fused training kernel.</summary>
        public const string UpdateFunction = "optimizer_update";

        private const string FlushFunction = "optimizer_flush";

        private static readonly Regex s_identifier = new(@"\b[A-Za-z_][A-Za-z0-9_]*\b", RegexOptions.CultureInvariant);

        /// <summary>Writes the update function and the optimizer kernel.</summary>
        public static void Write(CodeWriter w, ModelPlan plan)
        {
            OptimizerPlan o = plan.Optimizer;
            OptimizerUpdate update = OptimizerRules.Update(o);
            IReadOnlyList<string> slots = OptimizerRules.Slots(o);
            int length = plan.Memory.ParameterFloats;
            foreach (string line in update.Summary) w.Line("// " + line);
            w.Line($"// State slots of {length} floats each: {(slots.Count == 0 ? "none" : string.Join(", ", slots))}.");
            w.Line($"// h: {string.Join(", ", update.Scalars.Select((s, i) => $"s{i} = {s.Name} ({s.Meaning})"))}.");
            w.Line($"inline float {FlushFunction}(const float x) {{ return fabs(x) < FLT_MIN ? 0.0f : x; }}");
            w.Line();
            w.Line($"inline void {UpdateFunction}(__global float* params, __global const float* grads, __global float* state, const int i, const float8 h)");
            using (w.Open())
            {
                w.Line($"const float {string.Join(", ", update.Scalars.Select((s, i) => $"{s.Name} = h.s{i}"))};");
                var declared = new HashSet<string>();
                foreach (string line in update.Lines)
                {
                    int eq = line.IndexOf(" = ", System.StringComparison.Ordinal);
                    string target = line.Substring(0, eq);
                    string expression = s_identifier.Replace(line.Substring(eq + 3), m => Render(m.Value, length));
                    if (target == "P" || target[0] == 'S') w.Line($"{Render(target, length)} = {expression};");
                    else w.Line($"{(declared.Add(target) ? "float " : "")}{target} = {expression};");
                }
            }
            w.Line();
            w.Line($"// The parameters [first, end) of the arena ({length} floats): one launch per layer's slice, so the host skips");
            w.Line("// the slices of layers that are frozen (declared Trainable = false, or by Freeze at run time).");
            w.Line($"__kernel void {KernelName}(__global float* params, __global const float* grads, __global float* state, const float8 h, const int first, const int end)");
            using (w.Open())
            {
                w.Line("const int i = first + get_global_id(0);");
                w.Line($"if (i < end) {UpdateFunction}(params, grads, state, i, h);");
            }
            w.Line();
        }

        /// <summary>
        /// The host's side of a launch: the scalars (<see cref="OptimizerCSharp.WriteScalars"/>) packed into the
        /// <c>float8</c> argument <c>h</c>.
        /// </summary>
        public static void WriteHostScalars(CodeWriter w, OptimizerPlan o)
        {
            OptimizerUpdate update = OptimizerRules.Update(o);
            OptimizerCSharp.WriteScalars(w, update);
            IEnumerable<string> values = update.Scalars.Select(s => s.Name).Concat(Enumerable.Repeat("0f", 8 - update.Scalars.Length));
            w.Line($"var h = global::System.Runtime.Intrinsics.Vector256.Create({string.Join(", ", values)}); // the kernel's float8");
        }

        private static string Render(string token, int length)
        {
            if (token == "P") return "params[i]";
            if (token == "G") return "grads[i]";
            if (token.Length == 2 && token[0] == 'S' && char.IsDigit(token[1])) return token[1] == '0' ? "state[i]" : $"state[{(token[1] - '0') * length} + i]";
            return token switch { "Flush" => FlushFunction, "Sqrt" => "sqrt", "Max" => "fmax", "Abs" => "fabs", _ => token };
        }

        /// <summary>A float literal in OpenCL C (always with a decimal point or exponent, and the f suffix).</summary>
        public static string OpenClFloat(float value)
        {
            string r = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return (r.Contains(".") || r.Contains("E") ? r : r + ".0") + "f";
        }
    }
}
