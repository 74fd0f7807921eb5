using System;

namespace ModelGen
{
    /// <summary>
    /// A learning rate as a function of the optimizer step, as Keras' <c>LearningRateSchedule</c>: attach one to
    /// <see cref="CompiledModel.Schedule"/> and every optimizer step (Fit, TrainBatch, on the CPU or OpenCL) first sets
    /// <see cref="CompiledModel.LearningRate"/> to <c>Rate(Iterations)</c>. Steps count batches and start at 0, as
    /// Keras' <c>optimizer.iterations</c> (PyTorch's schedulers usually step once per epoch instead).
    /// Implementations must not allocate: <see cref="Rate"/> runs once per training step.
    /// </summary>
    public abstract class LearningRateSchedule
    {
        /// <summary>The learning rate for optimizer step <paramref name="step"/> (0 for the first step).</summary>
        public abstract float Rate(long step);

        private protected static float Positive(float value, string name) =>
            value > 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");

        private protected static float NonNegative(float value, string name) =>
            value >= 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and not negative.");

        private protected static long PositiveSteps(long value, string name) =>
            value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 1 or more.");
    }

    /// <summary>
    /// Keras' <c>InverseTimeDecay</c>, the book's power scheduling with c = 1: lr = lr0 / (1 + decayRate · p) with
    /// p = step / decaySteps (floored when staircase). The book's lr0 / (1 + t/s) is decaySteps = s, decayRate = 1.
    /// </summary>
    public sealed class InverseTimeDecay : LearningRateSchedule
    {
        private readonly float _initial, _decayRate;
        private readonly long _decaySteps;
        private readonly bool _staircase;

        /// <param name="initialLearningRate">lr0, the rate at step 0.</param>
        /// <param name="decaySteps">s: the steps over which the rate falls to lr0 / (1 + decayRate).</param>
        /// <param name="decayRate">The decay rate (1 for the book's power scheduling).</param>
        /// <param name="staircase">Whether p is floored, so the rate changes only every decaySteps steps (Keras default false).</param>
        public InverseTimeDecay(float initialLearningRate, long decaySteps, float decayRate, bool staircase = false)
        {
            _initial = Positive(initialLearningRate, nameof(initialLearningRate));
            _decaySteps = PositiveSteps(decaySteps, nameof(decaySteps));
            _decayRate = NonNegative(decayRate, nameof(decayRate));
            _staircase = staircase;
        }

        /// <inheritdoc/>
        public override float Rate(long step)
        {
            double p = (double)step / _decaySteps;
            if (_staircase) p = Math.Floor(p);
            return (float)(_initial / (1 + _decayRate * p));
        }
    }

    /// <summary>Keras' <c>ExponentialDecay</c>: lr = lr0 · decayRate^p with p = step / decaySteps (floored when staircase).</summary>
    public sealed class ExponentialDecay : LearningRateSchedule
    {
        private readonly float _initial, _decayRate;
        private readonly long _decaySteps;
        private readonly bool _staircase;

        /// <param name="initialLearningRate">lr0, the rate at step 0.</param>
        /// <param name="decaySteps">The steps over which the rate is multiplied by decayRate once.</param>
        /// <param name="decayRate">The factor per decaySteps steps (the book's 0.1 per s steps: decayRate = 0.1).</param>
        /// <param name="staircase">Whether p is floored (Keras default false).</param>
        public ExponentialDecay(float initialLearningRate, long decaySteps, float decayRate, bool staircase = false)
        {
            _initial = Positive(initialLearningRate, nameof(initialLearningRate));
            _decaySteps = PositiveSteps(decaySteps, nameof(decaySteps));
            _decayRate = Positive(decayRate, nameof(decayRate));
            _staircase = staircase;
        }

        /// <inheritdoc/>
        public override float Rate(long step)
        {
            double p = (double)step / _decaySteps;
            if (_staircase) p = Math.Floor(p);
            return (float)(_initial * Math.Pow(_decayRate, p));
        }
    }

    /// <summary>
    /// Keras' <c>PiecewiseConstantDecay</c>: values[0] while step ≤ boundaries[0], values[i] while
    /// boundaries[i-1] &lt; step ≤ boundaries[i], values[^1] after the last boundary (upper bounds inclusive).
    /// </summary>
    public sealed class PiecewiseConstantDecay : LearningRateSchedule
    {
        private readonly long[] _boundaries;
        private readonly float[] _values;

