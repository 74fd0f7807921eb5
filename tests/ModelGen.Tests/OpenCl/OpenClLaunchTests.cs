using System;
using ModelGen.OpenCl;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>Buffers, 1-D and 2-D launches, int and local-memory arguments: results checked against plain C#.</summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClLaunchTests
    {
        private readonly OpenClFixture _fixture;

        public OpenClLaunchTests(OpenClFixture fixture) => _fixture = fixture;

        private static float[] Data(int length, int seed)
        {
            var rng = new Random(seed);
            var values = new float[length];
            for (int i = 0; i < length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
            return values;
        }

        [Fact]
        public void CreateBuffer_IsZeroFilled()
        {
            OpenClContext context = _fixture.Context;
            using OpenClBuffer buffer = context.CreateBuffer(1000);
            var read = new float[1000];
            Array.Fill(read, 42f);
            context.Read(buffer, 0, read);
            Assert.Equal(1000, buffer.Floats);
            Assert.All(read, value => Assert.Equal(0f, value));
        }

        [Fact]
        public void WriteAndRead_AtAnOffset_TouchOnlyThatRange()
        {
            OpenClContext context = _fixture.Context;
            using OpenClBuffer buffer = context.CreateBuffer(10);
            context.Write(buffer, 3, new float[] { 1, 2, 3, 4 });
            var all = new float[10];
            context.Read(buffer, 0, all);
            Assert.Equal(new float[] { 0, 0, 0, 1, 2, 3, 4, 0, 0, 0 }, all);
            var middle = new float[2];
            context.Read(buffer, 4, middle);
            Assert.Equal(new float[] { 2, 3 }, middle);
        }

        [Fact]
        public void WriteOrRead_OutsideTheBuffer_Throws()
        {
            OpenClContext context = _fixture.Context;
            using OpenClBuffer buffer = context.CreateBuffer(4);
            Assert.Throws<ArgumentOutOfRangeException>(() => context.Write(buffer, 2, new float[3]));
            Assert.Throws<ArgumentOutOfRangeException>(() => context.Read(buffer, -1, new float[1]));
            Assert.Throws<ArgumentOutOfRangeException>(() => context.Read(buffer, 5, Span<float>.Empty));
            Assert.Throws<ArgumentOutOfRangeException>(() => context.CreateBuffer(0));
        }

        [Theory]
        [InlineData(1000, 0)]
        [InlineData(1024, 64)]
        public void Saxpy_MatchesCSharp(int globalSize, int localSize)
        {
            const int N = 1000;
            const float A = 2.5f;
            OpenClContext context = _fixture.Context;
            float[] x = Data(N, 1), y = Data(N, 2);
            using OpenClProgram program = _fixture.Build(OpenClKernels.Saxpy);
            using OpenClKernel kernel = program.CreateKernel("saxpy");
            using OpenClBuffer yBuffer = context.CreateBuffer(N);
            using OpenClBuffer xBuffer = context.CreateBuffer(N);
            context.Write(yBuffer, 0, y);
            context.Write(xBuffer, 0, x);

            kernel.SetArg(0, yBuffer);
            kernel.SetArg(1, xBuffer);
            kernel.SetArg(2, A);
            kernel.SetArg(3, N);
            kernel.Launch(globalSize, localSize);
            var result = new float[N];
            context.Read(yBuffer, 0, result);

            Assert.Equal("saxpy", kernel.Name);
            for (int i = 0; i < N; i++) Assert.Equal(A * x[i] + y[i], result[i], 1e-5f);
        }

        [Fact]
        public void Transpose_TwoDimensionalWithLocalSize_MatchesCSharp()
        {
            const int Rows = 37, Cols = 53, Tile = 8;
            OpenClContext context = _fixture.Context;
            float[] input = Data(Rows * Cols, 3);
            using OpenClProgram program = _fixture.Build(OpenClKernels.Transpose);
            using OpenClKernel kernel = program.CreateKernel("transpose");
            using OpenClBuffer output = context.CreateBuffer(Rows * Cols);
            using OpenClBuffer inputBuffer = context.CreateBuffer(Rows * Cols);
            context.Write(inputBuffer, 0, input);

            kernel.SetArg(0, output);
            kernel.SetArg(1, inputBuffer);
            kernel.SetArg(2, Rows);
            kernel.SetArg(3, Cols);
            kernel.Launch(RoundUp(Cols, Tile), RoundUp(Rows, Tile), Tile, Tile);
            var result = new float[Rows * Cols];
            context.Read(output, 0, result);

            for (int r = 0; r < Rows; r++)
            {
                for (int c = 0; c < Cols; c++) Assert.Equal(input[r * Cols + c], result[c * Rows + r]);
            }
        }

        [Fact]
        public void TwoDimensionalLaunch_WithHalfALocalSize_Throws()
        {
            using OpenClProgram program = _fixture.Build(OpenClKernels.Transpose);
            using OpenClKernel kernel = program.CreateKernel("transpose");
            Assert.Throws<ArgumentException>(() => kernel.Launch(8, 8, 8, 0));
        }

        [Fact]
        public void IntBuffer_LabelsBecomeOneHotRows()
        {
            const int N = 50, Classes = 7;
            OpenClContext context = _fixture.Context;
            var labels = new int[N];
            for (int i = 0; i < N; i++) labels[i] = (i * 5 + 3) % Classes;
            using OpenClProgram program = _fixture.Build(OpenClKernels.OneHot);
            using OpenClKernel kernel = program.CreateKernel("one_hot");
            using OpenClBuffer output = context.CreateBuffer(N * Classes);
            using OpenClBuffer labelBuffer = context.CreateBuffer(N);
            context.Write(labelBuffer, 0, labels);

            kernel.SetArg(0, output);
            kernel.SetArg(1, labelBuffer);
            kernel.SetArg(2, Classes);
            kernel.SetArg(3, N);
            kernel.Launch(N);
            var result = new float[N * Classes];
            context.Read(output, 0, result);

            for (int i = 0; i < N; i++)
            {
                for (int k = 0; k < Classes; k++) Assert.Equal(k == labels[i] ? 1f : 0f, result[i * Classes + k]);
            }
        }

        [Fact]
        public void LocalArgument_GroupSums_MatchCSharp()
        {
            const int Groups = 5, Local = 64;
            OpenClContext context = _fixture.Context;
            float[] x = Data(Groups * Local, 4);
            using OpenClProgram program = _fixture.Build(OpenClKernels.GroupSum);
            using OpenClKernel kernel = program.CreateKernel("group_sum");
            using OpenClBuffer sums = context.CreateBuffer(Groups);
            using OpenClBuffer xBuffer = context.CreateBuffer(x.Length);
            context.Write(xBuffer, 0, x);

            kernel.SetArg(0, sums);
            kernel.SetArg(1, xBuffer);
            kernel.SetLocalArg(2, Local * sizeof(float));
            kernel.Launch(Groups * Local, Local);
            var result = new float[Groups];
            context.Read(sums, 0, result);

            for (int g = 0; g < Groups; g++)
            {
                double expected = 0;
                for (int i = 0; i < Local; i++) expected += x[g * Local + i];
                Assert.Equal(expected, result[g], 1e-4);
            }
        }

        [Fact]
        public void DisposedObjects_ThrowObjectDisposed()
        {
            OpenClContext context = _fixture.Context;
            OpenClBuffer buffer = context.CreateBuffer(4);
            buffer.Dispose();
            buffer.Dispose();
            Assert.Throws<ObjectDisposedException>(() => context.Read(buffer, 0, new float[4]));

            using OpenClProgram program = _fixture.Build(OpenClKernels.Saxpy);
            OpenClKernel kernel = program.CreateKernel("saxpy");
            kernel.Dispose();
            Assert.Throws<ObjectDisposedException>(() => kernel.Launch(4));

            var other = new OpenClContext(context.Device);
            other.Dispose();
            Assert.Throws<ObjectDisposedException>(() => other.CreateBuffer(4));
        }

        [Fact]
        public void BufferOfAnotherContext_IsRejected()
        {
            using var other = new OpenClContext(_fixture.Context.Device);
            using OpenClBuffer foreign = other.CreateBuffer(4);
            Assert.Throws<ArgumentException>(() => _fixture.Context.Write(foreign, 0, new float[4]));
        }

        private static long RoundUp(long value, long multiple) => (value + multiple - 1) / multiple * multiple;
    }
}
