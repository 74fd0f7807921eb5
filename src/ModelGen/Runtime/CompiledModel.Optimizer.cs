using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelGen
{
    /// <summary>
    /// The optimizer's run-time hyperparameters and the per-step scalars the generated update loops read. The
    /// generated constructor sets each property to the value of the [Model] declaration (or Keras' default); every
    /// property can then be changed between steps, and the next step uses it (nothing is baked into the loops).
    /// A property the model's optimizer does not use is kept but has no effect.
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        private float _beta1 = 0.9f, _beta2 = 0.999f, _epsilon = 1e-7f, _rho = 0.9f, _momentum, _weightDecay, _initialAccumulator = 0.1f;

        /// <summary>Nadam's running product Π μ_s for s = 1.._nadamSteps (Keras' <c>u_product</c>), advanced lazily.</summary>
        private double _nadamProduct = 1;
        private long _nadamSteps;

        /// <summary>Adam, AdamW, Adamax and Nadam: first-moment decay β1, in [0, 1).</summary>
        public float Beta1 { get => _beta1; set => _beta1 = InHalfOpenUnit(value); }

        /// <summary>Adam, AdamW, Adamax and Nadam: second-moment decay β2, in [0, 1).</summary>
        public float Beta2 { get => _beta2; set => _beta2 = InHalfOpenUnit(value); }

        /// <summary>Every optimizer but SGD: ε, finite and not negative (Keras default 1e-7).</summary>
        public float Epsilon { get => _epsilon; set => _epsilon = NonNegative(value); }

        /// <summary>RMSprop and Adadelta: the decay ρ, in [0, 1).</summary>
        public float Rho { get => _rho; set => _rho = InHalfOpenUnit(value); }

        /// <summary>
        /// SGD and RMSprop compiled with a momentum: the momentum, in [0, 1]. A model declared without momentum has no
        /// velocity slot and ignores this (as Keras, which creates the slot only for a non-zero momentum).
        /// </summary>
        public float Momentum
        {
            get => _momentum;
            set => _momentum = value >= 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Momentum must be in [0, 1].");
        }

        /// <summary>
        /// The decoupled weight decay wd (w -= w·wd·lr before each step), finite and not negative: read by AdamW and by any
        /// model declared with a WeightDecay; a model declared without one has no decay term and ignores this.
        /// </summary>
        public float WeightDecay { get => _weightDecay; set => _weightDecay = NonNegative(value); }

        /// <summary>Adagrad: the accumulator's starting value, applied by <see cref="ResetOptimizer"/> (and at construction).</summary>
        public float InitialAccumulatorValue { get => _initialAccumulator; set => _initialAccumulator = NonNegative(value); }

        /// <summary>
        /// Sets the optimizer state to its starting values: zeros, except where the generated model overrides this
        /// (Adagrad's accumulator starts at <see cref="InitialAccumulatorValue"/>).
        /// </summary>
        protected virtual void InitializeOptimizerState() =>
            NativeMemory.Clear(OptimizerState, (nuint)((long)_layout.OptimizerStateFloats * sizeof(float)));

        /// <summary>Fills <paramref name="count"/> floats of the optimizer state from <paramref name="offset"/> with <paramref name="value"/>.</summary>
        protected void FillOptimizerState(int offset, int count, float value) => new Span<float>(OptimizerState + offset, count).Fill(value);

        /// <summary>Adamax's step size for step t = Iterations + 1: lr / (1 - β1^t).</summary>
        protected float AdamaxStepSize() => (float)(LearningRate / (1 - Math.Pow(Beta1, Iterations + 1)));

        /// <summary>1 / (1 - β2^t) for step t = Iterations + 1: Nadam's v̂ = v / (1 - β2^t).</summary>
        protected float SecondMomentCorrection() => (float)(1 / (1 - Math.Pow(Beta2, Iterations + 1)));

        /// <summary>
        /// Nadam's two momentum coefficients for step t = Iterations + 1 (Keras <c>nadam.py</c>): with
        /// μ_s = β1 (1 - 0.5·0.96^s) and the product P_t = Π_{s ≤ t} μ_s, m̂ = <paramref name="momentumWeight"/>·m +
        /// <paramref name="gradientWeight"/>·g, where momentumWeight = μ_{t+1} / (1 - P_t μ_{t+1}) and
        /// gradientWeight = (1 - μ_t) / (1 - P_t). The product is advanced once per new step, with the β1 of that
        /// step, and recomputed from the start after <see cref="ResetOptimizer"/>: calling this twice for one step is safe.
        /// </summary>
        protected void NadamMomentumWeights(out float momentumWeight, out float gradientWeight)
        {
            long t = Iterations + 1;
            if (_nadamSteps > t) { _nadamSteps = 0; _nadamProduct = 1; }
            while (_nadamSteps < t) _nadamProduct *= NadamMu(++_nadamSteps);
            double mu = NadamMu(t), next = NadamMu(t + 1);
            momentumWeight = (float)(next / (1 - _nadamProduct * next));
            gradientWeight = (float)((1 - mu) / (1 - _nadamProduct));
        }

        private double NadamMu(long step) => Beta1 * (1 - 0.5 * Math.Pow(0.96, step));

        /// <summary>|v| per lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] protected static Vector512<float> Abs(Vector512<float> v) => Vector512.Abs(v);
        /// <summary>|v| per lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] protected static Vector256<float> Abs(Vector256<float> v) => Vector256.Abs(v);
        /// <summary>max(a, b) per lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] protected static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
        /// <summary>max(a, b) per lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] protected static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);

        private static float InHalfOpenUnit(float value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
            value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(name, value, "The value must be in [0, 1).");

        private static float NonNegative(float value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
            value >= 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "The value must be finite and not negative.");
    }
}
