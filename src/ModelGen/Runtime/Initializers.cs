using System;

namespace ModelGen
{
    /// <summary>
    /// Fills parameter tensors with Keras 3's initializers, drawing from a seeded <see cref="Rng"/>.
    /// </summary>
    /// <remarks>
    /// The distributions match Keras; the bits do not (Keras draws from TensorFlow's, JAX's or PyTorch's generator).
    /// Elements are drawn in order, element 0 first, so a seed always gives the same tensor. Values are computed in
    /// double and rounded once to float.
    /// </remarks>
    public static unsafe class Initializers
    {
        /// <summary>
        /// The standard deviation of a standard normal truncated to [-2, 2]. Keras divides by it so that the truncated
        /// draw has the variance the scaling rule asked for.
        /// </summary>
        public const double TruncatedNormalStddevCorrection = 0.87962566103423978;

        /// <summary>Fills <paramref name="length"/> floats at <paramref name="destination"/> with <paramref name="init"/>.</summary>
        /// <param name="destination">The first element to write.</param>
        /// <param name="length">How many elements to write.</param>
        /// <param name="init">The initializer; <see cref="Init.Default"/> must already be resolved by the generator.</param>
        /// <param name="fanIn">Inputs feeding each output unit (Keras' <c>fan_in</c>).</param>
        /// <param name="fanOut">Output units each input feeds (Keras' <c>fan_out</c>).</param>
        /// <param name="rng">The generator to draw from; advanced past every draw.</param>
        /// <exception cref="ArgumentException"><paramref name="init"/> is <see cref="Init.Default"/> or not a known initializer.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A length or fan is negative.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null and <paramref name="length"/> is positive.</exception>
        public static void Fill(float* destination, int length, Init init, int fanIn, int fanOut, ref Rng rng)
        {
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "The tensor length cannot be negative.");
            if (fanIn < 0) throw new ArgumentOutOfRangeException(nameof(fanIn), fanIn, "fan_in cannot be negative.");
            if (fanOut < 0) throw new ArgumentOutOfRangeException(nameof(fanOut), fanOut, "fan_out cannot be negative.");
            if (destination == null && length > 0) throw new ArgumentNullException(nameof(destination));

            switch (init)
            {
                case Init.Zeros:
                    new Span<float>(destination, length).Clear();
                    break;
                case Init.GlorotUniform:
                    FillGlorotUniform(destination, length, fanIn, fanOut, ref rng);
                    break;
                case Init.HeNormal:
                    FillHeNormal(destination, length, fanIn, ref rng);
                    break;
                case Init.Default:
                    throw new ArgumentException(
                        "Init.Default means \"the layer's default\" and has no distribution of its own: the generator " +
                        "should have resolved it (Glorot uniform for kernels, zeros for biases) before emitting this call.",
                        nameof(init));
                default:
                    throw new ArgumentException(
                        $"Unknown initializer {(int)init}; expected Zeros, GlorotUniform or HeNormal.", nameof(init));
            }
        }

        /// <summary>Fills <paramref name="destination"/> with <paramref name="init"/>.</summary>
        /// <param name="destination">The elements to write.</param>
        /// <param name="init">The initializer; <see cref="Init.Default"/> must already be resolved by the generator.</param>
        /// <param name="fanIn">Inputs feeding each output unit (Keras' <c>fan_in</c>).</param>
        /// <param name="fanOut">Output units each input feeds (Keras' <c>fan_out</c>).</param>
        /// <param name="rng">The generator to draw from; advanced past every draw.</param>
        public static void Fill(Span<float> destination, Init init, int fanIn, int fanOut, ref Rng rng)
        {
            fixed (float* p = destination)
            {
                Fill(p, destination.Length, init, fanIn, fanOut, ref rng);
            }
        }

        // Keras GlorotUniform = VarianceScaling(scale=1, mode="fan_avg", distribution="uniform"):
        // limit = sqrt(3 / max(1, (fan_in + fan_out) / 2)) = sqrt(6 / (fan_in + fan_out)).
        private static void FillGlorotUniform(float* destination, int length, int fanIn, int fanOut, ref Rng rng)
        {
            double limit = Math.Sqrt(3.0 / Math.Max(1.0, (fanIn + (double)fanOut) / 2.0));
            for (int i = 0; i < length; i++)
            {
                destination[i] = (float)((2.0 * rng.NextDouble() - 1.0) * limit);
            }
        }

        // Keras HeNormal = VarianceScaling(scale=2, mode="fan_in", distribution="truncated_normal"):
        // stddev = sqrt(2 / max(1, fan_in)) / 0.8796..., and draws beyond two standard deviations are redrawn.
        private static void FillHeNormal(float* destination, int length, int fanIn, ref Rng rng)
        {
            double stddev = Math.Sqrt(2.0 / Math.Max(1, fanIn)) / TruncatedNormalStddevCorrection;
            for (int i = 0; i < length; i++)
            {
                // Truncate in standard units so the bound is exact; 95.4% of draws are accepted.
                double z;
                do
                {
                    z = rng.NextNormal();
                }
                while (z < -2.0 || z > 2.0);
                destination[i] = (float)(z * stddev);
            }
        }
    }
}
