using System;

namespace ModelGen
{
    /// <summary>
    /// Fills parameter tensors with Keras 3's initializers, drawing from a seeded <see cref="Rng"/>.
    /// </summary>
    /// <remarks>
    /// The distributions match Keras; the bits do not (Keras draws from TensorFlow's, JAX's or PyTorch's generator).
    /// Elements are drawn in order, element 0 first, so a seed always gives the same tensor. Values are computed in
    /// double and rounded once to float. Nothing here is on a hot path: models initialize once, at construction.
    /// </remarks>
    public static unsafe class Initializers
    {
        /// <summary>
        /// The standard deviation of a standard normal truncated to [-2, 2]. Keras divides by it so that the truncated
        /// draw has the variance the scaling rule asked for.
        /// </summary>
        public const double TruncatedNormalStddevCorrection = 0.87962566103423978;

        /// <summary>Fills <paramref name="length"/> floats at <paramref name="destination"/> with <paramref name="init"/> and Keras' default arguments.</summary>
        /// <param name="destination">The first element to write.</param>
        /// <param name="length">How many elements to write.</param>
        /// <param name="init">The initializer; <see cref="Init.Default"/> must already be resolved by the generator.</param>
        /// <param name="fanIn">Inputs feeding each output unit (Keras' <c>fan_in</c>).</param>
        /// <param name="fanOut">Output units each input feeds (Keras' <c>fan_out</c>).</param>
        /// <param name="rng">The generator to draw from; advanced past every draw.</param>
        /// <exception cref="ArgumentException"><paramref name="init"/> is <see cref="Init.Default"/>, not a known initializer, or needs a matrix shape (Orthogonal, Identity).</exception>
        /// <exception cref="ArgumentOutOfRangeException">A length or fan is negative.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null and <paramref name="length"/> is positive.</exception>
        public static void Fill(float* destination, int length, Init init, int fanIn, int fanOut, ref Rng rng) =>
            Fill(destination, length, init, InitArguments.Default, fanIn, fanOut, ref rng);

        /// <summary>Fills <paramref name="destination"/> with <paramref name="init"/> and Keras' default arguments.</summary>
        /// <param name="destination">The elements to write.</param>
        /// <param name="init">The initializer; <see cref="Init.Default"/> must already be resolved by the generator.</param>
        /// <param name="fanIn">Inputs feeding each output unit (Keras' <c>fan_in</c>).</param>
        /// <param name="fanOut">Output units each input feeds (Keras' <c>fan_out</c>).</param>
        /// <param name="rng">The generator to draw from; advanced past every draw.</param>
        public static void Fill(Span<float> destination, Init init, int fanIn, int fanOut, ref Rng rng) =>
            Fill(destination, init, InitArguments.Default, fanIn, fanOut, ref rng);

        /// <summary>Fills <paramref name="destination"/> with <paramref name="init"/> and <paramref name="arguments"/>.</summary>
        /// <param name="destination">The elements to write.</param>
        /// <param name="init">An element-wise initializer (any but <see cref="Init.Default"/>, Orthogonal and Identity).</param>
        /// <param name="arguments">The initializer's arguments; the ones it does not take are ignored.</param>
        /// <param name="fanIn">Inputs feeding each output unit (Keras' <c>fan_in</c>).</param>
        /// <param name="fanOut">Output units each input feeds (Keras' <c>fan_out</c>).</param>
        /// <param name="rng">The generator to draw from; advanced past every draw.</param>
        public static void Fill(Span<float> destination, Init init, InitArguments arguments, int fanIn, int fanOut, ref Rng rng)
        {
            fixed (float* p = destination)
            {
                Fill(p, destination.Length, init, arguments, fanIn, fanOut, ref rng);
            }
        }

        /// <summary>Fills the logical values of the tensor <paramref name="spec"/> (row-major, unpacked) with its initializer.</summary>
        /// <param name="destination">The tensor's <see cref="TensorSpec.Length"/> logical elements.</param>
        /// <param name="spec">The tensor: its shape (Orthogonal and Identity need 2-D), fans, initializer and arguments.</param>
        /// <param name="rng">The generator to draw from; advanced past every draw.</param>
        /// <exception cref="ArgumentException">The length does not match, or Orthogonal or Identity is asked of a tensor that is not 2-D.</exception>
        public static void Fill(Span<float> destination, TensorSpec spec, ref Rng rng)
        {
            if (spec is null) throw new ArgumentNullException(nameof(spec));
            if (destination.Length != spec.Length)
            {
                throw new ArgumentException($"'{spec.Name}' has {spec.Length} elements but the destination holds {destination.Length}.", nameof(destination));
            }
            InitArguments arguments = spec.Arguments ?? InitArguments.Default;
            if (spec.Init is Init.Orthogonal or Init.Identity)
            {
                if (spec.Shape.Length != 2)
                {
                    throw new ArgumentException(
                        $"{spec.Init} is defined on a 2-D tensor (a Dense kernel [inputs, units]), but '{spec.Name}' has shape {spec.ShapeText}.", nameof(spec));
                }
                if (spec.Init == Init.Orthogonal) FillOrthogonal(destination, spec.Shape[0], spec.Shape[1], arguments.Gain, ref rng);
                else FillIdentity(destination, spec.Shape[0], spec.Shape[1], arguments.Gain);
                return;
            }
            Fill(destination, spec.Init, arguments, spec.FanIn, spec.FanOut, ref rng);
        }

