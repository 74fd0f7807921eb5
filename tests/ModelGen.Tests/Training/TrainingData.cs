using System;

namespace ModelGen.Tests.Training
{
    /// <summary>Small deterministic data sets for the training-control tests.</summary>
    internal static class TrainingData
    {
        /// <summary>XOR quadrants for <c>XorNet</c>: class 1 where x0·x1 &gt; 0.</summary>
        internal static (float[] X, int[] Y) Xor(int n, int seed)
        {
            var rng = new Random(seed);
            var x = new float[2 * n];
            var y = new int[n];
            for (int i = 0; i < n; i++)
            {
                float a = (float)(rng.NextDouble() * 2 - 1), b = (float)(rng.NextDouble() * 2 - 1);
                x[2 * i] = a;
                x[2 * i + 1] = b;
                y[i] = a * b > 0 ? 1 : 0;
            }
            return (x, y);
        }

        /// <summary>A noisy linear map 3 → 2 for <c>LinearRegressor</c>.</summary>
        internal static (float[] X, float[] Y) Linear(int n, int seed)
        {
            var rng = new Random(seed);
            var x = new float[3 * n];
            var y = new float[2 * n];
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < 3; k++) x[3 * i + k] = (float)(rng.NextDouble() * 2 - 1);
                y[2 * i] = 0.5f * x[3 * i] - x[3 * i + 1] + 0.3f + (float)(rng.NextDouble() - 0.5) * 0.1f;
                y[2 * i + 1] = 2 * x[3 * i + 2] - 0.2f + (float)(rng.NextDouble() - 0.5) * 0.1f;
            }
            return (x, y);
        }
    }
}
