using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Validation
{
    /// <summary>
    /// Checks regularizers and kernel constraints on [Dense] (MG0060, MG0061) and gradient clipping on [Model]
    /// (MG0062, MG0063), and fills in Keras 3's defaults: L1(l1=0.01), L2(l2=0.01), L1L2(l1=0, l2=0), MaxNorm(2).
    /// </summary>
    public static class TrainingMathValidator
    {
        /// <summary>Reports every invalid regularizer, constraint or clipping argument of the model.</summary>
        public static void Check(ModelDeclaration model, List<DiagnosticInfo> diagnostics)
        {
            // A sequential model's class-level layers, or a functional model's Dense nodes.
            foreach (LayerDeclaration layer in model.Layers.Concat(model.Nodes.Where(n => n.Kind == NodeKind.Dense).Select(n => n.Layer)))
            {
                if (layer.Kind != LayerKind.Dense) continue;
                LayerTrainingDeclaration t = layer.Training;
                void Invalid(string name, object value, string rule) => diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidRegularization, layer.Location, model.ClassName, name, value, rule));
                void Unused(string name, string why) => diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnusedRegularizationArgument, layer.Location, model.ClassName, name, why));

                CheckRegularizer("Kernel", t.KernelRegularizer, t.KernelL1, t.KernelL2, Invalid, Unused);
                CheckRegularizer("Bias", t.BiasRegularizer, t.BiasL1, t.BiasL2, Invalid, Unused);
                if (t.BiasRegularizer != Regularizer.None && !layer.UseBias) Unused("BiasRegularizer", "the layer has no bias (UseBias = false)");
                if (!Enum.IsDefined(typeof(Constraint), t.KernelConstraint)) Invalid("KernelConstraint", (int)t.KernelConstraint, "it is not a Constraint value");
                if (t.MaxValue is float max)
                {
                    if (t.KernelConstraint != Constraint.MaxNorm) Unused("MaxValue", "only KernelConstraint = Constraint.MaxNorm reads it");
                    else if (!(max > 0) || float.IsInfinity(max)) Invalid("MaxValue", max, "it must be positive and finite");
                }
            }

            ClippingDeclaration c = model.Options.Clipping;
            var set = new List<string>();
            void Threshold(string name, float value)
            {
                if (value == 0) return;
                set.Add(name);
                if (!(value > 0) || float.IsInfinity(value))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidClipping, model.Options.Location, model.ClassName, name, value));
                }
            }
            Threshold("ClipValue", c.ClipValue);
            Threshold("ClipNorm", c.ClipNorm);
            Threshold("GlobalClipNorm", c.GlobalClipNorm);
            if (set.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SeveralClippings, model.Options.Location, model.ClassName, string.Join(" and ", set)));
            }
        }

        private static void CheckRegularizer(string tensor, Regularizer kind, float? l1, float? l2,
            Action<string, object, string> invalid, Action<string, string> unused)
        {
            if (!Enum.IsDefined(typeof(Regularizer), kind))
            {
                invalid(tensor + "Regularizer", (int)kind, "it is not a Regularizer value");
                return;
            }
            if (l1 is float a)
            {
                if (kind is not (Regularizer.L1 or Regularizer.L1L2)) unused(tensor + "L1", $"only {tensor}Regularizer = Regularizer.L1 or L1L2 reads it");
                else if (!(a >= 0) || float.IsInfinity(a)) invalid(tensor + "L1", a, "it must be finite and not negative");
            }
            if (l2 is float b)
            {
                if (kind is not (Regularizer.L2 or Regularizer.L1L2)) unused(tensor + "L2", $"only {tensor}Regularizer = Regularizer.L2 or L1L2 reads it");
                else if (!(b >= 0) || float.IsInfinity(b)) invalid(tensor + "L2", b, "it must be finite and not negative");
            }
        }

        /// <summary>The layer's factors with Keras 3's defaults (L1: l1 = 0.01; L2: l2 = 0.01; L1L2: both 0), MaxNorm's 2.</summary>
        public static LayerTraining Resolve(LayerTrainingDeclaration t)
        {
            static float L1(Regularizer kind, float? given) => kind == Regularizer.L1 ? given ?? 0.01f : kind == Regularizer.L1L2 ? given ?? 0f : 0f;
            static float L2(Regularizer kind, float? given) => kind == Regularizer.L2 ? given ?? 0.01f : kind == Regularizer.L1L2 ? given ?? 0f : 0f;
            return new LayerTraining(L1(t.KernelRegularizer, t.KernelL1), L2(t.KernelRegularizer, t.KernelL2),
                L1(t.BiasRegularizer, t.BiasL1), L2(t.BiasRegularizer, t.BiasL2), t.KernelConstraint, t.MaxValue ?? 2f, t.Trainable);
        }
    }
}
