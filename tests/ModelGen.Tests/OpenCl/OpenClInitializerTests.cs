using System;
using System.Linq;
using ModelGen.OpenCl;
using ModelGen.Tests.Models;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// The OpenCL path starts from the weights the host initialized: models declaring every initializer, moved to the
    /// device, hold the CPU model's parameters bit for bit, then agree with it on forward passes and training steps
    /// (1e-4 relative, as OpenClModelTests). CI runs them on PoCL.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClInitializerTests
    {
        private const double Rtol = 1e-4, Atol = 1e-6;

        public static TheoryData<string> Models => new() { "showcase", "families", "tiny" };

        private static CompiledModel Create(string name) => name switch
        {
            "showcase" => new InitializerShowcase(seed: 31),
            "families" => new InitializerFamilies(seed: 31),
            "tiny" => new TinyOrthogonalNet(seed: 31),
            _ => throw new ArgumentException(name),
        };

        [Theory]
        [MemberData(nameof(Models))]
        public void Device_StartsFromTheHostInitializedWeights_AndTrainsAsTheCpu(string name)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using CompiledModel cpu = Create(name), device = Create(name);
            device.UseOpenCl();
            Assert.Equal(Backend.OpenCl, device.Backend);

            // ReadParameter downloads from the device: the uploaded weights are the initializers' bits.
            foreach (TensorSpec spec in cpu.Layout.Tensors)
            {
                Assert.Equal(cpu.ReadParameter(spec.Name), device.ReadParameter(spec.Name));
            }

            var rng = new Random(6);
            const int n = 37;
            var x = new float[n * cpu.InputSize];
            for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
            Tolerance.AssertClose(cpu.PredictBatch(x), device.PredictBatch(x), Rtol, Atol, $"{name} outputs");

            int[] labels = Enumerable.Range(0, n).Select(i => i % cpu.OutputSize).ToArray();
            float[] targets = Enumerable.Range(0, n * cpu.OutputSize).Select(i => (float)Math.Cos(i)).ToArray();
            for (int step = 0; step < 5; step++)
            {
                bool classifier = cpu.Layout.Loss == Loss.SparseCategoricalCrossEntropy;
                float expected = classifier ? cpu.TrainBatch(x, labels) : cpu.TrainBatch(x, targets);
                float actual = classifier ? device.TrainBatch(x, labels) : device.TrainBatch(x, targets);
                Assert.True(Math.Abs(expected - actual) <= Rtol * Math.Abs(expected) + Atol, $"{name} step {step}: loss {actual}, CPU {expected}.");
            }
            DeviceComparison.AssertEveryParameterClose(cpu, device, Rtol, Atol, n => $"{name} {n} after 5 steps");
        }
    }
}