        /// <summary>Fills <paramref name="length"/> floats at <paramref name="destination"/> with <paramref name="init"/> and <paramref name="arguments"/>.</summary>
        /// <param name="destination">The first element to write.</param>
        /// <param name="length">How many elements to write.</param>
        /// <param name="init">An element-wise initializer (any but <see cref="Init.Default"/>, Orthogonal and Identity).</param>
        /// <param name="arguments">The initializer's arguments; the ones it does not take are ignored.</param>
        /// <param name="fanIn">Inputs feeding each output unit (Keras' <c>fan_in</c>).</param>
        /// <param name="fanOut">Output units each input feeds (Keras' <c>fan_out</c>).</param>
        /// <param name="rng">The generator to draw from; advanced past every draw.</param>
        public static void Fill(float* destination, int length, Init init, InitArguments arguments, int fanIn, int fanOut, ref Rng rng)
        {
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "The tensor length cannot be negative.");
            if (fanIn < 0) throw new ArgumentOutOfRangeException(nameof(fanIn), fanIn, "fan_in cannot be negative.");
            if (fanOut < 0) throw new ArgumentOutOfRangeException(nameof(fanOut), fanOut, "fan_out cannot be negative.");
            if (destination == null && length > 0) throw new ArgumentNullException(nameof(destination));
            if (arguments is null) throw new ArgumentNullException(nameof(arguments));
            var values = new Span<float>(destination, length);

            // Glorot, He and LeCun are VarianceScaling with fixed arguments (Keras defines them so).
            switch (init)
            {
                case Init.Zeros:
                    values.Clear();
                    break;
                case Init.Ones:
                    values.Fill(1f);
                    break;
                case Init.Constant:
                    CheckFinite(arguments.Value, "value");
                    values.Fill((float)arguments.Value);
                    break;
                case Init.RandomNormal:
                    CheckStddev(arguments);
                    for (int i = 0; i < length; i++) values[i] = (float)(arguments.Mean + arguments.Stddev * rng.NextNormal());
                    break;
                case Init.TruncatedNormal:
                    // Keras truncates in standard units: z in [-2, 2], then stddev · z + mean.
                    CheckStddev(arguments);
                    for (int i = 0; i < length; i++) values[i] = (float)(arguments.Mean + arguments.Stddev * NextTruncatedNormal(ref rng));
                    break;
                case Init.RandomUniform:
                    CheckFinite(arguments.Minval, "minval");
                    CheckFinite(arguments.Maxval, "maxval");
                    if (arguments.Minval > arguments.Maxval)
                    {
                        throw new ArgumentException($"minval {arguments.Minval} is greater than maxval {arguments.Maxval}.", nameof(arguments));
                    }
                    double width = arguments.Maxval - arguments.Minval;
                    for (int i = 0; i < length; i++) values[i] = (float)(arguments.Minval + width * rng.NextDouble());
                    break;
                case Init.GlorotUniform:
                    FillVarianceScaling(values, 1.0, FanMode.FanAvg, InitDistribution.Uniform, fanIn, fanOut, ref rng);
                    break;
                case Init.GlorotNormal:
                    FillVarianceScaling(values, 1.0, FanMode.FanAvg, InitDistribution.TruncatedNormal, fanIn, fanOut, ref rng);
                    break;
                case Init.HeUniform:
                    FillVarianceScaling(values, 2.0, FanMode.FanIn, InitDistribution.Uniform, fanIn, fanOut, ref rng);
                    break;
                case Init.HeNormal:
                    FillVarianceScaling(values, 2.0, FanMode.FanIn, InitDistribution.TruncatedNormal, fanIn, fanOut, ref rng);
                    break;
                case Init.LeCunUniform:
                    FillVarianceScaling(values, 1.0, FanMode.FanIn, InitDistribution.Uniform, fanIn, fanOut, ref rng);
                    break;
                case Init.LeCunNormal:
                    FillVarianceScaling(values, 1.0, FanMode.FanIn, InitDistribution.TruncatedNormal, fanIn, fanOut, ref rng);
                    break;
                case Init.VarianceScaling:
                    if (!(arguments.Scale > 0) || double.IsInfinity(arguments.Scale))
                    {
                        throw new ArgumentException($"scale must be a positive finite number, not {arguments.Scale}.", nameof(arguments));
                    }
                    FillVarianceScaling(values, arguments.Scale, arguments.Mode, arguments.Distribution, fanIn, fanOut, ref rng);
                    break;
                case Init.Orthogonal:
                case Init.Identity:
                    throw new ArgumentException(
                        $"{init} is defined on the [inputs, units] matrix, not element by element: fill it through the TensorSpec overload, " +
                        "or call FillOrthogonal or FillIdentity with the shape.", nameof(init));
                case Init.Default:
                    throw new ArgumentException(
                        "Init.Default means \"the layer's default\" and has no distribution of its own: the generator " +
                        "should have resolved it (Glorot uniform for kernels, zeros for biases) before emitting this call.",
                        nameof(init));
                default:
                    throw new ArgumentException(
                        $"Unknown initializer {(int)init}; expected one of {string.Join(", ", Enum.GetNames(typeof(Init)))}.", nameof(init));
            }
        }

