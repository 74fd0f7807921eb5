using System.Runtime.CompilerServices;

namespace ModelGen
{
    /// <summary>
    /// Training versus inference in the forward pass. Layers that behave differently while training (RReLU's random
    /// slopes today; dropout later) read <see cref="Training"/>, and draw their randomness from
    /// <see cref="Noise"/>: a counter-based generator keyed by the model's seed and the number of training forward
    /// passes so far, so the same seed and the same calls give the same draws, the backward pass recomputes exactly the
    /// draws its forward pass used without storing them, and the OpenCL kernels compute the same numbers.
    /// </summary>
    public abstract unsafe partial class CompiledModel
    {
        private long _trainingForwards;

        /// <summary>True while a training step's forward pass runs; false for Predict, Evaluate and validation.</summary>
        protected bool Training { get; private set; }

        /// <summary>The key of the current (or last) training forward pass: backward reads the same draws with it.</summary>
        protected ulong NoiseKey { get; private set; }

        /// <summary>How many training forward passes have run (each one gets its own <see cref="NoiseKey"/>).</summary>
        public long TrainingForwardPasses => _trainingForwards;

        /// <summary>Starts a training forward pass: a fresh noise key, and <see cref="Training"/> set until <see cref="EndTrainingForward"/>.</summary>
        private void BeginTrainingForward()
        {
            NoiseKey = Mix(((ulong)(uint)Seed << 32) ^ 0xD1B54A32D192ED03UL ^ (ulong)_trainingForwards++);
            Training = true;
        }

        /// <summary>Ends the training forward pass: later forward passes are inference unless another begins.</summary>
        private void EndTrainingForward() => Training = false;

        /// <summary>A training forward pass on the staged batch (the CPU backend).</summary>
        private void TrainingForward(int count)
        {
            BeginTrainingForward();
            try { Forward(InputBatch, count); }
            finally { EndTrainingForward(); }
        }

        /// <summary>
        /// A uniform draw in [0, 1) (24 random bits, so every value is an exact float) for element
        /// <paramref name="index"/> of stream <paramref name="stream"/> (a layer's constant) under <paramref name="key"/>.
        /// SplitMix64's finalizer over the combined counter; docs/reference/activations.md gives the OpenCL twin.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static float Noise(ulong key, uint stream, uint index) =>
            (Mix(key + ((ulong)stream << 32 | index) * 0x9E3779B97F4A7C15UL) >> 40) * (1f / 16777216f);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
