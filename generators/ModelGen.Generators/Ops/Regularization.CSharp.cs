using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Ops
{
    /// <summary>
    /// Regularizers, gradient clipping and kernel constraints in C#, in Keras' order (KERAS-REFERENCE 1.1, 4.4): the
    /// penalty l1·Σ|w| + l2·Σw² joins the loss (reported by Fit and Evaluate, as Keras' loss and val_loss); its gradient
    /// l1·sign(w) + 2·l2·w is added right after the layer's backward, while that layer's gradient is still in cache, so
    /// ComputeGradients sees the full gradient; clipping runs first in ApplyOptimizer, on complete gradients; the
    /// constraint runs after the update. The kernels are <c>CompiledModel.Regularization.cs</c>'s, with constant offsets.
    /// </summary>
    public static class RegularizationCSharp
    {
        /// <summary>The statements that follow <paramref name="dense"/>'s backward call: its tensors' penalty gradients.</summary>
        public static IEnumerable<string> BackwardLines(ModelPlan plan, DensePlan dense)
        {
            foreach (RegularizedTensor t in plan.Training.Regularized.Where(t => t.Layer == dense.Name))
            {
                yield return $"AddRegularizerGradient(Gradients + {t.Offset}, Parameters + {t.Offset}, {t.Length}, {Literal(t.L1)}, {Literal(t.L2)}); // {t.Name}: g += {Describe(t, gradient: true)}";
            }
        }

        /// <summary>Whether <see cref="LossCSharp.WriteValue"/> must add <c>RegularizationPenalty()</c>.</summary>
        public static bool HasPenalty(ModelPlan plan) => plan.Training.HasPenalty;

        /// <summary>The statement that starts ApplyOptimizer, if the model clips gradients.</summary>
        public static string? ClipCall(ModelPlan plan) => plan.Training.Clip.Kind == ClipKind.None ? null : "ClipGradients(); // Keras clips before the update (and before weight decay)";

        /// <summary>The statement that ends ApplyOptimizer, if the model has kernel constraints.</summary>
        public static string? ConstraintCall(ModelPlan plan) => plan.Training.Constraints.Count == 0 ? null : "ApplyConstraints(); // Keras applies constraints after the update";

        /// <summary>Writes RegularizationPenalty, ClipGradients and ApplyConstraints, each only where the model needs it.</summary>
        public static void WriteMembers(CodeWriter w, ModelPlan plan, bool runTimeFreezing = false)
        {
            string Skip(string name) => runTimeFreezing ? FreezingCSharp.Guard(plan, name) : "";
            TrainingMathPlan t = plan.Training;
            if (t.HasPenalty)
            {
                w.Line("/// <summary>The regularizers' penalty on the current weights, added to the loss (a sum, not divided by the batch, as Keras).</summary>");
                using (w.Block("private float RegularizationPenalty()"))
                {
                    w.Line("double penalty = 0;");
                    foreach (RegularizedTensor r in t.Regularized)
                    {
                        w.Line($"{Skip(r.Name)}penalty += RegularizerPenalty(Parameters + {r.Offset}, {r.Length}, {Literal(r.L1)}, {Literal(r.L2)}); // {r.Name}: {Describe(r, gradient: false)}");
                    }
                    w.Line("return (float)penalty;");
                }
                w.Line();
            }
            ClipPlan clip = t.Clip;
            if (clip.Kind != ClipKind.None)
            {
                string c = Literal(clip.Threshold);
                w.Line($"/// <summary>{Summary(clip)}</summary>");
                using (w.Block("private void ClipGradients()"))
                {
                    switch (clip.Kind)
                    {
                        case ClipKind.Value:
                            w.Line($"ClipByValue(Gradients, {plan.Memory.ParameterFloats}, {c});");
                            break;
                        case ClipKind.Norm:
                            foreach (TensorRange r in clip.Tensors)
                            {
                                w.Line($"ClipToNorm(Gradients + {r.Offset}, {r.Length}, global::System.Math.Sqrt(SumOfSquares(Gradients + {r.Offset}, {r.Length})), {c}); // {r.Name}");
                            }
                            break;
                        case ClipKind.GlobalNorm:
                            w.Line($"double norm = global::System.Math.Sqrt(SumOfSquares(Gradients, {plan.Memory.ParameterFloats}));");
                            w.Line($"ClipToNorm(Gradients, {plan.Memory.ParameterFloats}, norm, {c});");
                            break;
                    }
                }
                w.Line();
            }
            if (t.Constraints.Count > 0)
            {
                w.Line("/// <summary>The kernel constraints, after every update.</summary>");
                using (w.Block("private void ApplyConstraints()"))
                {
                    foreach (ConstrainedKernel k in t.Constraints)
                    {
                        switch (k.Kind)
                        {
                            case Constraint.MaxNorm:
                                w.Line($"{Skip(k.Name)}ConstrainColumnNorms(Parameters + {k.Offset}, {k.Inputs}, {k.PaddedUnits}, {Literal(k.MaxValue)}, unit: false); // {k.Name} [{k.Inputs}, {k.Units}]: MaxNorm({Literal(k.MaxValue)}) per unit");
                                break;
                            case Constraint.UnitNorm:
                                w.Line($"{Skip(k.Name)}ConstrainColumnNorms(Parameters + {k.Offset}, {k.Inputs}, {k.PaddedUnits}, 0f, unit: true); // {k.Name} [{k.Inputs}, {k.Units}]: UnitNorm per unit");
                                break;
                            case Constraint.NonNeg:
                                w.Line($"{Skip(k.Name)}ClampNonNegative(Parameters + {k.Offset}, {k.Inputs * k.PaddedUnits}); // {k.Name} [{k.Inputs}, {k.Units}]: NonNeg");
                                break;
                        }
                    }
                }
                w.Line();
            }
        }

        /// <summary>One line on the clipping, for comments in both backends.</summary>
        public static string Summary(ClipPlan clip) => clip.Kind switch
        {
            ClipKind.Value => $"Keras' clipvalue: every gradient element clipped to [-{clip.Threshold}, {clip.Threshold}].",
            ClipKind.Norm => $"Keras' clipnorm: each tensor's gradient g scaled by c / max(‖g‖, c), c = {clip.Threshold}.",
            ClipKind.GlobalNorm => $"Keras' global_clipnorm: every gradient scaled by c / max(N, c), N the norm over all tensors, c = {clip.Threshold}.",
            _ => "No clipping.",
        };

        private static string Describe(RegularizedTensor t, bool gradient)
        {
            var terms = new List<string>();
            if (t.L1 > 0) terms.Add(gradient ? $"{t.L1}·sign(w)" : $"{t.L1}·Σ|w|");
            if (t.L2 > 0) terms.Add(gradient ? $"2·{t.L2}·w" : $"{t.L2}·Σw²");
            return string.Join(" + ", terms);
        }

        private static string Literal(float value) => OptimizerCSharp.Literal(value);
    }
}