        /// <summary>
        /// Keras' VarianceScaling: s = scale / max(1, n), n = fan_in, fan_out or (fan_in + fan_out) / 2; then a normal
        /// truncated at two standard deviations whose realised stddev is sqrt(s), N(0, s), or U(-sqrt(3 s), sqrt(3 s)).
        /// </summary>
        private static void FillVarianceScaling(Span<float> values, double scale, FanMode mode, InitDistribution distribution, int fanIn, int fanOut, ref Rng rng)
        {
            double n = mode switch
            {
                FanMode.FanIn => fanIn,
                FanMode.FanOut => fanOut,
                FanMode.FanAvg => (fanIn + (double)fanOut) / 2.0,
                _ => throw new ArgumentException($"Unknown fan mode {(int)mode}; expected FanIn, FanOut or FanAvg.", nameof(mode)),
            };
            n = Math.Max(1.0, n);
            switch (distribution)
            {
                case InitDistribution.TruncatedNormal:
                {
                    double stddev = Math.Sqrt(scale / n) / TruncatedNormalStddevCorrection;
                    for (int i = 0; i < values.Length; i++) values[i] = (float)(NextTruncatedNormal(ref rng) * stddev);
                    break;
                }
                case InitDistribution.UntruncatedNormal:
                {
                    double stddev = Math.Sqrt(scale / n);
                    for (int i = 0; i < values.Length; i++) values[i] = (float)(rng.NextNormal() * stddev);
                    break;
                }
                case InitDistribution.Uniform:
                {
                    double limit = Math.Sqrt(3.0 * scale / n);
                    for (int i = 0; i < values.Length; i++) values[i] = (float)((2.0 * rng.NextDouble() - 1.0) * limit);
                    break;
                }
                default:
                    throw new ArgumentException(
                        $"Unknown distribution {(int)distribution}; expected TruncatedNormal, UntruncatedNormal or Uniform.", nameof(distribution));
            }
        }

        /// <summary>A standard normal redrawn until it lies in [-2, 2] (95.4% of draws are accepted).</summary>
        private static double NextTruncatedNormal(ref Rng rng)
        {
            // Truncate in standard units so the bound is exact.
            double z;
            do
            {
                z = rng.NextNormal();
            }
            while (z < -2.0 || z > 2.0);
            return z;
        }

        /// <summary>
        /// Keras' Orthogonal on a [rows, columns] matrix, row-major: A ~ N(0, 1) of shape [max, min] drawn row by row,
        /// A = QR, Q's columns signed so R's diagonal is positive, transposed when rows &lt; columns, times
        /// <paramref name="gain"/>. The result has orthonormal columns (rows &gt;= columns) or rows, times gain.
        /// </summary>
        /// <param name="destination">rows × columns elements, row-major.</param>
        /// <param name="rows">The matrix rows (a Dense kernel's inputs).</param>
        /// <param name="columns">The matrix columns (a Dense kernel's units).</param>
        /// <param name="gain">The multiplier.</param>
        /// <param name="rng">The generator to draw from; advanced past max × min normal draws.</param>
        public static void FillOrthogonal(Span<float> destination, int rows, int columns, double gain, ref Rng rng)
        {
            CheckMatrix(destination, rows, columns);
            int tall = Math.Max(rows, columns), narrow = Math.Min(rows, columns);
            var normal = new double[(long)tall * narrow];
            for (int i = 0; i < normal.Length; i++) normal[i] = rng.NextNormal();
            Orthogonalize(normal, rows, columns, gain, destination);
        }

