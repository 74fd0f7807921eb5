using System;
using System.IO;
using ModelGen.OpenCl;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>The on-disk binary cache: a second build of the same program loads the binary, and every kernel works.</summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClProgramCacheTests
    {
        private const string CacheVariable = "MODELGEN_OPENCL_CACHE";
        private readonly OpenClFixture _fixture;

        public OpenClProgramCacheTests(OpenClFixture fixture) => _fixture = fixture;

        internal static string NewTemporaryDirectory()
        {
            string directory = Path.Combine(Path.GetTempPath(), "modelgen-opencl-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return directory;
        }

        /// <summary>Runs saxpy (y = 2x + y on 1..8) from <paramref name="program"/> and checks the result.</summary>
        private void AssertSaxpyWorks(OpenClProgram program)
        {
            OpenClContext context = _fixture.Context;
            using OpenClKernel kernel = program.CreateKernel("saxpy");
            using OpenClBuffer y = context.CreateBuffer(8);
            using OpenClBuffer x = context.CreateBuffer(8);
            var values = new float[] { 1, 2, 3, 4, 5, 6, 7, 8 };
            context.Write(y, 0, values);
            context.Write(x, 0, values);
            kernel.SetArg(0, y);
            kernel.SetArg(1, x);
            kernel.SetArg(2, 2f);
            kernel.SetArg(3, 8);
            kernel.Launch(8);
            var result = new float[8];
            context.Read(y, 0, result);
            Assert.Equal(new float[] { 3, 6, 9, 12, 15, 18, 21, 24 }, result);
        }

        [Fact]
        public void SameSourceTwice_SecondIsLoadedFromCache_AndBothWork()
        {
            string directory = NewTemporaryDirectory();
            try
            {
                using OpenClProgram first = _fixture.Context.BuildProgram(OpenClKernels.Saxpy, "", directory);
                using OpenClProgram second = _fixture.Context.BuildProgram(OpenClKernels.Saxpy, "", directory);

                Assert.False(first.LoadedFromCache);
                Assert.True(second.LoadedFromCache);
                AssertSaxpyWorks(first);
                AssertSaxpyWorks(second);
                string file = Assert.Single(Directory.GetFiles(directory));
                Assert.EndsWith(".bin", file, StringComparison.Ordinal);
                Assert.Equal(64 + ".bin".Length, Path.GetFileName(file).Length);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void DifferentOptions_AreCachedSeparately()
        {
            string directory = NewTemporaryDirectory();
            try
            {
                using OpenClProgram plain = _fixture.Context.BuildProgram(OpenClKernels.Saxpy, "", directory);
                using OpenClProgram relaxed = _fixture.Context.BuildProgram(OpenClKernels.Saxpy, "-cl-fast-relaxed-math", directory);

                Assert.False(plain.LoadedFromCache);
                Assert.False(relaxed.LoadedFromCache);
                Assert.Equal(2, Directory.GetFiles(directory).Length);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void CorruptCachedBinary_FallsBackToSource_AndIsReplaced()
        {
            string directory = NewTemporaryDirectory();
            try
            {
                using (_fixture.Context.BuildProgram(OpenClKernels.Saxpy, "", directory)) { }
                string file = Assert.Single(Directory.GetFiles(directory));
                File.WriteAllBytes(file, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });

                using OpenClProgram rebuilt = _fixture.Context.BuildProgram(OpenClKernels.Saxpy, "", directory);
                using OpenClProgram reloaded = _fixture.Context.BuildProgram(OpenClKernels.Saxpy, "", directory);

                Assert.False(rebuilt.LoadedFromCache);
                Assert.True(reloaded.LoadedFromCache);
                AssertSaxpyWorks(rebuilt);
                AssertSaxpyWorks(reloaded);
                Assert.Single(Directory.GetFiles(directory));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void NoCacheDirectory_AlwaysBuildsFromSource()
        {
            using OpenClProgram first = _fixture.Context.BuildProgram(OpenClKernels.Saxpy, "", cacheDirectory: null);
            using OpenClProgram second = _fixture.Context.BuildProgram(OpenClKernels.Saxpy, "", cacheDirectory: null);
            Assert.False(first.LoadedFromCache);
            Assert.False(second.LoadedFromCache);
        }

        [Fact]
        public void CacheVariable_NamesTheDirectory()
        {
            string directory = NewTemporaryDirectory();
            try
            {
                using (new EnvironmentScope(CacheVariable, directory))
                {
                    using OpenClProgram first = _fixture.Context.BuildProgram(OpenClKernels.Saxpy);
                    using OpenClProgram second = _fixture.Context.BuildProgram(OpenClKernels.Saxpy);
                    Assert.False(first.LoadedFromCache);
                    Assert.True(second.LoadedFromCache);
                }
                Assert.Single(Directory.GetFiles(directory));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void CacheVariableOff_DisablesTheCache()
        {
            string directory = NewTemporaryDirectory();
            try
            {
                // XDG_CACHE_HOME points at the empty directory: with the cache off, nothing may appear there either.
                using (new EnvironmentScope("XDG_CACHE_HOME", directory))
                using (new EnvironmentScope(CacheVariable, "off"))
                {
                    using OpenClProgram first = _fixture.Context.BuildProgram(OpenClKernels.Saxpy);
                    using OpenClProgram second = _fixture.Context.BuildProgram(OpenClKernels.Saxpy);
                    Assert.False(first.LoadedFromCache);
                    Assert.False(second.LoadedFromCache);
                }
                Assert.Empty(Directory.GetFileSystemEntries(directory));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void XdgCacheHome_HoldsTheCacheWhenTheVariableIsUnset()
        {
            string directory = NewTemporaryDirectory();
            try
            {
                using (new EnvironmentScope("XDG_CACHE_HOME", directory))
                using (new EnvironmentScope(CacheVariable, null))
                {
                    using OpenClProgram program = _fixture.Context.BuildProgram(OpenClKernels.Saxpy);
                    Assert.False(program.LoadedFromCache);
                }
                Assert.Single(Directory.GetFiles(Path.Combine(directory, "modelgen", "opencl")));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
