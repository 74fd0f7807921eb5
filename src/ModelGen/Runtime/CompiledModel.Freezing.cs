using System;
using System.Collections.Generic;

namespace ModelGen
{
    /// <summary>
    /// Run-time freezing by layer name, as Keras' <c>layer.trainable = False</c> followed by recompiling: a frozen
    /// layer's kernel and bias gradients are not computed (its gradient slice keeps whatever it held), it gets no
    /// optimizer update, no weight decay, no regularization penalty and no constraint, and its optimizer state is left
    /// untouched. The generated backward, penalty, optimizer and constraint code test one flag per layer per step, on
    /// the CPU and on OpenCL (where the host skips the layer's launches). Layers declared <c>Trainable = false</c>
    /// generate no gradient code at all and cannot be unfrozen.
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        private bool[]? _frozenAtRunTime;

        /// <summary>
        /// The Dense layers in the generated code's order (the index the generated code tests in
        /// <see cref="FrozenAtRunTime"/>), with null for layers declared <c>Trainable = false</c>; null when the
        /// code does not support run-time freezing (every generated model does; a hand-written subclass may not).
        /// </summary>
        protected virtual string?[]? RunTimeFreezableLayers => null;

        /// <summary>One flag per entry of <see cref="RunTimeFreezableLayers"/>: true skips that layer's gradient and update.</summary>
        protected bool[] FrozenAtRunTime => _frozenAtRunTime ??= new bool[RunTimeFreezableLayers?.Length ?? 0];

        /// <summary>Freezes the named layer (Keras name, e.g. "dense_1") from the next step on; idempotent.</summary>
        public void Freeze(string layer) => SetFrozen(layer, true);

        /// <summary>Unfreezes a layer frozen by <see cref="Freeze"/>; its updates resume with its optimizer state as it was.</summary>
        public void Unfreeze(string layer) => SetFrozen(layer, false);

        /// <summary>Whether the named layer is frozen, at run time or by declaration (<c>Trainable = false</c>).</summary>
        public bool IsFrozen(string layer)
        {
            int index = LayerIndex(layer, out bool declaredFrozen);
            return declaredFrozen || FrozenAtRunTime[index];
        }

        private void SetFrozen(string layer, bool frozen)
        {
            ThrowIfDisposed();
            int index = LayerIndex(layer, out bool declaredFrozen);
            if (declaredFrozen)
            {
                if (frozen) return;
                throw new InvalidOperationException(
                    $"Layer '{layer}' of {_layout.ModelName} is declared Trainable = false: no gradient code was generated for it, so it cannot be unfrozen at run time. Declare it trainable and freeze it with Freeze(\"{layer}\") instead.");
            }
            if (frozen && !FrozenAtRunTime[index]) ClearGradientsOf(layer);
            FrozenAtRunTime[index] = frozen;
        }

        /// <summary>
        /// Zeroes the layer's gradient slice once, on freezing: no step writes it while frozen, and clipping (global
        /// norm above all) must see no stale gradient of it, as Keras clips trainable gradients only.
        /// </summary>
        private void ClearGradientsOf(string layer)
        {
            foreach (TensorSpec t in _layout.Tensors)
            {
                if (t.Name.Length > layer.Length && t.Name[layer.Length] == '.' && t.Name.StartsWith(layer, StringComparison.Ordinal))
                {
                    var slice = new Span<float>(Gradients + t.Offset, t.StoredLength);
                    slice.Clear();
                    // On a device the gradients live there: copy the cleared slice over its copy too (one write).
                    _cl?.Context.Write(_cl.Gradients, t.Offset, slice);
                }
            }
        }

        /// <summary>Whether any layer is frozen at run time (the fully fused OpenCL training kernel does not test the flags).</summary>
        private protected bool AnyFrozenAtRunTime => Array.IndexOf(FrozenAtRunTime, true) >= 0;

        /// <summary>
        /// The run-time freeze flags of the first 64 layers as bits, for the OpenCL penalty kernel; throws if a later
        /// layer is frozen, which that kernel cannot see.
        /// </summary>
        protected ulong FrozenLayerMask
        {
            get
            {
                ulong mask = 0;
                bool[] flags = FrozenAtRunTime;
                for (int i = 0; i < flags.Length; i++)
                {
                    if (!flags[i]) continue;
                    if (i >= 64)
                    {
                        throw new NotSupportedException(
                            $"Layer '{RunTimeFreezableLayers![i]}' of {_layout.ModelName} is frozen at run time, but the OpenCL penalty kernel sees the flags of the first 64 layers only: train on the CPU, or declare it Trainable = false.");
                    }
                    mask |= 1UL << i;
                }
                return mask;
            }
        }

        private int LayerIndex(string layer, out bool declaredFrozen)
        {
            ArgumentNullException.ThrowIfNull(layer);
            string?[] names = RunTimeFreezableLayers
                ?? throw new NotSupportedException($"{_layout.ModelName}: this model does not support freezing layers at run time (it does not override RunTimeFreezableLayers).");
            int index = Array.IndexOf(names, layer);
            if (index < 0) ThrowIfBatchNormalization(layer);
            declaredFrozen = index < 0 && HasTensor(layer, ".kernel"); // a Dense layer declared Trainable = false
            if (index < 0 && !declaredFrozen && HasLayer(layer))
            {
                throw new NotSupportedException(
                    $"'{layer}' of {_layout.ModelName} is not a Dense layer: only Dense layers freeze and unfreeze at run time (a Normalization layer's statistics never train; Adapt sets them).");
            }
            if (index < 0 && !declaredFrozen)
            {
                var all = new List<string>();
                foreach (TensorSpec t in _layout.Tensors)
                {
                    string owner = LayerOf(t.Name);
                    if (!all.Contains(owner)) all.Add(owner);
                }
                throw new ArgumentException(
                    $"{_layout.ModelName} has no layer '{layer}' with weights; its layers with weights are: {string.Join(", ", all)}.", nameof(layer));
            }
            return index;
        }

        /// <summary>Whether the tensor "{layer}{suffix}" exists; allocation-free.</summary>
        private bool HasTensor(string layer, string suffix)
        {
            foreach (TensorSpec t in _layout.Tensors)
            {
                if (t.Name.Length == layer.Length + suffix.Length && t.Name.StartsWith(layer, StringComparison.Ordinal) && t.Name.EndsWith(suffix, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>Whether a tensor "{layer}.…" exists; allocation-free, so freezing between steps allocates nothing.</summary>
        private bool HasLayer(string layer)
        {
            foreach (TensorSpec t in _layout.Tensors)
            {
                if (t.Name.Length > layer.Length && t.Name[layer.Length] == '.' && t.Name.StartsWith(layer, StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }
}