        /// <param name="boundaries">Strictly increasing step boundaries.</param>
        /// <param name="values">One more rate than boundaries.</param>
        public PiecewiseConstantDecay(long[] boundaries, float[] values)
        {
            if (boundaries is null) throw new ArgumentNullException(nameof(boundaries));
            if (values is null) throw new ArgumentNullException(nameof(values));
            if (values.Length != boundaries.Length + 1)
            {
                throw new ArgumentException(
                    $"PiecewiseConstantDecay needs one more value than boundaries: {boundaries.Length} boundaries, {values.Length} values.", nameof(values));
            }
            for (int i = 1; i < boundaries.Length; i++)
            {
                if (boundaries[i] <= boundaries[i - 1]) throw new ArgumentException($"boundaries must increase strictly: {boundaries[i - 1]} then {boundaries[i]}.", nameof(boundaries));
            }
            foreach (float v in values) Positive(v, nameof(values));
            _boundaries = (long[])boundaries.Clone();
            _values = (float[])values.Clone();
        }

        /// <inheritdoc/>
        public override float Rate(long step)
        {
            for (int i = 0; i < _boundaries.Length; i++)
            {
                if (step <= _boundaries[i]) return _values[i];
            }
            return _values[_values.Length - 1];
        }
    }

    /// <summary>
    /// Keras' <c>PolynomialDecay</c>: lr = (lr0 - end) · (1 - s/D)^power + end. Without cycle s = min(step, D),
    /// D = decaySteps; with cycle s = step and D = decaySteps · ceil(step / decaySteps) (decaySteps at step 0).
    /// </summary>
    public sealed class PolynomialDecay : LearningRateSchedule
    {
        private readonly float _initial, _end, _power;
        private readonly long _decaySteps;
        private readonly bool _cycle;

        /// <param name="initialLearningRate">lr0.</param>
        /// <param name="decaySteps">D.</param>
        /// <param name="endLearningRate">The final rate (Keras default 1e-4).</param>
        /// <param name="power">The exponent (Keras default 1: linear).</param>
        /// <param name="cycle">Whether to restart the decay every decaySteps steps (Keras default false).</param>
        public PolynomialDecay(float initialLearningRate, long decaySteps, float endLearningRate = 1e-4f, float power = 1f, bool cycle = false)
        {
            _initial = Positive(initialLearningRate, nameof(initialLearningRate));
            _decaySteps = PositiveSteps(decaySteps, nameof(decaySteps));
            _end = NonNegative(endLearningRate, nameof(endLearningRate));
            _power = Positive(power, nameof(power));
            _cycle = cycle;
        }

        /// <inheritdoc/>
        public override float Rate(long step)
        {
            double s, d;
            if (_cycle)
            {
                s = step;
                d = _decaySteps * (step == 0 ? 1 : Math.Ceiling((double)step / _decaySteps));
            }
            else
            {
                s = Math.Min(step, _decaySteps);
                d = _decaySteps;
            }
            return (float)((_initial - _end) * Math.Pow(1 - s / d, _power) + _end);
        }
    }

    /// <summary>
    /// Keras' <c>CosineDecay</c> with its optional linear warm-up. With cos(s, D, base) = base · ((1 - alpha) · 0.5 ·
    /// (1 + cos(π s / D)) + alpha): without warm-up lr = cos(min(step, D), D, lr0); with W warm-up steps and a target,
    /// s = min(step, D + W), lr = lr0 + (target - lr0) · s / W while s &lt; W, then cos(s - W, D, target).
    /// alpha is a fraction of the peak rate (PyTorch's CosineAnnealingLR takes an absolute eta_min).
    /// </summary>
    public sealed class CosineDecay : LearningRateSchedule
    {
        private readonly float _initial, _alpha;
        private readonly float? _warmupTarget;
        private readonly long _decaySteps, _warmupSteps;

