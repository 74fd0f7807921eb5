using System;
using ModelGen.OpenCl;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>Failing OpenCL calls surface as OpenClException naming the call, the error and (for builds) the log.</summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClErrorTests
    {
        private readonly OpenClFixture _fixture;

        public OpenClErrorTests(OpenClFixture fixture) => _fixture = fixture;

        [Fact]
        public void BuildError_ThrowsWithTheBuildLog()
        {
            const string Broken = "__kernel void broken(__global float* x) { x[0] = undeclared_thing_42; }";
            var error = Assert.Throws<OpenClException>(() => _fixture.Build(Broken));

            Assert.Equal("clBuildProgram", error.Call);
            Assert.Equal(-11, error.ErrorCode);
            Assert.Equal("CL_BUILD_PROGRAM_FAILURE", error.ErrorName);
            Assert.StartsWith("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)", error.Message, StringComparison.Ordinal);
            Assert.NotNull(error.BuildLog);
            Assert.Contains("undeclared_thing_42", error.BuildLog, StringComparison.Ordinal);
            Assert.Contains(error.BuildLog!, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void BuildError_IsNotCached()
        {
            const string Broken = "__kernel void broken(__global float* x) { x[0] = undeclared_thing_43; }";
            string directory = OpenClProgramCacheTests.NewTemporaryDirectory();
            try
            {
                Assert.Throws<OpenClException>(() => _fixture.Context.BuildProgram(Broken, "", directory));
                Assert.Empty(System.IO.Directory.GetFiles(directory));
            }
            finally
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void UnknownKernelName_ThrowsInvalidKernelName()
        {
            using OpenClProgram program = _fixture.Build(OpenClKernels.Saxpy);
            var error = Assert.Throws<OpenClException>(() => program.CreateKernel("no_such_kernel"));

            Assert.Equal("clCreateKernel", error.Call);
            Assert.Equal(-46, error.ErrorCode);
            Assert.Equal("CL_INVALID_KERNEL_NAME", error.ErrorName);
            Assert.Contains("clCreateKernel", error.Message, StringComparison.Ordinal);
            Assert.Contains("CL_INVALID_KERNEL_NAME (-46)", error.Message, StringComparison.Ordinal);
            Assert.Contains("no_such_kernel", error.Message, StringComparison.Ordinal);
            Assert.Null(error.BuildLog);
        }

        [Fact]
        public void ArgumentIndexOutOfRange_ThrowsInvalidArgIndex()
        {
            using OpenClProgram program = _fixture.Build(OpenClKernels.Saxpy);
            using OpenClKernel kernel = program.CreateKernel("saxpy");
            var error = Assert.Throws<OpenClException>(() => kernel.SetArg(9, 1));

            Assert.Equal("clSetKernelArg", error.Call);
            Assert.Equal("CL_INVALID_ARG_INDEX", error.ErrorName);
        }

        [Fact]
        public void WorkGroupLargerThanTheDevice_ThrowsFromTheLaunch()
        {
            OpenClContext context = _fixture.Context;
            using OpenClProgram program = _fixture.Build(OpenClKernels.Saxpy);
            using OpenClKernel kernel = program.CreateKernel("saxpy");
            using OpenClBuffer buffer = context.CreateBuffer(4);
            kernel.SetArg(0, buffer);
            kernel.SetArg(1, buffer);
            kernel.SetArg(2, 1f);
            kernel.SetArg(3, 4);
            long tooLarge = 2L * context.Device.MaxWorkGroupSize;
            var error = Assert.Throws<OpenClException>(() => kernel.Launch(tooLarge, tooLarge));

            Assert.Equal("clEnqueueNDRangeKernel", error.Call);
            Assert.StartsWith("CL_INVALID_WORK_", error.ErrorName, StringComparison.Ordinal);
        }
    }
}
