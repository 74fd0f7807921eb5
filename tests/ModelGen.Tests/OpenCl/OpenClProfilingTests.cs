using System;
using ModelGen.OpenCl;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>Launch timings come from the launch's event with profiling on, and are NaN without.</summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClProfilingTests
    {
        private readonly OpenClFixture _fixture;

        public OpenClProfilingTests(OpenClFixture fixture) => _fixture = fixture;

        private static void Saxpy(OpenClKernel kernel, OpenClBuffer y, OpenClBuffer x, int n)
        {
            kernel.SetArg(0, y);
            kernel.SetArg(1, x);
            kernel.SetArg(2, 0.5f);
            kernel.SetArg(3, n);
            kernel.Launch(n);
        }

        [Fact]
        public void ProfilingOn_LastLaunchMilliseconds_IsFiniteAndNonNegative()
        {
            const int N = 1 << 20;
            using var context = new OpenClContext(_fixture.Context.Device, profiling: true);
            using OpenClProgram program = context.BuildProgram(OpenClKernels.Saxpy, "", cacheDirectory: null);
            using OpenClKernel kernel = program.CreateKernel("saxpy");
            using OpenClBuffer y = context.CreateBuffer(N);
            using OpenClBuffer x = context.CreateBuffer(N);

            Assert.True(double.IsNaN(kernel.LastLaunchMilliseconds), "nothing launched yet");
            for (int launch = 0; launch < 3; launch++)
            {
                Saxpy(kernel, y, x, N);
                double milliseconds = kernel.LastLaunchMilliseconds;
                Assert.True(double.IsFinite(milliseconds) && milliseconds >= 0, $"launch {launch}: {milliseconds} ms");
                Assert.Equal(milliseconds, kernel.LastLaunchMilliseconds);
            }
            context.Finish();
        }

        [Fact]
        public void ProfilingOff_LastLaunchMilliseconds_IsNaN()
        {
            OpenClContext context = _fixture.Context;
            using OpenClProgram program = _fixture.Build(OpenClKernels.Saxpy);
            using OpenClKernel kernel = program.CreateKernel("saxpy");
            using OpenClBuffer y = context.CreateBuffer(16);
            using OpenClBuffer x = context.CreateBuffer(16);
            Saxpy(kernel, y, x, 16);
            context.Finish();
            Assert.True(double.IsNaN(kernel.LastLaunchMilliseconds));
        }
    }
}
