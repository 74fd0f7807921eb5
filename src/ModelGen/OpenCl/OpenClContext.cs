using System;
using System.Runtime.InteropServices;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// One OpenCL context and one in-order command queue on one device: builds programs, creates buffers and moves
    /// data. Commands run in the order they are enqueued, so a kernel launched after a write sees the written data
    /// and a blocking read after a launch sees its results.
    /// </summary>
    /// <remarks>
    /// Not thread-safe: use one context per thread, or lock around it. Dispose buffers, kernels and programs before
    /// their context; using them after the context is disposed throws <see cref="ObjectDisposedException"/>.
    /// <see cref="Write(OpenClBuffer, long, ReadOnlySpan{float})"/> and <see cref="Read"/> allocate nothing.
    /// </remarks>
    public sealed unsafe class OpenClContext : IDisposable
    {
        private nint _context;
        private nint _queue;

        /// <summary>Creates a context and a command queue on <paramref name="device"/>.</summary>
        /// <param name="device">The device, from <see cref="OpenClDevices.All"/> or <see cref="OpenClDevices.Default"/>.</param>
        /// <param name="profiling">
        /// Enables <c>CL_QUEUE_PROFILING_ENABLE</c>, so that <see cref="OpenClKernel.LastLaunchMilliseconds"/> reports
        /// each launch's device time.
        /// </param>
        /// <exception cref="OpenClException"><c>clCreateContext</c> or the queue creation failed.</exception>
        public OpenClContext(OpenClDeviceInfo device, bool profiling = false)
        {
            ArgumentNullException.ThrowIfNull(device);
            Device = device;
            Profiling = profiling;

            nint deviceHandle = device.DeviceHandle;
            nint* properties = stackalloc nint[] { OpenClNative.ContextPlatform, device.PlatformHandle, 0 };
            int error;
            _context = OpenClNative.clCreateContext(properties, 1, &deviceHandle, 0, null, &error);
            OpenClException.Check(error, "clCreateContext");

            ulong queueProperties = profiling ? OpenClNative.QueueProfilingEnable : 0;
            if (device.PlatformVersionNumber.Major >= 2)
            {
                ulong* list = stackalloc ulong[] { OpenClNative.QueueProperties, queueProperties, 0 };
                _queue = OpenClNative.clCreateCommandQueueWithProperties(_context, deviceHandle, list, &error);
                if (error != OpenClNative.Success) Fail("clCreateCommandQueueWithProperties", error);
            }
            else
            {
                _queue = OpenClNative.clCreateCommandQueue(_context, deviceHandle, queueProperties, &error);
                if (error != OpenClNative.Success) Fail("clCreateCommandQueue", error);
            }
        }

        /// <summary>Releases the queue and the context if a caller forgot to dispose them.</summary>
        ~OpenClContext() => Release();

        /// <summary>The device this context runs on.</summary>
        public OpenClDeviceInfo Device { get; }

        /// <summary>Whether launches are timed (the constructor's <c>profiling</c>).</summary>
        internal bool Profiling { get; }

        internal nint Handle => _context;

        internal nint Queue => _queue;

        internal bool IsDisposed => _queue == 0;

        /// <summary>
        /// Compiles <paramref name="source"/> (OpenCL C) for this device, or loads it from the binary cache (directory:
        /// <c>MODELGEN_OPENCL_CACHE</c>, whose value <c>off</c> disables the cache, else
        /// <c>$XDG_CACHE_HOME/modelgen/opencl</c>, else <c>~/.cache/modelgen/opencl</c>).
        /// </summary>
        /// <param name="source">The program's OpenCL C source.</param>
        /// <param name="options">Build options, e.g. <c>-cl-fast-relaxed-math -DN=64</c>.</param>
        /// <exception cref="OpenClException">The program failed to build (the message holds the build log).</exception>
        public OpenClProgram BuildProgram(string source, string options = "") =>
            BuildProgram(source, options, OpenClProgramCache.DefaultDirectory());

        /// <summary>
        /// Compiles <paramref name="source"/> for this device, using the binary cache in
        /// <paramref name="cacheDirectory"/>: a binary cached there for the same device, driver, options and source is
        /// loaded instead of compiling (<see cref="OpenClProgram.LoadedFromCache"/>); otherwise the program is built
        /// from source and its binary written there. A cached binary the driver rejects is replaced.
        /// </summary>
        /// <param name="source">The program's OpenCL C source.</param>
        /// <param name="options">Build options.</param>
        /// <param name="cacheDirectory">The cache directory (created when missing), or null to always build from source.</param>
        /// <exception cref="OpenClException">The program failed to build (the message holds the build log).</exception>
        public OpenClProgram BuildProgram(string source, string options, string? cacheDirectory)
        {
            ArgumentNullException.ThrowIfNull(source);
            ArgumentNullException.ThrowIfNull(options);
            ThrowIfDisposed();
            return OpenClProgram.Build(this, source, options, cacheDirectory);
        }

        /// <summary>Creates a read-write device buffer of <paramref name="floats"/> 4-byte elements, filled with zeros.</summary>
        /// <param name="floats">How many 4-byte elements (floats or ints); at least 1.</param>
        /// <exception cref="OpenClException"><c>clCreateBuffer</c> failed, e.g. out of device memory.</exception>
        public OpenClBuffer CreateBuffer(long floats)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(floats, 1);
            ThrowIfDisposed();
            nuint bytes = checked((nuint)floats * sizeof(float));
            int error;
            nint handle = OpenClNative.clCreateBuffer(_context, OpenClNative.MemReadWrite, bytes, null, &error);
            OpenClException.Check(error, "clCreateBuffer");
            var buffer = new OpenClBuffer(this, handle, floats);
            try
            {
                Zero(handle, bytes);
            }
            catch
            {
                buffer.Dispose();
                throw;
            }
            return buffer;
        }

        /// <summary>Copies <paramref name="source"/> into <paramref name="buffer"/> from element <paramref name="offsetFloats"/> on; returns when done.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the buffer.</exception>
        public void Write(OpenClBuffer buffer, long offsetFloats, ReadOnlySpan<float> source) =>
            WriteBytes(buffer, offsetFloats, MemoryMarshal.AsBytes(source), source.Length);

        /// <summary>Copies the ints of <paramref name="source"/> (e.g. class labels) into <paramref name="buffer"/> from element <paramref name="offsetFloats"/> on; returns when done.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the buffer.</exception>
        public void Write(OpenClBuffer buffer, long offsetFloats, ReadOnlySpan<int> source) =>
            WriteBytes(buffer, offsetFloats, MemoryMarshal.AsBytes(source), source.Length);

        /// <summary>Copies elements of <paramref name="buffer"/> from <paramref name="offsetFloats"/> on into <paramref name="destination"/>, after every command enqueued before; returns when done.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the buffer.</exception>
        public void Read(OpenClBuffer buffer, long offsetFloats, Span<float> destination)
        {
            CheckRange(buffer, offsetFloats, destination.Length);
            if (destination.IsEmpty) return;
            fixed (float* d = destination)
            {
                int error = OpenClNative.clEnqueueReadBuffer(
                    _queue, buffer.Handle, OpenClNative.True, (nuint)offsetFloats * sizeof(float),
                    (nuint)destination.Length * sizeof(float), d, 0, null, null);
                OpenClException.Check(error, "clEnqueueReadBuffer");
            }
            KeepAlive(buffer);
        }

        /// <summary>
        /// Enqueues a copy of <paramref name="count"/> floats from native memory at <paramref name="source"/> into
        /// <paramref name="buffer"/> and returns at once: <paramref name="source"/> must stay valid and unchanged
        /// until the next <see cref="Finish"/>. The unit of double buffering: fill one host buffer while this copies
        /// the other.
        /// </summary>
        public void WriteAsync(OpenClBuffer buffer, long offsetFloats, float* source, int count)
        {
            CheckRange(buffer, offsetFloats, count);
            if (count == 0) return;
            int error = OpenClNative.clEnqueueWriteBuffer(
                _queue, buffer.Handle, 0, (nuint)offsetFloats * sizeof(float), (nuint)count * sizeof(float), source, 0, null, null);
            OpenClException.Check(error, "clEnqueueWriteBuffer");
            KeepAlive(buffer);
        }

        /// <summary>
        /// Enqueues a copy of <paramref name="count"/> floats of <paramref name="buffer"/> into native memory at
        /// <paramref name="destination"/> and returns at once; the data is there after the next <see cref="Finish"/>.
        /// </summary>
        public void ReadAsync(OpenClBuffer buffer, long offsetFloats, float* destination, int count)
        {
            CheckRange(buffer, offsetFloats, count);
            if (count == 0) return;
            int error = OpenClNative.clEnqueueReadBuffer(
                _queue, buffer.Handle, 0, (nuint)offsetFloats * sizeof(float), (nuint)count * sizeof(float), destination, 0, null, null);
            OpenClException.Check(error, "clEnqueueReadBuffer");
            KeepAlive(buffer);
        }

        /// <summary>Sends the enqueued commands to the device without waiting for them.</summary>
        public void Flush()
        {
            ThrowIfDisposed();
            OpenClException.Check(OpenClNative.clFlush(_queue), "clFlush");
            GC.KeepAlive(this);
        }

        /// <summary>Waits until every enqueued command has finished.</summary>
        public void Finish()
        {
            ThrowIfDisposed();
            OpenClException.Check(OpenClNative.clFinish(_queue), "clFinish");
            GC.KeepAlive(this);
        }

        /// <summary>Waits for the queue to drain, then releases it and the context.</summary>
        public void Dispose()
        {
            if (_queue != 0) OpenClNative.clFinish(_queue);
            Release();
            GC.SuppressFinalize(this);
        }

        internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_queue == 0, this);

        private void WriteBytes(OpenClBuffer buffer, long offsetFloats, ReadOnlySpan<byte> bytes, int elements)
        {
            CheckRange(buffer, offsetFloats, elements);
            if (bytes.IsEmpty) return;
            fixed (byte* s = bytes)
            {
                int error = OpenClNative.clEnqueueWriteBuffer(
                    _queue, buffer.Handle, OpenClNative.True, (nuint)offsetFloats * sizeof(float), (nuint)bytes.Length, s, 0, null, null);
                OpenClException.Check(error, "clEnqueueWriteBuffer");
            }
            KeepAlive(buffer);
        }

        /// <summary>Keeps this context and <paramref name="buffer"/> from being finalized (and released) while a call that uses their handles runs.</summary>
        private void KeepAlive(OpenClBuffer buffer)
        {
            GC.KeepAlive(buffer);
            GC.KeepAlive(this);
        }

        private void CheckRange(OpenClBuffer buffer, long offsetFloats, int elements)
        {
            ArgumentNullException.ThrowIfNull(buffer);
            ThrowIfDisposed();
            buffer.ThrowIfDisposed();
            if (buffer.Context != this) ThrowForeignBuffer();
            if ((ulong)offsetFloats > (ulong)buffer.Floats || elements > buffer.Floats - offsetFloats) ThrowOutOfRange(buffer, offsetFloats, elements);
        }

        /// <summary>Zero-fills a new buffer: <c>clEnqueueFillBuffer</c> (OpenCL 1.2), else writes of a zeroed block.</summary>
        private void Zero(nint handle, nuint bytes)
        {
            if (Device.DeviceVersionNumber is (1, < 2))
            {
                const int Block = 1 << 20;
                nuint blockBytes = bytes < Block ? bytes : Block;
                void* zeros = NativeMemory.AllocZeroed(blockBytes);
                try
                {
                    for (nuint offset = 0; offset < bytes; offset += blockBytes)
                    {
                        nuint size = bytes - offset < blockBytes ? bytes - offset : blockBytes;
                        int error = OpenClNative.clEnqueueWriteBuffer(_queue, handle, OpenClNative.True, offset, size, zeros, 0, null, null);
                        OpenClException.Check(error, "clEnqueueWriteBuffer");
                    }
                }
                finally
                {
                    NativeMemory.Free(zeros);
                }
                return;
            }

            float zero = 0f;
            OpenClException.Check(
                OpenClNative.clEnqueueFillBuffer(_queue, handle, &zero, sizeof(float), 0, bytes, 0, null, null),
                "clEnqueueFillBuffer");
        }

        private void Release()
        {
            if (_queue != 0)
            {
                OpenClNative.clReleaseCommandQueue(_queue);
                _queue = 0;
            }
            if (_context != 0)
            {
                OpenClNative.clReleaseContext(_context);
                _context = 0;
            }
        }

        /// <summary>Releases the context created so far and throws for the failed queue creation.</summary>
        private void Fail(string call, int error)
        {
            Release();
            GC.SuppressFinalize(this);
            OpenClException.Throw(call, error);
        }

        private static void ThrowForeignBuffer() =>
            throw new ArgumentException("The buffer belongs to another OpenClContext.", "buffer");

        private static void ThrowOutOfRange(OpenClBuffer buffer, long offsetFloats, int elements) =>
            throw new ArgumentOutOfRangeException(
                nameof(offsetFloats),
                $"Elements [{offsetFloats}, {offsetFloats + elements}) do not lie inside the buffer's {buffer.Floats}.");
    }
}
