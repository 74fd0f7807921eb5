using System;
using System.Text;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// A program built for one context's device, from source or from the binary cache
    /// (<see cref="OpenClContext.BuildProgram(string, string)"/>); kernels are created from it by name.
    /// </summary>
    public sealed unsafe class OpenClProgram : IDisposable
    {
        private readonly OpenClContext _context;
        private nint _handle;

        private OpenClProgram(OpenClContext context, nint handle, bool loadedFromCache)
        {
            _context = context;
            _handle = handle;
            LoadedFromCache = loadedFromCache;
        }

        /// <summary>Releases the program if a caller forgot to dispose it.</summary>
        ~OpenClProgram() => Release();

        /// <summary>True when the program was loaded from a cached binary rather than compiled from source.</summary>
        public bool LoadedFromCache { get; }

        /// <summary>Creates the kernel called <paramref name="name"/> (a <c>__kernel</c> function of the source).</summary>
        /// <exception cref="OpenClException">
        /// <c>clCreateKernel</c> failed, e.g. <c>CL_INVALID_KERNEL_NAME</c> when the program has no such kernel.
        /// </exception>
        public OpenClKernel CreateKernel(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            _context.ThrowIfDisposed();
            byte[] utf8 = NulTerminated(name);
            int error;
            nint kernel;
            fixed (byte* n = utf8)
            {
                kernel = OpenClNative.clCreateKernel(_handle, n, &error);
            }
            GC.KeepAlive(this);
            if (error != OpenClNative.Success) throw new OpenClException("clCreateKernel", error, $"Kernel name: '{name}'.");
            return new OpenClKernel(_context, kernel, name);
        }

        /// <summary>Releases the program; kernels created from it stay usable.</summary>
        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        /// <summary>The cached binary when there is a usable one, else a build from source whose binary is then cached.</summary>
        internal static OpenClProgram Build(OpenClContext context, string source, string options, string? cacheDirectory)
        {
            string? path = cacheDirectory is null ? null : OpenClProgramCache.PathFor(cacheDirectory, context.Device, options, source);
            if (path is not null && OpenClProgramCache.TryRead(path) is { Length: > 0 } cached)
            {
                nint loaded = TryBuildFromBinary(context, cached, options);
                if (loaded != 0) return new OpenClProgram(context, loaded, loadedFromCache: true);
            }

            nint program = BuildFromSource(context, source, options);
            if (path is not null && TryGetBinary(program) is { } binary) OpenClProgramCache.TryWrite(path, binary);
            return new OpenClProgram(context, program, loadedFromCache: false);
        }

        private static nint BuildFromSource(OpenClContext context, string source, string options)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(source);
            int error;
            nint program;
            fixed (byte* s = utf8)
            {
                byte* text = s;
                nuint length = (nuint)utf8.Length;
                program = OpenClNative.clCreateProgramWithSource(context.Handle, 1, &text, &length, &error);
            }
            OpenClException.Check(error, "clCreateProgramWithSource");

            error = Compile(program, context.Device.DeviceHandle, options);
            if (error != OpenClNative.Success)
            {
                string log = BuildLog(program, context.Device.DeviceHandle);
                OpenClNative.clReleaseProgram(program);
                throw new OpenClException("clBuildProgram", error, detail: null, buildLog: log);
            }
            return program;
        }

        /// <summary>The program built from a cached binary, or 0 when the driver rejects it (stale or corrupt file).</summary>
        private static nint TryBuildFromBinary(OpenClContext context, byte[] binary, string options)
        {
            nint device = context.Device.DeviceHandle;
            int error;
            int status = OpenClNative.Success;
            nint program;
            fixed (byte* b = binary)
            {
                byte* bytes = b;
                nuint length = (nuint)binary.Length;
                program = OpenClNative.clCreateProgramWithBinary(context.Handle, 1, &device, &length, &bytes, &status, &error);
            }
            if (error == OpenClNative.Success && status == OpenClNative.Success && Compile(program, device, options) == OpenClNative.Success)
            {
                return program;
            }
            if (program != 0) OpenClNative.clReleaseProgram(program);
            return 0;
        }

        private static int Compile(nint program, nint device, string options)
        {
            byte[] utf8 = NulTerminated(options);
            fixed (byte* o = utf8)
            {
                return OpenClNative.clBuildProgram(program, 1, &device, o, 0, null);
            }
        }

        /// <summary>The device binary of a built single-device program, or null when the driver does not give one.</summary>
        private static byte[]? TryGetBinary(nint program)
        {
            uint devices;
            nuint size;
            if (OpenClNative.clGetProgramInfo(program, OpenClNative.ProgramNumDevices, sizeof(uint), &devices, null) != OpenClNative.Success
                || devices != 1
                || OpenClNative.clGetProgramInfo(program, OpenClNative.ProgramBinarySizes, (nuint)sizeof(nuint), &size, null) != OpenClNative.Success
                || size == 0
                || size > int.MaxValue)
            {
                return null;
            }

            var binary = new byte[(int)size];
            fixed (byte* b = binary)
            {
                byte* destination = b;
                int error = OpenClNative.clGetProgramInfo(program, OpenClNative.ProgramBinaries, (nuint)sizeof(byte*), &destination, null);
                return error == OpenClNative.Success ? binary : null;
            }
        }

        private static string BuildLog(nint program, nint device)
        {
            nuint size;
            if (OpenClNative.clGetProgramBuildInfo(program, device, OpenClNative.ProgramBuildLog, 0, null, &size) != OpenClNative.Success || size == 0)
            {
                return "(no build log)";
            }
            var log = new byte[(int)size];
            fixed (byte* l = log)
            {
                if (OpenClNative.clGetProgramBuildInfo(program, device, OpenClNative.ProgramBuildLog, size, l, null) != OpenClNative.Success)
                {
                    return "(no build log)";
                }
            }
            return OpenClDevices.DecodeString(log);
        }

        private static byte[] NulTerminated(string text)
        {
            var utf8 = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, utf8, 0);
            return utf8;
        }

        private void Release()
        {
            if (_handle == 0) return;
            OpenClNative.clReleaseProgram(_handle);
            _handle = 0;
        }
    }
}
