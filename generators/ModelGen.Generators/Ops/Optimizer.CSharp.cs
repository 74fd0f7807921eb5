using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Optimizers in C#: one element-wise pass over the whole parameter arena (gradients and state mirror its packed
    /// layout, padding included, whose gradients are always zero). It runs after the whole backward pass, so the update
    /// sees complete gradients (what global-norm clipping will need). Every hyperparameter is read from the model's
    /// run-time properties once per step, into scalars (<see cref="OptimizerScalar"/>), so a schedule can change the
    /// learning rate every step for the price of a property set. State below the smallest normal float is flushed to
    /// zero: .NET cannot set flush-to-zero, and subnormal multiplies are 35-80x slower.
    /// </summary>
    public static class OptimizerCSharp
    {
        private static readonly Regex s_identifier = new(@"\b[A-Za-z_][A-Za-z0-9_]*\b", RegexOptions.CultureInvariant);

        /// <summary>Writes the <c>ApplyOptimizer</c> override (and Adagrad's state initialization).</summary>
        public static void Write(CodeWriter w, ModelPlan plan, bool runTimeFreezing = false)
        {
            OptimizerPlan o = plan.Optimizer;
            OptimizerUpdate update = OptimizerRules.Update(o);
            IReadOnlyList<string> slots = OptimizerRules.Slots(o);
            w.Line("/// <summary>");
            foreach (string line in update.Summary) w.Line("/// " + line);
            w.Line("/// </summary>");
            w.Line(MicroKernels.Optimized);
            using (w.Block("protected override void ApplyOptimizer()"))
            {
                if (RegularizationCSharp.ClipCall(plan) is { } clip) w.Line(clip);
                var segments = new List<(int First, int End)>(plan.Training.TrainableSegments(plan.Memory.ParameterFloats));
                bool loopsUseLength = segments.Any(s => s.End == plan.Memory.ParameterFloats);
                if (loopsUseLength || slots.Count > 1) w.Line($"const int Length = {plan.Memory.ParameterFloats}; // the parameter arena, padding included");
                w.Line("float* p = Parameters, g = Gradients;");
                for (int s = 0; s < slots.Count; s++)
                {
                    w.Line($"float* s{s} = OptimizerState{(s == 0 ? "" : $" + {s} * Length")}; // {slots[s]}");
                }
                WriteScalars(w, update);
                if (plan.Training.Frozen.Count > 0) w.Line("// Frozen layers (Trainable = false) are skipped: " + string.Join(", ", plan.Training.Frozen.Select(f => $"{f.Name} [{f.Offset}, {f.Offset + f.Length})")) + ".");
                // Run-time Freeze(name): each layer's loop is skipped while its flag is set (state untouched).
                List<(int Flag, int First, int End)> pieces = runTimeFreezing
                    ? FreezingCSharp.Split(plan, segments)
                    : segments.Select(s => (-1, s.First, s.End)).ToList();
                using (w.Block("if (Use512)")) WriteLoops(w, update, VectorIsa.Avx512, pieces, plan.Memory.ParameterFloats);
                using (w.Block("else")) WriteLoops(w, update, VectorIsa.Avx2, pieces, plan.Memory.ParameterFloats);
                if (RegularizationCSharp.ConstraintCall(plan) is { } constrain) w.Line(constrain);
            }
            if (o.Kind == Optimizer.Adagrad)
            {
                w.Line();
                w.Line("/// <summary>Adagrad's accumulator starts at InitialAccumulatorValue (Keras 0.1; PyTorch starts at 0).</summary>");
                w.Line($"protected override void InitializeOptimizerState() => FillOptimizerState(0, {plan.Memory.ParameterFloats}, InitialAccumulatorValue);");
            }
        }

        /// <summary>
        /// The C# statements that compute the step's scalars from the run-time properties into locals named as the
        /// scalars; the CPU loop and the OpenCL launch both start with them.
        /// </summary>
        public static void WriteScalars(CodeWriter w, OptimizerUpdate update)
        {
            foreach (string line in update.Prelude) w.Line(line);
            foreach (OptimizerScalar s in update.Scalars) w.Line($"float {s.Name} = {s.Expression}; // {s.Meaning}");
        }

        /// <summary>
        /// The constructor's statements: every hyperparameter the optimizer reads, set to its declared value (or Keras'
        /// default) on the run-time property of the same name.
        /// </summary>
        public static IEnumerable<string> InitialValues(OptimizerPlan o)
        {
            if (o.Momentum > 0) yield return $"Momentum = {Literal(o.Momentum)};";
            if (o.Beta1 > 0) yield return $"Beta1 = {Literal(o.Beta1)};";
            if (o.Beta2 > 0) yield return $"Beta2 = {Literal(o.Beta2)};";
            if (o.Epsilon > 0) yield return $"Epsilon = {Literal(o.Epsilon)};";
            if (o.Rho > 0) yield return $"Rho = {Literal(o.Rho)};";
            if (o.WeightDecay > 0) yield return $"WeightDecay = {Literal(o.WeightDecay)};";
            if (o.Kind == Optimizer.Adagrad)
            {
                yield return $"InitialAccumulatorValue = {Literal(o.InitialAccumulatorValue)};";
                yield return "InitializeOptimizerState();";
            }
        }

        /// <summary>The scalars splatted once, then one loop per trainable segment (one, the whole arena, unless layers are frozen).</summary>
        private static void WriteLoops(CodeWriter w, OptimizerUpdate update, VectorIsa isa, List<(int Flag, int First, int End)> segments, int length)
        {
            var scalars = new HashSet<string>();
            var splats = new List<string>();
            foreach (OptimizerScalar s in update.Scalars)
            {
                scalars.Add(s.Name);
                splats.Add($"var {s.Name}V = {isa.Splat(s.Name)};");
            }
            w.Line(string.Join(" ", splats));
            foreach (var (flag, first, end) in segments)
            {
                if (flag < 0)
                {
                    WriteLoop(w, update, isa, scalars, first, end, length);
                    continue;
                }
                using (w.Block($"if (!FrozenAtRunTime[{flag}]) // run-time Freeze: no update, state untouched"))
                {
                    WriteLoop(w, update, isa, scalars, first, end, length);
                }
            }
        }

        private static void WriteLoop(CodeWriter w, OptimizerUpdate update, VectorIsa isa, HashSet<string> scalars, int first, int end, int length)
        {
            string bounds = $"k = {first}; k < {(end == length ? "Length" : end.ToString())}";
            using (w.Block($"for (int {bounds}; k += {isa.Lanes})"))
            {
                var declared = new HashSet<string>();
                foreach (string line in update.Lines)
                {
                    int eq = line.IndexOf(" = ", System.StringComparison.Ordinal);
                    string target = line.Substring(0, eq);
                    string expression = s_identifier.Replace(line.Substring(eq + 3), m => Render(m.Value, scalars, isa));
                    if (target == "P") w.Line($"Store({expression}, p + k);");
                    else if (target[0] == 'S') w.Line($"Store({expression}, s{target.Substring(1)} + k);");
                    else w.Line($"{(declared.Add(target) ? "var " : "")}{target} = {expression};");
                }
            }
        }

        private static string Render(string token, HashSet<string> scalars, VectorIsa isa)
        {
            if (scalars.Contains(token)) return token + "V";
            if (token == "P") return isa.Load("p + k");
            if (token == "G") return isa.Load("g + k");
            if (token.Length == 2 && token[0] == 'S' && char.IsDigit(token[1])) return isa.Load($"s{token[1]} + k");
            if (token == "Flush") return "FlushSubnormals";
            return token;
        }

        /// <summary>A float as a round-tripping C# literal.</summary>
        public static string Literal(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }
}