        /// <summary>
        /// The deterministic half of <see cref="FillOrthogonal"/>: from a given row-major normal draw
        /// <paramref name="normal"/> of shape [max(rows, columns), min(rows, columns)], writes gain · Q (or Qᵀ) as
        /// Keras does. Public so that it can be checked against an independent QR (PyTorch's).
        /// </summary>
        /// <param name="normal">The [max, min] matrix to factor, row-major; its columns must be linearly independent.</param>
        /// <param name="rows">The result's rows.</param>
        /// <param name="columns">The result's columns.</param>
        /// <param name="gain">The multiplier.</param>
        /// <param name="destination">rows × columns elements, row-major.</param>
        public static void Orthogonalize(ReadOnlySpan<double> normal, int rows, int columns, double gain, Span<float> destination)
        {
            CheckMatrix(destination, rows, columns);
            int m = Math.Max(rows, columns), n = Math.Min(rows, columns);
            if (normal.Length != (long)m * n)
            {
                throw new ArgumentException($"The normal draw must be [{m}, {n}] = {(long)m * n} elements, not {normal.Length}.", nameof(normal));
            }

            // Gram-Schmidt, each column orthogonalized twice against the earlier ones ("twice is enough": the second
            // pass removes what rounding left of the first, so QᵀQ = I to a few ulp). It yields the QR factor whose R
            // has a positive diagonal, which is exactly Keras' Q · sign(diag(R)): the factorization with that sign
            // convention is unique. Columns are stored contiguously (q[j * m + i]).
            var q = new double[(long)m * n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++) q[(long)j * m + i] = normal[i * n + j];
            }
            for (int j = 0; j < n; j++)
            {
                Span<double> column = q.AsSpan(j * m, m);
                for (int pass = 0; pass < 2; pass++)
                {
                    for (int k = 0; k < j; k++)
                    {
                        ReadOnlySpan<double> previous = q.AsSpan(k * m, m);
                        double dot = Dot(previous, column);
                        for (int i = 0; i < m; i++) column[i] -= dot * previous[i];
                    }
                }
                double norm = Math.Sqrt(Dot(column, column));
                if (!(norm > 0))
                {
                    throw new ArgumentException("The normal draw has linearly dependent columns; it cannot be orthogonalized.", nameof(normal));
                }
                for (int i = 0; i < m; i++) column[i] /= norm;
            }

            bool transpose = rows < columns;
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    // Q is [m, n]: element (i, j) at q[j * m + i]. Wide matrices take Qᵀ.
                    double value = transpose ? q[(long)r * m + c] : q[(long)c * m + r];
                    destination[r * columns + c] = (float)(gain * value);
                }
            }
        }

        /// <summary>Keras' Identity: gain on the main diagonal of a [rows, columns] matrix (rectangular too), zeros elsewhere. Draws nothing.</summary>
        /// <param name="destination">rows × columns elements, row-major.</param>
        /// <param name="rows">The matrix rows.</param>
        /// <param name="columns">The matrix columns.</param>
        /// <param name="gain">The diagonal value.</param>
        public static void FillIdentity(Span<float> destination, int rows, int columns, double gain)
        {
            CheckMatrix(destination, rows, columns);
            destination.Clear();
            for (int i = 0; i < Math.Min(rows, columns); i++) destination[i * columns + i] = (float)gain;
        }

        private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
            return sum;
        }

        private static void CheckMatrix(Span<float> destination, int rows, int columns)
        {
            if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows cannot be negative.");
            if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns cannot be negative.");
            if (destination.Length != (long)rows * columns)
            {
                throw new ArgumentException($"A [{rows}, {columns}] matrix has {(long)rows * columns} elements, but the destination holds {destination.Length}.", nameof(destination));
            }
        }

        private static void CheckStddev(InitArguments arguments)
        {
            CheckFinite(arguments.Mean, "mean");
            if (!(arguments.Stddev > 0) || double.IsInfinity(arguments.Stddev))
            {
                throw new ArgumentException($"stddev must be a positive finite number, not {arguments.Stddev}.", nameof(arguments));
            }
        }

        private static void CheckFinite(double value, string name)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentException($"{name} must be a finite number, not {value}.", nameof(value));
            }
        }
    }
}
