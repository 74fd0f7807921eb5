using ModelGen.Generators.Helpers;

namespace ModelGen.Generators.Plan
{
    /// <summary>
    /// Regularizer penalties, gradient clipping and kernel constraints: what the training step adds around the
    /// backward pass and the optimizer (Keras' order: penalty gradient, clip, update, constraint).
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal, as <see cref="ModelPlan"/>.</remarks>
    public sealed record TrainingMathPlan(
        EquatableArray<RegularizedTensor> Regularized,
        ClipPlan Clip,
        EquatableArray<ConstrainedKernel> Constraints)
    {
        /// <summary>The parameter-arena slices of layers declared <c>Trainable = false</c> (the optimizer skips them), in arena order.</summary>
        public EquatableArray<TensorRange> Frozen { get; init; } = EquatableArray<TensorRange>.Empty;

        /// <summary>
        /// The slices of the parameter arena the optimizer updates: the whole arena, less <see cref="Frozen"/>.
        /// </summary>
        public System.Collections.Generic.IEnumerable<(int First, int End)> TrainableSegments(int length)
        {
            int cursor = 0;
            foreach (TensorRange f in Frozen)
            {
                if (f.Offset > cursor) yield return (cursor, f.Offset);
                cursor = System.Math.Max(cursor, f.Offset + f.Length);
            }
            if (cursor < length) yield return (cursor, length);
        }

        /// <summary>No penalty, no clipping, no constraint.</summary>
        public static readonly TrainingMathPlan None = new(EquatableArray<RegularizedTensor>.Empty, new ClipPlan(ClipKind.None, 0, EquatableArray<TensorRange>.Empty), EquatableArray<ConstrainedKernel>.Empty);

        /// <summary>Whether the loss has a penalty term.</summary>
        public bool HasPenalty => Regularized.Count > 0;

        /// <summary>Whether anything is added to the training step.</summary>
        public bool IsEmpty => Regularized.Count == 0 && Clip.Kind == ClipKind.None && Constraints.Count == 0 && Frozen.Count == 0;
    }

    /// <summary>A tensor with a penalty l1·Σ|w| + l2·Σw²; <see cref="Length"/> runs to the next 16-float boundary (padding is zero).</summary>
    public sealed record RegularizedTensor(string Name, string Layer, int Offset, int Length, float L1, float L2);

    /// <summary>The kinds of gradient clipping (Keras' clipvalue, clipnorm, global_clipnorm).</summary>
    public enum ClipKind
    {
        /// <summary>No clipping.</summary>
        None,
        /// <summary>Each element clipped to [-c, c].</summary>
        Value,
        /// <summary>Each tensor scaled by c / max(‖g‖, c).</summary>
        Norm,
        /// <summary>Every tensor scaled by c / max(N, c), N the norm over all of them.</summary>
        GlobalNorm,
    }

    /// <summary>The clipping, its threshold, and the tensors it works on (per-tensor norms need their ranges).</summary>
    public sealed record ClipPlan(ClipKind Kind, float Threshold, EquatableArray<TensorRange> Tensors);

    /// <summary>A tensor's slice of the gradient arena, rounded up to 16 floats (padding gradients are zero).</summary>
    public sealed record TensorRange(string Name, int Offset, int Length);

    /// <summary>A packed Dense kernel with a constraint applied after every optimizer step.</summary>
    public sealed record ConstrainedKernel(string Name, int Offset, int Inputs, int Units, int PaddedUnits, Constraint Kind, float MaxValue);
}
