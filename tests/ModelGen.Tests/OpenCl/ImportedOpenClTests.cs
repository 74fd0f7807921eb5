using System;
using System.IO;
using ModelGen.OpenCl;
using ModelGen.Tests.Import;
using ModelGen.Tests.Numerics;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// The models imported from ONNX (Import/OnnxImportTests) on OpenCL: with the tool's weights, the generated
    /// kernels must agree with the C# path (OpenClModelTests' tolerance) and with PyTorch.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public sealed class ImportedOpenClTests : IDisposable
    {
        private const double Rtol = 1e-4, Atol = 1e-6;

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "modelgen-onnx-cl-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }

        [Theory]
        [MemberData(nameof(OnnxImportTests.Cases), MemberType = typeof(OnnxImportTests))]
        public void ImportedModel_OpenCl_MatchesCpuAndPyTorch(string name)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using CompiledModel cpu = OnnxImportTests.Imported(name, _directory);
            using CompiledModel device = OnnxImportTests.Imported(name, _directory);
            device.UseOpenCl();
            Assert.Equal(Backend.OpenCl, device.Backend);
            float[] x = OnnxImportTests.Fixture(name, "x");
            float[] onDevice = device.PredictBatch(x);
            Tolerance.AssertClose(cpu.PredictBatch(x), onDevice, Rtol, Atol, $"{name}: OpenCL against C#");
            Tolerance.AssertClose(OnnxImportTests.Fixture(name, "y"), onDevice, Rtol, Atol, $"{name}: OpenCL against PyTorch");
        }
    }
}
