using System;
using ModelGen.OpenCl;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// What the OpenCL-against-CPU test classes share: the same model on both backends, a random batch for it, and one
    /// training step or gradient computation on whichever of labels or targets the model's loss takes.
    /// </summary>
    internal static class DeviceComparison
    {
        /// <summary>Two instances of the model (same seed, so the same weights), the second moved to the OpenCL device.</summary>
        public static (CompiledModel Cpu, CompiledModel Device) Pair(Func<CompiledModel> create)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            CompiledModel cpu = create(), device = create();
            device.UseOpenCl();
            Assert.Equal(Backend.OpenCl, device.Backend);
            return (cpu, device);
        }

        /// <summary>
        /// <paramref name="count"/> samples with inputs uniform in [-range, range), and integer labels (sparse categorical
        /// cross-entropy) or float targets in [0, 1).
        /// </summary>
        public static (float[] X, int[]? Labels, float[]? Targets) Batch(CompiledModel model, int count, int seed, double range = 1)
        {
            var rng = new Random(seed);
            var x = new float[count * model.InputSize];
            for (int i = 0; i < x.Length; i++) x[i] = (float)((rng.NextDouble() * 2 - 1) * range);
            if (model.Layout.Loss == Loss.SparseCategoricalCrossEntropy)
            {
                var labels = new int[count];
                for (int i = 0; i < count; i++) labels[i] = rng.Next(model.OutputSize);
                return (x, labels, null);
            }
            var targets = new float[count * model.OutputSize];
            for (int i = 0; i < targets.Length; i++) targets[i] = (float)rng.NextDouble();
            return (x, null, targets);
        }

        /// <summary>One training step on the batch; the batch-mean loss.</summary>
        public static float Train(CompiledModel model, (float[] X, int[]? Labels, float[]? Targets) b) =>
            b.Labels is not null ? model.TrainBatch(b.X, b.Labels) : model.TrainBatch(b.X, b.Targets!);

        /// <summary>Every tensor's gradient on the device equal to the CPU's to the tolerance; <paramref name="what"/> names a tensor's check.</summary>
        public static void AssertEveryGradientClose(CompiledModel cpu, CompiledModel device, double rtol, double atol, Func<string, string> what)
        {
            foreach (TensorSpec t in cpu.Layout.Tensors) Tolerance.AssertClose(cpu.ReadGradient(t.Name), device.ReadGradient(t.Name), rtol, atol, what(t.Name));
        }

        /// <summary>Every tensor's parameters on the device equal to the CPU's to the tolerance; <paramref name="what"/> names a tensor's check.</summary>
        public static void AssertEveryParameterClose(CompiledModel cpu, CompiledModel device, double rtol, double atol, Func<string, string> what)
        {
            foreach (TensorSpec t in cpu.Layout.Tensors) Tolerance.AssertClose(cpu.ReadParameter(t.Name), device.ReadParameter(t.Name), rtol, atol, what(t.Name));
        }

        /// <summary>The gradients of the batch, without a step; the batch-mean loss.</summary>
        public static float Gradients(CompiledModel model, (float[] X, int[]? Labels, float[]? Targets) b) =>
            b.Labels is not null ? model.ComputeGradients(b.X, b.Labels) : model.ComputeGradients(b.X, b.Targets!);
    }
}
