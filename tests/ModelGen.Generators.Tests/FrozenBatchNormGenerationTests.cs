using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// Frozen models with [BatchNormalization] and learned activations (docs/embedding.md): the generated code (a
    /// snapshot), where each normalization goes (folded into a kernel, or its own pass), the PyTorch names, and the
    /// diagnostics at the [BatchNormalization] attribute (MG0102, MG0103).
    /// </summary>
    public sealed class FrozenBatchNormGenerationTests : IDisposable
    {
        private readonly FrozenFiles _files = new();

        public void Dispose() => _files.Dispose();

        /// <summary>dense (relu) → BN (folds into dense_1's rows) → dense_1 → BN(tanh) after tanh... see the tensors below.</summary>
        private const string Net = """
            using ModelGen;

            namespace App
            {
                [FrozenWeights("bn.safetensors")]
                [Input(4)]
                [Dense(6, Activation.Relu)]
                [BatchNormalization]
                [Dense(5, UseBias = false)]
                [BatchNormalization(Activation = Activation.Relu)]
                [Dense(4, Activation.Tanh)]
                [BatchNormalization(Activation = Activation.Tanh, Center = false)]
                [Dense(3, Activation.PRelu)]
                [Dense(2, Activation.Swish, LearnBeta = true)]
                public partial class BnFrozen;
            }
            """;

        private static List<(string Name, string Dtype, int[] Shape, float[] Values)> Tensors(bool torchNames = false, int varianceLength = 6)
        {
            float[] Values(int n, float start) => Enumerable.Range(0, n).Select(i => start + 0.25f * i).ToArray();
            string[] bn = torchNames ? new[] { "weight", "bias", "running_mean", "running_var" } : new[] { "gamma", "beta", "moving_mean", "moving_variance" };
            return new List<(string, string, int[], float[])>
            {
                ("dense.kernel", "F32", new[] { 4, 6 }, Values(24, -1f)), ("dense.bias", "F32", new[] { 6 }, Values(6, 0.5f)),
                ($"batch_normalization.{bn[0]}", "F32", new[] { 6 }, Values(6, 1f)), ($"batch_normalization.{bn[1]}", "F32", new[] { 6 }, Values(6, -0.5f)),
                ($"batch_normalization.{bn[2]}", "F32", new[] { 6 }, Values(6, 0.125f)), ($"batch_normalization.{bn[3]}", "F32", new[] { varianceLength }, Values(varianceLength, 0.75f)),
                ("dense_1.kernel", "F32", new[] { 6, 5 }, Values(30, -2f)),
                ("batch_normalization_1.gamma", "F32", new[] { 5 }, Values(5, 2f)), ("batch_normalization_1.beta", "F32", new[] { 5 }, Values(5, 0f)),
                ("batch_normalization_1.moving_mean", "F32", new[] { 5 }, Values(5, 1f)), ("batch_normalization_1.moving_variance", "F32", new[] { 5 }, Values(5, 3f)),
                ("dense_2.kernel", "F32", new[] { 5, 4 }, Values(20, -1.5f)), ("dense_2.bias", "F32", new[] { 4 }, Values(4, 0f)),
                ("batch_normalization_2.gamma", "F32", new[] { 4 }, Values(4, 1.5f)),
                ("batch_normalization_2.moving_mean", "F32", new[] { 4 }, Values(4, -0.25f)), ("batch_normalization_2.moving_variance", "F32", new[] { 4 }, Values(4, 1f)),
                ("dense_3.kernel", "F32", new[] { 4, 3 }, Values(12, -1f)), ("dense_3.bias", "F32", new[] { 3 }, Values(3, 0f)), ("dense_3.alpha", "F32", new[] { 3 }, Values(3, 0.125f)),
                ("dense_4.kernel", "F32", new[] { 3, 2 }, Values(6, -1f)), ("dense_4.bias", "F32", new[] { 2 }, Values(2, 0f)), ("dense_4.beta", "F32", new[] { 1 }, new[] { 1.75f }),
            };
        }

        [Fact]
        public void BnFrozen_MatchesSnapshot()
        {
            GeneratorRun run = FrozenFiles.Run(Net, _files.File("bn.safetensors", FrozenFiles.SafeTensors(Tensors())));
            GeneratorHarness.AssertCompilesCleanly(run);
            Snapshot.Match(run.SingleSource());
        }

        [Fact]
        public void BnFrozen_FoldsWhereTheTrainableModelFolds()
        {
            string source = FrozenFiles.Run(Net, _files.File("bn.safetensors", FrozenFiles.SafeTensors(Tensors()))).SingleSource();
            // dense_1 carries both normalizations (rows and columns) and reads dense's h; batch_normalization_2 is its own pass.
            Assert.Contains("Dense1FoldedForward(", source);
            Assert.Contains("BatchNormalization2Forward(", source);
            Assert.DoesNotContain("BatchNormalizationForward(", source);
            Assert.DoesNotContain("BatchNormalization1Forward(", source);
            Assert.Contains("Dense3Alpha", source);
            Assert.Contains("const float beta = 1.75f;", source);
            foreach (string training in new[] { "Backward", "Gradient", "Parameters" }) Assert.DoesNotContain(training, source);
        }

        [Fact]
        public void PyTorchBatchNormNames_GiveTheSameSource()
        {
            string keras = FrozenFiles.Run(Net, _files.File("bn.safetensors", FrozenFiles.SafeTensors(Tensors()))).SingleSource();
            using var other = new FrozenFiles();
            GeneratorRun run = FrozenFiles.Run(Net, other.File("bn.safetensors", FrozenFiles.SafeTensors(Tensors(torchNames: true))));
            GeneratorHarness.AssertCompilesCleanly(run);
            Assert.Equal(keras, run.SingleSource());
        }

        [Fact]
        public void MissingMovingVariance_ReportsMG0102AtBatchNormalization()
        {
            var tensors = Tensors().Where(t => t.Name != "batch_normalization_1.moving_variance").ToList();
            Diagnostic d = FrozenFiles.Reports("MG0102", Marked("[BatchNormalization(Activation = Activation.Relu)]"), _files.File("bn.safetensors", FrozenFiles.SafeTensors(tensors)));
            Assert.Contains("'batch_normalization_1.moving_variance' [5]", FrozenFiles.Message(d));
        }

        [Fact]
        public void WrongVarianceShape_ReportsMG0103AtBatchNormalization()
        {
            Diagnostic d = FrozenFiles.Reports("MG0103", Marked("[BatchNormalization]"), _files.File("bn.safetensors", FrozenFiles.SafeTensors(Tensors(varianceLength: 7))));
            Assert.Contains("tensor 'batch_normalization.moving_variance' has shape [7], but layer 'batch_normalization' declares [6]", FrozenFiles.Message(d));
        }

        [Fact]
        public void MissingAlpha_ReportsMG0102AtDense()
        {
            var tensors = Tensors().Where(t => t.Name != "dense_3.alpha").ToList();
            Diagnostic d = FrozenFiles.Reports("MG0102", Marked("[Dense(3, Activation.PRelu)]"), _files.File("bn.safetensors", FrozenFiles.SafeTensors(tensors)));
            Assert.Contains("'dense_3.alpha' [3]", FrozenFiles.Message(d));
        }

        /// <summary>AlignWeights = true: the packed layers read one aligned copy made by a static initializer; unrolled layers are unchanged.</summary>
        [Fact]
        public void AlignWeights_ReadsTheAlignedCopy()
        {
            const string packed = """
                using ModelGen;

                [FrozenWeights("w.safetensors", AlignWeights = true)]
                [Input(20)]
                [Dense(16, Activation.Relu)]
                [Dense(30, Activation.Relu)]
                [Dense(2)]
                public partial class Aligned;
                """;
            byte[] file = FrozenFiles.SafeTensors(("dense.kernel", "F32", new[] { 20, 16 }), ("dense.bias", "F32", new[] { 16 }),
                ("dense_1.kernel", "F32", new[] { 16, 30 }), ("dense_1.bias", "F32", new[] { 30 }),
                ("dense_2.kernel", "F32", new[] { 30, 2 }), ("dense_2.bias", "F32", new[] { 2 }));
            GeneratorRun run = FrozenFiles.Run(packed, _files.File("w.safetensors", file));
            GeneratorHarness.AssertCompilesCleanly(run);
            string source = run.SingleSource();
            Assert.Contains("private static readonly float* s_weights = CopyAligned();", source);
            Assert.Contains("NativeMemory.AlignedAlloc(", source);
            // dense: kernel 20 × 16 = 320 floats at 0, bias 16 at 320; dense_1: kernel 16 × 32 = 512 at 336, bias 32 at 848.
            Assert.Contains("float* w = s_weights + 0, b = s_weights + 320;", source);
            Assert.Contains("float* w = s_weights + 336, b = s_weights + 848;", source);
            Assert.DoesNotContain("fixed (float* w = DenseKernel", source);
        }

        /// <summary><see cref="Net"/> with the attribute <paramref name="attribute"/> (first occurrence) marked as the expected span.</summary>
        private static string Marked(string attribute)
        {
            string inner = attribute.Substring(1, attribute.Length - 2);
            int at = Net.IndexOf(attribute, StringComparison.Ordinal);
            return Net.Substring(0, at) + "[[|" + inner + "|]]" + Net.Substring(at + attribute.Length);
        }
    }
}
