using System;
using ModelGen.OpenCl;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>
    /// One context on the default device, shared by the OpenCL tests. There is no "inconclusive" here: CI installs
    /// PoCL, so a machine without an OpenCL device fails every test that needs one, with the fix in the message.
    /// </summary>
    public sealed class OpenClFixture : IDisposable
    {
        public const string InstallMessage =
            "No OpenCL device. Install the ICD loader and the PoCL CPU driver: " +
            "'sudo apt-get install ocl-icd-libopencl1 pocl-opencl-icd' (then 'clinfo' lists a device).";

        private OpenClContext? _context;

        /// <summary>The shared context; fails the calling test when OpenCL is not available.</summary>
        public OpenClContext Context
        {
            get
            {
                Assert.True(OpenClDevices.IsAvailable, InstallMessage);
                return _context ??= new OpenClContext(OpenClDevices.Default());
            }
        }

        /// <summary>Builds without the binary cache, so tests do not depend on (or fill) the user's cache.</summary>
        public OpenClProgram Build(string source, string options = "") => Context.BuildProgram(source, options, cacheDirectory: null);

        public void Dispose() => _context?.Dispose();
    }

    /// <summary>
    /// The OpenCL tests run one after another: they share a context, some set process-wide environment variables,
    /// and PoCL compiles on the same few cores the kernels run on.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class OpenClCollection : ICollectionFixture<OpenClFixture>
    {
        public const string Name = "OpenCl";
    }
}
