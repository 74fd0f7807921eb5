using System;
using ModelGen.OpenCl;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// The hot paths (SetArg, Launch, Write, Read; timing reads with profiling on) allocate nothing on the managed
    /// heap once warmed up: the thread's allocated-bytes counter must not move.
    /// </summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClAllocationTests
    {
        private const int WarmUpCalls = 50;
        private const int MeasuredCalls = 100;
        private const int N = 256;

        private readonly OpenClFixture _fixture;

        public OpenClAllocationTests(OpenClFixture fixture) => _fixture = fixture;

        /// <summary>
        /// Warms <paramref name="action"/> up, then returns the bytes <see cref="MeasuredCalls"/> more calls allocate:
        /// the smallest of up to three measurements, since the runtime itself may allocate once on this thread while
        /// tiered compilation installs optimized code (a real per-call allocation shows in every measurement).
        /// </summary>
        private static long AllocatedBy(Action action)
        {
            for (int i = 0; i < WarmUpCalls; i++) action();
            long smallest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && smallest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < MeasuredCalls; i++) action();
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return smallest;
        }

        [Fact]
        public void SetArgAndLaunch_AfterWarmUp_AllocateNothing()
        {
            OpenClContext context = _fixture.Context;
            using OpenClProgram program = _fixture.Build(OpenClKernels.Saxpy);
            using OpenClKernel kernel = program.CreateKernel("saxpy");
            using OpenClBuffer y = context.CreateBuffer(N);
            using OpenClBuffer x = context.CreateBuffer(N);

            long bytes = AllocatedBy(() =>
            {
                kernel.SetArg(0, y);
                kernel.SetArg(1, x);
                kernel.SetArg(2, 1.5f);
                kernel.SetArg(3, N);
                kernel.Launch(N);
                kernel.Launch(N, 1, 0, 0);
                context.Finish();
            });
            Assert.Equal(0, bytes);
        }

        [Fact]
        public void WriteAndRead_AfterWarmUp_AllocateNothing()
        {
            OpenClContext context = _fixture.Context;
            using OpenClBuffer buffer = context.CreateBuffer(N);
            var data = new float[N];
            var labels = new int[N];
            var result = new float[N];

            long bytes = AllocatedBy(() =>
            {
                context.Write(buffer, 0, data);
                context.Write(buffer, 0, labels);
                context.Read(buffer, 0, result);
            });
            Assert.Equal(0, bytes);
        }

        [Fact]
        public void ProfiledLaunch_AfterWarmUp_AllocatesNothing()
        {
            using var context = new OpenClContext(_fixture.Context.Device, profiling: true);
            using OpenClProgram program = context.BuildProgram(OpenClKernels.Saxpy, "", cacheDirectory: null);
            using OpenClKernel kernel = program.CreateKernel("saxpy");
            using OpenClBuffer y = context.CreateBuffer(N);
            using OpenClBuffer x = context.CreateBuffer(N);
            kernel.SetArg(0, y);
            kernel.SetArg(1, x);
            kernel.SetArg(2, 1.5f);
            kernel.SetArg(3, N);

            double total = 0;
            long bytes = AllocatedBy(() =>
            {
                kernel.Launch(N);
                total += kernel.LastLaunchMilliseconds;
                kernel.Launch(N); // released unread by the next launch
            });
            context.Finish();
            Assert.Equal(0, bytes);
            Assert.True(double.IsFinite(total));
        }
    }
}
