using System;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// One <c>__kernel</c> function of a program, with its arguments: set them with <c>SetArg</c>, then enqueue it on
    /// its context's queue with <c>Launch</c>. Arguments keep their values between launches.
    /// </summary>
    /// <remarks>
    /// <c>SetArg</c> and <c>Launch</c> allocate nothing on the managed heap. A launch returns as soon as the kernel is
    /// enqueued; <see cref="OpenClContext.Read"/> or <see cref="OpenClContext.Finish"/> waits for it. Not thread-safe.
    /// </remarks>
    public sealed unsafe class OpenClKernel : IDisposable
    {
        private readonly OpenClContext _context;
        private nint _handle;
        private nint _lastEvent;
        private double _lastMilliseconds = double.NaN;

        internal OpenClKernel(OpenClContext context, nint handle, string name)
        {
            _context = context;
            _handle = handle;
            Name = name;
        }

        /// <summary>Releases the kernel if a caller forgot to dispose it.</summary>
        ~OpenClKernel() => Release();

        /// <summary>The kernel function's name.</summary>
        public string Name { get; }

        /// <summary>
        /// The device time of the last launch in milliseconds, from its event's <c>CL_PROFILING_COMMAND_START</c> and
        /// <c>CL_PROFILING_COMMAND_END</c>; waits for that launch to finish the first time it is read. NaN when the
        /// context was created without profiling or nothing was launched yet.
        /// </summary>
        /// <exception cref="OpenClException">The driver failed to report the timing.</exception>
        public double LastLaunchMilliseconds
        {
            get
            {
                if (_lastEvent != 0)
                {
                    nint evt = _lastEvent;
                    _lastEvent = 0;
                    try
                    {
                        ulong start, end;
                        OpenClException.Check(OpenClNative.clWaitForEvents(1, &evt), "clWaitForEvents");
                        OpenClException.Check(OpenClNative.clGetEventProfilingInfo(evt, OpenClNative.ProfilingCommandStart, sizeof(ulong), &start, null), "clGetEventProfilingInfo");
                        OpenClException.Check(OpenClNative.clGetEventProfilingInfo(evt, OpenClNative.ProfilingCommandEnd, sizeof(ulong), &end, null), "clGetEventProfilingInfo");
                        _lastMilliseconds = end >= start ? (end - start) / 1e6 : 0.0;
                    }
                    finally
                    {
                        OpenClNative.clReleaseEvent(evt);
                    }
                }
                return _lastMilliseconds;
            }
        }

        /// <summary>Sets argument <paramref name="index"/> (a <c>__global float*</c> or <c>__global int*</c>) to <paramref name="buffer"/>.</summary>
        /// <exception cref="OpenClException"><c>clSetKernelArg</c> failed, e.g. <c>CL_INVALID_ARG_INDEX</c>.</exception>
        public void SetArg(int index, OpenClBuffer buffer)
        {
            ArgumentNullException.ThrowIfNull(buffer);
            buffer.ThrowIfDisposed();
            nint memory = buffer.Handle;
            Set(index, (nuint)sizeof(nint), &memory);
            GC.KeepAlive(buffer);
        }

        /// <summary>Sets argument <paramref name="index"/> (an <c>int</c>) to <paramref name="value"/>.</summary>
        /// <exception cref="OpenClException"><c>clSetKernelArg</c> failed.</exception>
        public void SetArg(int index, int value) => Set(index, sizeof(int), &value);

        /// <summary>Sets argument <paramref name="index"/> (a <c>ulong</c>, 64 bits in OpenCL C) to <paramref name="value"/>.</summary>
        /// <exception cref="OpenClException"><c>clSetKernelArg</c> failed.</exception>
        public void SetArg(int index, ulong value) => Set(index, sizeof(ulong), &value);

        /// <summary>Sets argument <paramref name="index"/> (a <c>float</c>) to <paramref name="value"/>.</summary>
        /// <exception cref="OpenClException"><c>clSetKernelArg</c> failed.</exception>
        public void SetArg(int index, float value) => Set(index, sizeof(float), &value);

        /// <summary>Sets argument <paramref name="index"/> (a <c>float8</c>, passed by value) to <paramref name="value"/>.</summary>
        /// <exception cref="OpenClException"><c>clSetKernelArg</c> failed.</exception>
        public void SetArg(int index, System.Runtime.Intrinsics.Vector256<float> value) => Set(index, (nuint)sizeof(System.Runtime.Intrinsics.Vector256<float>), &value);

        /// <summary>
        /// Sets argument <paramref name="index"/> (a <c>__local</c> pointer) to <paramref name="bytes"/> bytes of
        /// work-group local memory, allocated by the device for each work-group.
        /// </summary>
        /// <exception cref="OpenClException"><c>clSetKernelArg</c> failed, e.g. more than the device's local memory.</exception>
        public void SetLocalArg(int index, long bytes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
            Set(index, (nuint)bytes, null);
        }

        /// <summary>
        /// Enqueues a 1-D launch of <paramref name="globalSize"/> work-items in work-groups of
        /// <paramref name="localSize"/> (0: the driver chooses). Before OpenCL 2.0 the global size must be a multiple of
        /// a non-zero local size.
        /// </summary>
        /// <exception cref="OpenClException"><c>clEnqueueNDRangeKernel</c> failed, e.g. <c>CL_INVALID_WORK_GROUP_SIZE</c>.</exception>
        public void Launch(long globalSize, long localSize = 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(globalSize, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(localSize);
            nuint global = (nuint)globalSize;
            nuint local = (nuint)localSize;
            Enqueue(1, &global, localSize == 0 ? null : &local);
        }

        /// <summary>
        /// Enqueues a 2-D launch of <paramref name="global0"/> × <paramref name="global1"/> work-items (dimension 0 is
        /// <c>get_global_id(0)</c>) in work-groups of <paramref name="local0"/> × <paramref name="local1"/>; both local
        /// sizes 0: the driver chooses.
        /// </summary>
        /// <exception cref="OpenClException"><c>clEnqueueNDRangeKernel</c> failed, e.g. <c>CL_INVALID_WORK_GROUP_SIZE</c>.</exception>
        public void Launch(long global0, long global1, long local0, long local1)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(global0, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(global1, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(local0);
            ArgumentOutOfRangeException.ThrowIfNegative(local1);
            if ((local0 == 0) != (local1 == 0)) ThrowHalfLocalSize();
            nuint* global = stackalloc nuint[2] { (nuint)global0, (nuint)global1 };
            nuint* local = stackalloc nuint[2] { (nuint)local0, (nuint)local1 };
            Enqueue(2, global, local0 == 0 ? null : local);
        }

        /// <summary>Releases the kernel (a launch already enqueued still runs).</summary>
        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        private void Set(int index, nuint size, void* value)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            OpenClException.Check(OpenClNative.clSetKernelArg(_handle, (uint)index, size, value), "clSetKernelArg");
            GC.KeepAlive(this); // no finalizer may release the kernel during the call
        }

        private void Enqueue(uint dimensions, nuint* global, nuint* local)
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            _context.ThrowIfDisposed();
            if (!_context.Profiling)
            {
                OpenClException.Check(
                    OpenClNative.clEnqueueNDRangeKernel(_context.Queue, _handle, dimensions, null, global, local, 0, null, null),
                    "clEnqueueNDRangeKernel");
                GC.KeepAlive(this);
                return;
            }

            // Keep only the newest launch's event; it is read (and released) when LastLaunchMilliseconds is.
            ReleaseLastEvent();
            _lastMilliseconds = double.NaN;
            nint evt;
            OpenClException.Check(
                OpenClNative.clEnqueueNDRangeKernel(_context.Queue, _handle, dimensions, null, global, local, 0, null, &evt),
                "clEnqueueNDRangeKernel");
            _lastEvent = evt;
            GC.KeepAlive(this);
        }

        private void ReleaseLastEvent()
        {
            if (_lastEvent == 0) return;
            OpenClNative.clReleaseEvent(_lastEvent);
            _lastEvent = 0;
        }

        private void Release()
        {
            ReleaseLastEvent();
            if (_handle == 0) return;
            OpenClNative.clReleaseKernel(_handle);
            _handle = 0;
        }

        private static void ThrowHalfLocalSize() =>
            throw new ArgumentException("Give both local sizes, or neither (0, 0) to let the driver choose.");
    }
}
