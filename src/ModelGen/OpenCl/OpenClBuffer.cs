using System;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// A read-write device buffer of 4-byte elements (floats, or ints such as class labels), created by
    /// <see cref="OpenClContext.CreateBuffer"/> and filled through <see cref="OpenClContext.Write(OpenClBuffer, long, ReadOnlySpan{float})"/>.
    /// </summary>
    public sealed class OpenClBuffer : IDisposable
    {
        private nint _handle;

        internal OpenClBuffer(OpenClContext context, nint handle, long floats)
        {
            Context = context;
            _handle = handle;
            Floats = floats;
        }

        /// <summary>Releases the device memory if a caller forgot to dispose the buffer.</summary>
        ~OpenClBuffer() => Release();

        /// <summary>How many 4-byte elements the buffer holds.</summary>
        public long Floats { get; }

        internal OpenClContext Context { get; }

        internal nint Handle => _handle;

        /// <summary>Releases the device memory. Kernels already enqueued with this buffer still complete.</summary>
        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_handle == 0, this);

        private void Release()
        {
            if (_handle == 0) return;
            OpenClNative.clReleaseMemObject(_handle);
            _handle = 0;
        }
    }
}