        /// <param name="initialLearningRate">lr0: the starting rate (the warm-up's start when warm-up is used).</param>
        /// <param name="decaySteps">D: the length of the cosine decay.</param>
        /// <param name="alpha">The final rate as a fraction of the peak (Keras default 0).</param>
        /// <param name="warmupTarget">The peak rate reached after the warm-up; null for no warm-up (Keras default).</param>
        /// <param name="warmupSteps">W, the warm-up's length (Keras default 0).</param>
        public CosineDecay(float initialLearningRate, long decaySteps, float alpha = 0f, float? warmupTarget = null, long warmupSteps = 0)
        {
            _initial = NonNegative(initialLearningRate, nameof(initialLearningRate));
            _decaySteps = PositiveSteps(decaySteps, nameof(decaySteps));
            _alpha = alpha >= 0 && alpha <= 1 ? alpha : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha is a fraction of the peak rate: it must be in [0, 1].");
            if (warmupTarget is { } t) Positive(t, nameof(warmupTarget));
            if (warmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "warmupSteps must be 0 or more.");
            _warmupTarget = warmupTarget;
            _warmupSteps = warmupSteps;
        }

        /// <inheritdoc/>
        public override float Rate(long step)
        {
            if (_warmupTarget is not { } target) return (float)Cosine(Math.Min(step, _decaySteps), _initial);
            double s = Math.Min(step, _decaySteps + _warmupSteps);
            if (s < _warmupSteps) return (float)(_initial + (target - _initial) * s / _warmupSteps);
            return (float)Cosine(s - _warmupSteps, target);
        }

        private double Cosine(double s, double peak) =>
            peak * ((1 - _alpha) * 0.5 * (1 + Math.Cos(Math.PI * s / _decaySteps)) + _alpha);
    }

    /// <summary>
    /// The book's 1cycle schedule (Smith 2018), linear in three phases over <c>totalSteps</c>: from
    /// lr_max / divFactor up to lr_max over the first <c>pctStart</c> of the steps, back down to lr_max / divFactor over
    /// as many steps, then down to lr_max / (divFactor · finalDivFactor) over the rest; the last rate holds after
    /// totalSteps. Keras has no 1cycle; PyTorch's OneCycleLR is two-phase with cosine annealing by default
    /// (<c>anneal_strategy='linear', three_phase=True</c> is this schedule).
    /// </summary>
    public sealed class OneCycle : LearningRateSchedule
    {
        private readonly float _max, _start, _final;
        private readonly long _total;
        private readonly double _up;

        /// <param name="maxLearningRate">lr_max, the peak (pick it with the learning-rate finder).</param>
        /// <param name="totalSteps">Steps of the whole cycle (epochs × batches per epoch).</param>
        /// <param name="pctStart">The fraction of the steps spent rising (PyTorch default 0.3; the book's ~0.45); the fall takes as long.</param>
        /// <param name="divFactor">lr_max / divFactor is the starting rate (PyTorch default 25).</param>
        /// <param name="finalDivFactor">The last phase ends at the starting rate / finalDivFactor (PyTorch default 1e4).</param>
        public OneCycle(float maxLearningRate, long totalSteps, float pctStart = 0.3f, float divFactor = 25f, float finalDivFactor = 1e4f)
        {
            _max = Positive(maxLearningRate, nameof(maxLearningRate));
            _total = PositiveSteps(totalSteps, nameof(totalSteps));
            if (!(pctStart > 0 && pctStart < 0.5f)) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pctStart must be in (0, 0.5): the rise and the fall each take that fraction of the steps.");
            _start = _max / Positive(divFactor, nameof(divFactor));
            _final = _start / Positive(finalDivFactor, nameof(finalDivFactor));
            // PyTorch's phase ends: step pctStart·T - 1 is the peak, 2·pctStart·T - 2 back at the start, T - 1 the final rate.
            _up = pctStart * (double)_total - 1;
        }

        /// <inheritdoc/>
        public override float Rate(long step)
        {
            double downEnd = 2 * _up, end = _total - 1;
            if (step <= _up) return (float)Linear(_start, _max, _up <= 0 ? 1 : step / _up);
            if (step <= downEnd) return (float)Linear(_max, _start, (step - _up) / (downEnd - _up));
            if (step >= end) return _final;
            return (float)Linear(_start, _final, (step - downEnd) / (end - downEnd));
        }

        private static double Linear(double from, double to, double t) => from + (to - from) * t;
    }
}
