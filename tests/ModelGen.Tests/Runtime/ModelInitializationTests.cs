using System;
using System.Collections.Generic;
using System.Linq;
using ModelGen.Kernels;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Generated models with every initializer: the declared arguments reach the layout, the weights are exactly what
    /// <see cref="Initializers"/> draws from the seed in layout order, the matrix initializers hold on the logical kernel,
    /// and the packed layout's padding stays zero.
    /// </summary>
    public class ModelInitializationTests
    {
        public static TheoryData<string> Models => new() { "showcase", "families", "tiny" };

        private static CompiledModel Create(string name, int seed) => name switch
        {
            "showcase" => new InitializerShowcase(seed),
            "families" => new InitializerFamilies(seed),
            "tiny" => new TinyOrthogonalNet(seed),
            _ => throw new ArgumentException(name),
        };

        private static float[] Arena(CompiledModel model) => model switch
        {
            InitializerShowcase m => m.ParameterArena(),
            InitializerFamilies m => m.ParameterArena(),
            TinyOrthogonalNet m => m.ParameterArena(),
            _ => throw new ArgumentException(model.GetType().Name),
        };

        [Fact]
        public void Layout_CarriesTheDeclaredInitializersAndArguments()
        {
            using var model = new InitializerShowcase(1);
            TensorSpec[] t = model.Layout.Tensors;
            Assert.Equal(
                new (string, Init, InitArguments?)[]
                {
                    ("dense.kernel", Init.Orthogonal, new InitArguments(Gain: 1.5)),
                    ("dense.bias", Init.Constant, new InitArguments(Value: 0.25)),
                    ("dense_1.kernel", Init.Identity, new InitArguments(Gain: 2)),
                    ("dense_1.bias", Init.RandomUniform, new InitArguments(Minval: -0.1, Maxval: 0.3)),
                    ("dense_2.kernel", Init.VarianceScaling, new InitArguments(Scale: 2, Mode: FanMode.FanAvg, Distribution: InitDistribution.Uniform)),
                    ("dense_2.bias", Init.TruncatedNormal, new InitArguments(Mean: 1, Stddev: 0.5)),
                },
                t.Select(s => (s.Name, s.Init, s.Arguments)).ToArray());
            // Keras' fans: [inputs, units] for a kernel, units twice for a bias.
            Assert.Equal(new[] { (20, 40), (40, 40), (40, 24), (24, 24), (24, 7), (7, 7) }, t.Select(s => (s.FanIn, s.FanOut)).ToArray());
        }

        [Fact]
        public void Layout_LeavesDefaultArgumentsUnwritten()
        {
            using var model = new InitializerFamilies(1);
            TensorSpec[] t = model.Layout.Tensors;
            Assert.Equal(new[] { Init.HeUniform, Init.Ones, Init.LeCunNormal, Init.RandomNormal, Init.GlorotNormal, Init.VarianceScaling, Init.RandomUniform, Init.LeCunUniform },
                t.Select(s => s.Init).ToArray());
            Assert.Equal(new InitArguments?[] { null, null, null, new(Stddev: 0.1), null, new(Scale: 0.1, Mode: FanMode.FanOut, Distribution: InitDistribution.Uniform), new(Minval: -0.2, Maxval: 0.2), null },
                t.Select(s => s.Arguments).ToArray());
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Weights_AreTheInitializersDrawsFromTheSeed_InLayoutOrder(string name)
        {
            using CompiledModel model = Create(name, 1234);
            var rng = new Rng(1234);
            foreach (TensorSpec spec in model.Layout.Tensors)
            {
                var expected = new float[spec.Length];
                Initializers.Fill(expected, spec, ref rng);
                Assert.Equal(expected, model.ReadParameter(spec.Name));
            }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void SameSeed_SameArenaBits_DifferentSeedDiffers(string name)
        {
            using CompiledModel a = Create(name, 77), b = Create(name, 77), c = Create(name, 78);
            Assert.Equal(Arena(a), Arena(b));
            Assert.NotEqual(Arena(a), Arena(c));
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void PackingPaddingAndGaps_StayZero(string name)
        {
            using CompiledModel model = Create(name, 5);
            float[] arena = Arena(model);
            var used = new bool[arena.Length];
            foreach (TensorSpec spec in model.Layout.Tensors)
            {
                for (int i = 0; i < spec.Length; i++)
                {
                    int at = spec.Packed ? PanelLayout.Offset(i / spec.Shape[1], i % spec.Shape[1], spec.Shape[0], spec.Shape[1]) : i;
                    used[spec.Offset + at] = true;
                }
            }
            var nonzero = Enumerable.Range(0, arena.Length).Where(i => !used[i] && arena[i] != 0).Take(5).ToArray();
            Assert.True(nonzero.Length == 0, $"{name}: padding at arena offsets {string.Join(", ", nonzero)} is not zero.");
            Assert.Contains(used, u => !u); // the showcase's 40- and 24-unit kernels and 7-unit tail do have padding
        }

        [Fact]
        public void Showcase_MatrixAndConstantInitializersHoldOnTheLogicalTensors()
        {
            using var model = new InitializerShowcase(3);

            // Orthogonal [20, 40] is wide: its rows are orthonormal times 1.5, so W Wᵀ = 2.25 I.
            float[] w = model.ReadParameter("dense.kernel");
            for (int a = 0; a < 20; a++)
            {
                for (int b = 0; b < 20; b++)
                {
                    double dot = 0;
                    for (int k = 0; k < 40; k++) dot += (double)w[a * 40 + k] * w[b * 40 + k];
                    Assert.True(Math.Abs(dot - (a == b ? 2.25 : 0)) <= 2.25e-5, $"(W Wᵀ)[{a}, {b}] = {dot}.");
                }
            }

            // Identity [40, 24] gain 2: exact.
            float[] eye = model.ReadParameter("dense_1.kernel");
            for (int r = 0; r < 40; r++)
            {
                for (int c = 0; c < 24; c++) Assert.Equal(r == c ? 2f : 0f, eye[r * 24 + c]);
            }

            Assert.All(model.ReadParameter("dense.bias"), v => Assert.Equal(0.25f, v));
            Assert.All(model.ReadParameter("dense_1.bias"), v => Assert.InRange(v, -0.1f, 0.3f));
            Assert.All(model.ReadParameter("dense_2.bias"), v => Assert.InRange(v, 0f, 2f)); // 1 ± 2 · 0.5
            double limit = Math.Sqrt(3 * 2.0 / ((24 + 7) / 2.0));
            Assert.All(model.ReadParameter("dense_2.kernel"), v => Assert.InRange(v, -limit, limit));
        }

        [Fact]
        public void Tiny_OrthogonalWideKernelAndIdentityTail()
        {
            using var model = new TinyOrthogonalNet(8);
            float[] w = model.ReadParameter("dense.kernel"); // [3, 5]: rows orthonormal
            for (int a = 0; a < 3; a++)
            {
                for (int b = 0; b < 3; b++)
                {
                    double dot = 0;
                    for (int k = 0; k < 5; k++) dot += (double)w[a * 5 + k] * w[b * 5 + k];
                    Assert.True(Math.Abs(dot - (a == b ? 1 : 0)) <= 1e-5, $"(W Wᵀ)[{a}, {b}] = {dot}.");
                }
            }
            Assert.Equal(new[] { 0.5f, 0, 0, 0.5f, 0, 0, 0, 0, 0, 0 }, model.ReadParameter("dense_1.kernel"));
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Training_FromTheseWeights_IsFiniteAndDeterministic(string name)
        {
            using CompiledModel a = Create(name, 21), b = Create(name, 21);
            var rng = new Random(4);
            const int n = 24;
            var x = new float[n * a.InputSize];
            for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
            var losses = new List<float>();
            for (int step = 0; step < 3; step++)
            {
                float la, lb;
                if (a.Layout.Loss == Loss.SparseCategoricalCrossEntropy)
                {
                    int[] labels = Enumerable.Range(0, n).Select(i => i % a.OutputSize).ToArray();
                    la = a.TrainBatch(x, labels);
                    lb = b.TrainBatch(x, labels);
                }
                else
                {
                    float[] targets = Enumerable.Range(0, n * a.OutputSize).Select(i => (float)Math.Sin(i)).ToArray();
                    la = a.TrainBatch(x, targets);
                    lb = b.TrainBatch(x, targets);
                }
                Assert.True(float.IsFinite(la), $"{name}: loss {la} at step {step}.");
                Assert.Equal(la, lb);
                losses.Add(la);
            }
            Assert.Equal(Arena(a), Arena(b));
        }
    }
}
