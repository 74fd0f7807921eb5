using System;
using System.Collections.Generic;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// The optimizers' rules in one place: Keras 3's defaults, which hyperparameter each optimizer uses, their valid
    /// ranges (MG0040, MG0041), and the state slots each keeps. The update equations are in
    /// <see cref="OptimizerCSharp"/> and <see cref="OptimizerOpenCl"/>, next to each other.
    /// </summary>
    public static class OptimizerRules
    {
        /// <summary>Keras' default learning rates: SGD 0.01, every other 0.001 (Adadelta included; PyTorch's is 1.0).</summary>
        public static float DefaultLearningRate(Optimizer optimizer) => optimizer == Optimizer.Sgd ? 0.01f : 0.001f;

        /// <summary>The hyperparameters of [Model] that only some optimizers read, with the optimizers that read them.</summary>
        private static readonly (string Name, Func<OptimizerHyperparameters, bool> Given, Optimizer[] UsedBy)[] s_usedBy =
        {
            ("Beta1", h => h.Beta1 != 0, new[] { Optimizer.Adam, Optimizer.AdamW, Optimizer.Adamax, Optimizer.Nadam }),
            ("Beta2", h => h.Beta2 != 0, new[] { Optimizer.Adam, Optimizer.AdamW, Optimizer.Adamax, Optimizer.Nadam }),
            ("Epsilon", h => h.Epsilon != 0, new[] { Optimizer.Adam, Optimizer.AdamW, Optimizer.Adamax, Optimizer.Nadam, Optimizer.Adagrad, Optimizer.RmsProp, Optimizer.Adadelta }),
            ("AmsGrad", h => h.AmsGrad, new[] { Optimizer.Adam, Optimizer.AdamW }),
            ("Rho", h => h.Rho != 0, new[] { Optimizer.RmsProp, Optimizer.Adadelta }),
            ("Centered", h => h.Centered, new[] { Optimizer.RmsProp }),
            ("InitialAccumulatorValue", h => h.InitialAccumulatorValue != 0, new[] { Optimizer.Adagrad }),
        };

        /// <summary>
        /// Reports a hyperparameter out of its range (MG0040) or given to an optimizer that does not read it (MG0041).
        /// Momentum and Nesterov keep their own check (MG0018).
        /// </summary>
        public static void Check(ModelDeclaration model, List<DiagnosticInfo> diagnostics)
        {
            ModelOptions o = model.Options;
            OptimizerHyperparameters h = o.Hyperparameters;
            void Invalid(string name, float value, string rule) => diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidOptimizerHyperparameter, o.Location, model.ClassName, name, value, rule));
            if (!(h.Beta1 >= 0 && h.Beta1 < 1)) Invalid("Beta1", h.Beta1, "it must be in (0, 1), or 0 for Keras' default 0.9");
            if (!(h.Beta2 >= 0 && h.Beta2 < 1)) Invalid("Beta2", h.Beta2, "it must be in (0, 1), or 0 for Keras' default 0.999");
            if (!(h.Rho >= 0 && h.Rho < 1)) Invalid("Rho", h.Rho, "it must be in (0, 1), or 0 for Keras' default (RMSprop 0.9, Adadelta 0.95)");
            if (!IsNonNegativeFinite(h.Epsilon)) Invalid("Epsilon", h.Epsilon, "it must be positive and finite, or 0 for Keras' default 1e-7");
            if (!IsNonNegativeFinite(h.InitialAccumulatorValue)) Invalid("InitialAccumulatorValue", h.InitialAccumulatorValue, "it must be positive and finite, or 0 for Keras' default 0.1");
            if (!IsNonNegativeFinite(h.WeightDecay)) Invalid("WeightDecay", h.WeightDecay, "it must be positive and finite, or 0 for Keras' default 0.004");

            if (!Enum.IsDefined(typeof(Optimizer), o.Optimizer)) return; // MG0011 already says so
            foreach (var (name, given, usedBy) in s_usedBy)
            {
                if (!given(h) || Array.IndexOf(usedBy, o.Optimizer) >= 0) continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedOptimizerHyperparameter, o.Location,
                    model.ClassName, name, o.Optimizer, string.Join(", ", Array.ConvertAll(usedBy, u => "Optimizer." + u))));
            }
        }

        /// <summary>Whether the optimizer reads <c>Momentum</c> (SGD and RMSprop; Nesterov is SGD's alone).</summary>
        public static bool UsesMomentum(Optimizer optimizer) => optimizer is Optimizer.Sgd or Optimizer.RmsProp;

        /// <summary>The hyperparameters the optimizer reads, each filled in with Keras' default where not declared; the others 0.</summary>
        public static OptimizerHyperparameters Resolve(Optimizer optimizer, OptimizerHyperparameters declared)
        {
            static float Or(float value, float keras) => value != 0 ? value : keras;
            OptimizerHyperparameters h = declared;
            bool adamFamily = optimizer is Optimizer.Adam or Optimizer.AdamW or Optimizer.Adamax or Optimizer.Nadam;
            return new OptimizerHyperparameters(
                Beta1: adamFamily ? Or(h.Beta1, 0.9f) : 0,
                Beta2: adamFamily ? Or(h.Beta2, 0.999f) : 0,
                Epsilon: optimizer != Optimizer.Sgd ? Or(h.Epsilon, 1e-7f) : 0,
                AmsGrad: h.AmsGrad && optimizer is Optimizer.Adam or Optimizer.AdamW,
                Rho: optimizer == Optimizer.RmsProp ? Or(h.Rho, 0.9f) : optimizer == Optimizer.Adadelta ? Or(h.Rho, 0.95f) : 0,
                Centered: h.Centered && optimizer == Optimizer.RmsProp,
                InitialAccumulatorValue: optimizer == Optimizer.Adagrad ? Or(h.InitialAccumulatorValue, 0.1f) : 0,
                WeightDecay: optimizer == Optimizer.AdamW ? Or(h.WeightDecay, 0.004f) : h.WeightDecay);
        }

        /// <summary>The optimizer's plan: its kind, its values at construction, and its state slots.</summary>
        public static OptimizerPlan Plan(CheckedModel model)
        {
            OptimizerHyperparameters h = model.Hyperparameters;
            float momentum = UsesMomentum(model.Optimizer) ? model.Momentum : 0;
            var plan = new OptimizerPlan(model.Optimizer, model.LearningRate, h.Beta1, h.Beta2, h.Epsilon, momentum,
                model.Nesterov, StateSlots: 0, h.Rho, h.AmsGrad, h.Centered, h.InitialAccumulatorValue, h.WeightDecay);
            return plan with { StateSlots = Slots(plan).Count };
        }

        /// <summary>
        /// The names of the state slots, in arena order: each is a copy of the parameter layout (padding included),
        /// so slot s of parameter i is at s × ParameterFloats + i.
        /// </summary>
        public static IReadOnlyList<string> Slots(OptimizerPlan o)
        {
            var slots = new List<string>();
            switch (o.Kind)
            {
                case Optimizer.Sgd:
                    if (o.Momentum > 0) slots.Add("velocity");
                    break;
                case Optimizer.Adam:
                case Optimizer.AdamW:
                    slots.Add("m");
                    slots.Add("v");
                    if (o.AmsGrad) slots.Add("v_hat_max");
                    break;
                case Optimizer.Adagrad:
                    slots.Add("accumulator");
                    break;
                case Optimizer.RmsProp:
                    slots.Add("velocity");
                    if (o.Centered) slots.Add("average_gradient");
                    if (o.Momentum > 0) slots.Add("momentum");
                    break;
                case Optimizer.Adadelta:
                    slots.Add("accumulated_grad");
                    slots.Add("accumulated_delta_var");
                    break;
                case Optimizer.Adamax:
                    slots.Add("m");
                    slots.Add("u");
                    break;
                case Optimizer.Nadam:
                    slots.Add("m");
                    slots.Add("v");
                    break;
            }
            return slots;
        }

        /// <summary>The state slots of a declaration, before validation (for the arena-size check): at least 1.</summary>
        public static int StateSlots(ModelOptions options)
        {
            if (!Enum.IsDefined(typeof(Optimizer), options.Optimizer)) return 1;
            float momentum = UsesMomentum(options.Optimizer) ? options.Momentum : 0;
            OptimizerHyperparameters h = options.Hyperparameters;
            var plan = new OptimizerPlan(options.Optimizer, 0, 0, 0, 0, momentum, false, 0, 0, h.AmsGrad, h.Centered, 0, 0);
            return Math.Max(1, Slots(plan).Count);
        }

        /// <summary>
        /// The update of one parameter, written once for both backends (<see cref="OptimizerUpdate"/>): Keras 3's
        /// equations (keras/src/optimizers/*.py) in Keras' order of operations. With a weight decay (AdamW's, or any
        /// optimizer's declared <c>WeightDecay</c>), Keras' base class first decays the pre-update weight,
        /// w -= w·wd·lr, then the update step subtracts from the decayed weight: one more scalar and one more term.
        /// </summary>
        public static OptimizerUpdate Update(OptimizerPlan o)
        {
            OptimizerUpdate update = UpdateStep(o);
            if (o.WeightDecay <= 0) return update;
            string[] lines = (string[])update.Lines.Clone();
            int store = Array.FindLastIndex(lines, l => l.StartsWith("P = P ", StringComparison.Ordinal));
            lines[store] = "P = decayed " + lines[store].Substring("P = P ".Length);
            var withDecay = new List<string> { "pk = P", "decayed = pk - pk * decay" };
            withDecay.AddRange(lines);
            var scalars = new List<OptimizerScalar>(update.Scalars) { S("decay", "WeightDecay * LearningRate", "wd·lr, the decoupled weight decay of this step") };
            var summary = new List<string>(update.Summary) { "Decoupled weight decay first (Keras' base optimizer): w -= w·wd·lr, then the update above." };
            return new OptimizerUpdate(summary.ToArray(), update.Prelude, scalars.ToArray(), withDecay.ToArray());
        }

        private static OptimizerUpdate UpdateStep(OptimizerPlan o)
        {
            switch (o.Kind)
            {
                case Optimizer.Sgd when o.Momentum > 0:
                    return new OptimizerUpdate(
                        new[] { o.Nesterov ? "SGD with Nesterov momentum, Keras' update: m = μ m - lr g; w += μ m - lr g (m already updated)." : "SGD with momentum, Keras' update: m = μ m - lr g; w += m." },
                        Prelude: new string[0],
                        new[] { S("lr", "LearningRate", "the learning rate"), S("mu", "Momentum", "the momentum μ") },
                        new[]
                        {
                            "step = G * lr",
                            "mk = Flush(mu * S0 - step)",
                            "S0 = mk",
                            o.Nesterov ? "P = P + (mu * mk - step)" : "P = P + mk",
                        });
                case Optimizer.Sgd:
                    return new OptimizerUpdate(new[] { "Plain SGD, Keras' update: w -= lr g." }, new string[0],
                        new[] { S("lr", "LearningRate", "the learning rate") },
                        new[] { "P = P - lr * G" });
                case Optimizer.Adam:
                case Optimizer.AdamW:
                {
                    var summary = new List<string>
                    {
                        (o.Kind == Optimizer.AdamW ? "AdamW" : "Adam") + ", Keras' update: m += (g - m)(1 - β1); v += (g² - v)(1 - β2);" + (o.AmsGrad ? " v̂ = max(v̂, v) (AMSGrad);" : ""),
                        $"w -= α m / (√{(o.AmsGrad ? "v̂" : "v")} + ε), α = lr √(1 - β2^t) / (1 - β1^t).",
                    };
                    var scalars = new List<OptimizerScalar>
                    {
                        S("alpha", "AdamStepSize(Beta1, Beta2)", "α = lr √(1 - β2^t) / (1 - β1^t) for step t = Iterations + 1"),
                        S("b1", "1f - Beta1", "1 - β1"), S("b2", "1f - Beta2", "1 - β2"), S("eps", "Epsilon", "ε"),
                    };
                    var lines = new List<string>
                    {
                        "gk = G",
                        "mk = Flush(S0 + (gk - S0) * b1)",
                        "vk = Flush(S1 + (gk * gk - S1) * b2)",
                        "S0 = mk", "S1 = vk",
                    };
                    if (o.AmsGrad) lines.AddRange(new[] { "vk = Max(S2, vk)", "S2 = vk" });
                    lines.Add("P = P - mk * alpha / (Sqrt(vk) + eps)");
                    return new OptimizerUpdate(summary.ToArray(), new string[0], scalars.ToArray(), lines.ToArray());
                }
                case Optimizer.Adagrad:
                    return new OptimizerUpdate(
                        new[] { "Adagrad, Keras' update: a += g²; w -= lr g / √(a + ε) (ε inside the root; a starts at InitialAccumulatorValue)." },
                        new string[0],
                        new[] { S("lr", "LearningRate", "the learning rate"), S("eps", "Epsilon", "ε") },
                        new[] { "gk = G", "ak = S0 + gk * gk", "S0 = ak", "P = P - lr * gk / Sqrt(ak + eps)" });
                case Optimizer.RmsProp:
                {
                    var scalars = new List<OptimizerScalar>
                    {
                        S("lr", "LearningRate", "the learning rate"), S("rho", "Rho", "ρ"), S("rho1", "1f - Rho", "1 - ρ"), S("eps", "Epsilon", "ε"),
                    };
                    if (o.Momentum > 0) scalars.Add(S("mu", "Momentum", "the momentum"));
                    var lines = new List<string> { "gk = G", "vk = Flush(rho * S0 + rho1 * (gk * gk))", "S0 = vk" };
                    int slot = 1;
                    if (o.Centered)
                    {
                        lines.AddRange(new[] { "ak = Flush(rho * S1 + rho1 * gk)", "S1 = ak", "step = lr * gk / Sqrt(vk - ak * ak + eps)" });
                        slot = 2;
                    }
                    else
                    {
                        lines.Add("step = lr * gk / Sqrt(vk + eps)");
                    }
                    if (o.Momentum > 0) lines.AddRange(new[] { $"mk = Flush(mu * S{slot} + step)", $"S{slot} = mk", "P = P - mk" });
                    else lines.Add("P = P - step");
                    return new OptimizerUpdate(
                        new[]
                        {
                            "RMSprop, Keras' update: v = ρ v + (1 - ρ) g²;" + (o.Centered ? " a = ρ a + (1 - ρ) g; step = lr g / √(v - a² + ε) (centered);" : " step = lr g / √(v + ε);"),
                            o.Momentum > 0 ? "mom = μ mom + step; w -= mom." : "w -= step.",
                        },
                        new string[0], scalars.ToArray(), lines.ToArray());
                }
                case Optimizer.Adadelta:
                    return new OptimizerUpdate(
                        new[]
                        {
                            "Adadelta, Keras' update: E[g²] = ρ E[g²] + (1 - ρ) g²; Δ = -√(E[Δ²] + ε) g / √(E[g²] + ε);",
                            "E[Δ²] = ρ E[Δ²] + (1 - ρ) Δ²; w += lr Δ.",
                        },
                        new string[0],
                        new[] { S("lr", "LearningRate", "the learning rate"), S("rho", "Rho", "ρ"), S("rho1", "1f - Rho", "1 - ρ"), S("eps", "Epsilon", "ε") },
                        new[]
                        {
                            "gk = G",
                            "ek = Flush(rho * S0 + rho1 * (gk * gk))",
                            "dk = -Sqrt(S1 + eps) * gk / Sqrt(ek + eps)",
                            "S0 = ek",
                            "S1 = Flush(rho * S1 + rho1 * (dk * dk))",
                            "P = P + lr * dk",
                        });
                case Optimizer.Adamax:
                    return new OptimizerUpdate(
                        new[] { "Adamax, Keras' update: m += (g - m)(1 - β1); u = max(β2 u, |g|); w -= lr m / ((1 - β1^t)(u + ε))." },
                        new string[0],
                        new[]
                        {
                            S("alpha", "AdamaxStepSize()", "lr / (1 - β1^t) for step t = Iterations + 1"),
                            S("b1", "1f - Beta1", "1 - β1"), S("beta2", "Beta2", "β2"), S("eps", "Epsilon", "ε"),
                        },
                        new[]
                        {
                            "gk = G",
                            "mk = Flush(S0 + (gk - S0) * b1)",
                            "uk = Flush(Max(beta2 * S1, Abs(gk)))",
                            "S0 = mk", "S1 = uk",
                            "P = P - alpha * mk / (uk + eps)",
                        });
                case Optimizer.Nadam:
                    return new OptimizerUpdate(
                        new[]
                        {
                            "Nadam, Keras' update: m += (g - m)(1 - β1); v += (g² - v)(1 - β2); m̂ = wm m + wg g; v̂ = v / (1 - β2^t);",
                            "w -= lr m̂ / (√v̂ + ε), with μ_s = β1 (1 - 0.5·0.96^s), wm = μ_{t+1} / (1 - Π_{s≤t+1} μ_s), wg = (1 - μ_t) / (1 - Π_{s≤t} μ_s).",
                        },
                        new[] { "NadamMomentumWeights(out float momentumWeight, out float gradientWeight); // for step t = Iterations + 1" },
                        new[]
                        {
                            S("lr", "LearningRate", "the learning rate"), S("b1", "1f - Beta1", "1 - β1"), S("b2", "1f - Beta2", "1 - β2"),
                            S("eps", "Epsilon", "ε"), S("wm", "momentumWeight", "the weight of m in m̂"), S("wg", "gradientWeight", "the weight of g in m̂"),
                            S("vc", "SecondMomentCorrection()", "1 / (1 - β2^t)"),
                        },
                        new[]
                        {
                            "gk = G",
                            "mk = Flush(S0 + (gk - S0) * b1)",
                            "vk = Flush(S1 + (gk * gk - S1) * b2)",
                            "S0 = mk", "S1 = vk",
                            "P = P - lr * (wm * mk + wg * gk) / (Sqrt(vk * vc) + eps)",
                        });
                default:
                    throw new ArgumentOutOfRangeException(nameof(o), o.Kind, "not an optimizer");
            }
        }

        private static OptimizerScalar S(string name, string expression, string meaning) => new(name, expression, meaning);

        private static bool IsNonNegativeFinite(float value) => value >= 0 && !float.IsInfinity(value);
    }

    /// <summary>A per-step scalar: computed on the host from the model's run-time properties, the same for every parameter.</summary>
    /// <param name="Name">The local's name in the generated code (C# and OpenCL alike).</param>
    /// <param name="Expression">Its C# expression, in the model class.</param>
    /// <param name="Meaning">What it is, for the generated comments.</param>
    public sealed record OptimizerScalar(string Name, string Expression, string Meaning);

    /// <summary>
    /// One optimizer's update of parameter k, written once in a small neutral syntax that each backend renders
    /// (<see cref="OptimizerCSharp"/> as 16- or 8-lane vectors, <see cref="OptimizerOpenCl"/> as one float per work-item).
    /// Each line is <c>name = expression</c>: a lower-case name declares a local, <c>P</c> or <c>S0</c>..<c>S3</c> stores the
    /// parameter or that state slot. In expressions <c>P</c>, <c>G</c>, <c>Sn</c> read the parameter, its gradient and state
    /// slot n; the functions are Sqrt, Max, Abs and Flush (subnormals to zero); scalars are used by name.
    /// </summary>
    /// <param name="Summary">The equations in words, for the generated comments.</param>
    /// <param name="Prelude">C# statements before the scalars are computed (e.g. Nadam's momentum weights).</param>
    /// <param name="Scalars">The step's scalars, in the order the OpenCL kernel receives them (float8 components s0..s7).</param>
    /// <param name="Lines">The element-wise update.</param>
    public sealed record OptimizerUpdate(string[] Summary, string[] Prelude, OptimizerScalar[] Scalars, string[] Lines);
}
