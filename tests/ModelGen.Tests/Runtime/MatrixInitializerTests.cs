using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Orthogonal and Identity, which Keras defines on the whole [inputs, units] matrix: orthogonality, Keras' sign
    /// convention against PyTorch's QR (Fixtures/initializers.json, from make_initializers.py), exactness, determinism.
    /// </summary>
    public class MatrixInitializerTests
    {
        private static JsonElement Fixture()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "initializers.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.Clone();
        }

        private static float[] Orthogonal(int rows, int columns, double gain, ulong seed)
        {
            var values = new float[rows * columns];
            var rng = new Rng(seed);
            Initializers.FillOrthogonal(values, rows, columns, gain, ref rng);
            return values;
        }

        /// <summary>Max |G - gain²·I| with G = WᵀW (tall or square) or WWᵀ (wide), computed in double from the floats.</summary>
        private static double GramError(float[] w, int rows, int columns, double gain)
        {
            bool tall = rows >= columns;
            int n = Math.Min(rows, columns), k = Math.Max(rows, columns);
            double worst = 0;
            for (int a = 0; a < n; a++)
            {
                for (int b = 0; b < n; b++)
                {
                    double dot = 0;
                    for (int i = 0; i < k; i++)
                    {
                        dot += tall ? (double)w[i * columns + a] * w[i * columns + b] : (double)w[a * columns + i] * w[b * columns + i];
                    }
                    worst = Math.Max(worst, Math.Abs(dot - (a == b ? gain * gain : 0)));
                }
            }
            return worst;
        }

        [Theory]
        [InlineData(64, 32, 1.0)]   // tall: orthonormal columns
        [InlineData(32, 64, 1.0)]   // wide: orthonormal rows
        [InlineData(48, 48, 1.0)]   // square: both
        [InlineData(300, 100, 1.7)]
        [InlineData(10, 784, 0.5)]
        [InlineData(1, 5, 1.0)]
        public void Orthogonal_GramMatrixIsGainSquaredIdentity(int rows, int columns, double gain)
        {
            float[] w = Orthogonal(rows, columns, gain, 11);
            double error = GramError(w, rows, columns, gain);
            Assert.True(error <= 1e-5 * Math.Max(1, gain * gain), $"[{rows}, {columns}] gain {gain}: max |G - gain²I| = {error}.");
        }

        [Fact]
        public void Orthogonal_MatchesPyTorchQrWithKerasSignConvention()
        {
            foreach (JsonElement c in Fixture().GetProperty("orthogonal").EnumerateArray())
            {
                int rows = c.GetProperty("rows").GetInt32(), columns = c.GetProperty("columns").GetInt32();
                double gain = c.GetProperty("gain").GetDouble();
                double[] normal = c.GetProperty("normal").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                float[] expected = c.GetProperty("expected").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

                var actual = new float[rows * columns];
                Initializers.Orthogonalize(normal, rows, columns, gain, actual);
                Tolerance.AssertClose(expected, actual, Tolerance.Reference, Tolerance.ReferenceFloor, $"orthogonal [{rows}, {columns}] gain {gain}");
            }
        }

        [Fact]
        public void Orthogonal_DrawsTheNormalMatrixRowByRowFromTheGenerator()
        {
            // FillOrthogonal = Orthogonalize of max × min normal draws taken in row-major order.
            const int rows = 7, columns = 3;
            var rng = new Rng(5);
            var normal = new double[rows * columns];
            for (int i = 0; i < normal.Length; i++) normal[i] = rng.NextNormal();
            var expected = new float[rows * columns];
            Initializers.Orthogonalize(normal, rows, columns, 1.0, expected);

            Assert.Equal(expected, Orthogonal(rows, columns, 1.0, 5));
        }

        [Fact]
        public void Orthogonal_SameSeedSameBits_DifferentSeedDiffers()
        {
            Assert.Equal(Orthogonal(40, 24, 1.0, 3), Orthogonal(40, 24, 1.0, 3));
            Assert.NotEqual(Orthogonal(40, 24, 1.0, 3), Orthogonal(40, 24, 1.0, 4));
        }

        [Fact]
        public void Orthogonal_LinearlyDependentDraw_Throws()
        {
            var normal = new double[] { 1, 2, 2, 4, 3, 6 }; // [3, 2], second column = 2 × first
            Assert.Throws<ArgumentException>(() => Initializers.Orthogonalize(normal, 3, 2, 1.0, new float[6]));
        }

        [Fact]
        public void Identity_IsExactAndMatchesPyTorchEye()
        {
            foreach (JsonElement c in Fixture().GetProperty("identity").EnumerateArray())
            {
                int rows = c.GetProperty("rows").GetInt32(), columns = c.GetProperty("columns").GetInt32();
                double gain = c.GetProperty("gain").GetDouble();
                float[] expected = c.GetProperty("expected").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

                var actual = new float[rows * columns];
                actual.AsSpan().Fill(float.NaN);
                Initializers.FillIdentity(actual, rows, columns, gain);
                Assert.Equal(expected, actual);
            }
        }

        [Fact]
        public void TruncatedNormalCorrection_IsTheStddevOfATruncatedStandardNormal()
        {
            double expected = Fixture().GetProperty("truncated_normal_stddev_correction").GetDouble();
            Assert.True(Math.Abs(Initializers.TruncatedNormalStddevCorrection - expected) <= 1e-15,
                $"The constant is {Initializers.TruncatedNormalStddevCorrection:R}; PyTorch's closed form gives {expected:R}.");
        }

        [Fact]
        public void TensorSpecOverload_FillsOrthogonalAndIdentityOnTheLogicalShape_AndDrawsIdentityFromNothing()
        {
            var orthogonal = new TensorSpec("dense.kernel", new[] { 20, 8 }, 0, Packed: true, Init.Orthogonal, 20, 8, new InitArguments(Gain: 2));
            var values = new float[160];
            var rng = new Rng(9);
            Initializers.Fill(values, orthogonal, ref rng);
            Assert.Equal(Orthogonal(20, 8, 2.0, 9), values);

            var identity = new TensorSpec("dense.kernel", new[] { 3, 4 }, 0, Packed: true, Init.Identity, 3, 4, new InitArguments(Gain: 0.5));
            var eye = new float[12];
            var before = rng;
            Initializers.Fill(eye, identity, ref rng);
            Assert.Equal(new[] { 0.5f, 0, 0, 0, 0, 0.5f, 0, 0, 0, 0, 0.5f, 0 }, eye);
            Assert.Equal(before.NextUInt64(), rng.NextUInt64());
        }

        [Fact]
        public void TensorSpecOverload_RejectsMatrixInitializersOnAVector()
        {
            var bias = new TensorSpec("dense.bias", new[] { 4 }, 0, Packed: false, Init.Orthogonal, 4, 4);
            var rng = new Rng(1);
            var ex = Assert.Throws<ArgumentException>(() => Initializers.Fill(new float[4], bias, ref rng));
            Assert.Contains("2-D", ex.Message);
        }
    }
}
