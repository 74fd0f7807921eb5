using System.Runtime.InteropServices;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// The OpenCL entry points ModelGen calls, bound straight to the ICD loader (<c>libOpenCL.so.1</c>, Debian's
    /// <c>ocl-icd-libopencl1</c>). Every signature is blittable: handles are <see cref="nint"/>, <c>size_t</c> is
    /// <see cref="nuint"/>, <c>cl_uint</c>/<c>cl_bool</c> are <see cref="uint"/>, bitfields and <c>cl_ulong</c> are
    /// <see cref="ulong"/>, strings are NUL-terminated UTF-8 <c>byte*</c>. Nothing is marshalled, so the calls are
    /// trimming- and AOT-safe and allocate nothing. Every call returning a <c>cl_int</c> goes through
    /// <see cref="OpenClException.Check(int, string)"/>.
    /// </summary>
    internal static unsafe class OpenClNative
    {
        /// <summary>The ICD loader's soname (the unversioned <c>libOpenCL.so</c> only ships in the -dev package).</summary>
        public const string Library = "libOpenCL.so.1";

        // ---- constants (values from the Khronos CL/cl.h) ----

        public const int Success = 0;
        public const int DeviceNotFound = -1;
        public const int PlatformNotFoundKhr = -1001;
        public const uint True = 1;

        public const uint PlatformVersion = 0x0901;
        public const uint PlatformName = 0x0902;

        public const ulong DeviceTypeCpu = 1 << 1;
        public const ulong DeviceTypeGpu = 1 << 2;
        public const ulong DeviceTypeAccelerator = 1 << 3;
        public const ulong DeviceTypeAll = 0xFFFFFFFF;

        public const uint DeviceType = 0x1000;
        public const uint DeviceMaxComputeUnits = 0x1002;
        public const uint DeviceMaxWorkGroupSize = 0x1004;
        public const uint DeviceGlobalMemSize = 0x101F;
        public const uint DeviceLocalMemSize = 0x1023;
        public const uint DeviceName = 0x102B;
        public const uint DeviceVendor = 0x102C;
        public const uint DriverVersion = 0x102D;
        public const uint DeviceVersion = 0x102F;
        public const uint DeviceOpenClCVersion = 0x103D;

        public const nint ContextPlatform = 0x1084;
        public const ulong QueueProperties = 0x1093;
        public const ulong QueueProfilingEnable = 1 << 1;

        public const ulong MemReadWrite = 1 << 0;

        public const uint ProgramNumDevices = 0x1162;
        public const uint ProgramBinarySizes = 0x1165;
        public const uint ProgramBinaries = 0x1166;
        public const uint ProgramBuildLog = 0x1183;

        public const uint ProfilingCommandStart = 0x1282;
        public const uint ProfilingCommandEnd = 0x1283;

        // ---- platforms and devices ----

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clGetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clGetPlatformInfo(nint platform, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clGetDeviceInfo(nint device, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

        // ---- context and queue ----

        [DllImport(Library, ExactSpelling = true)]
        public static extern nint clCreateContext(nint* properties, uint numDevices, nint* devices, nint pfnNotify, void* userData, int* errcodeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clReleaseContext(nint context);

        [DllImport(Library, ExactSpelling = true)]
        public static extern nint clCreateCommandQueueWithProperties(nint context, nint device, ulong* properties, int* errcodeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern nint clCreateCommandQueue(nint context, nint device, ulong properties, int* errcodeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clReleaseCommandQueue(nint queue);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clFinish(nint queue);

        [DllImport(Library)]
        public static extern int clFlush(nint queue);

        // ---- buffers ----

        [DllImport(Library, ExactSpelling = true)]
        public static extern nint clCreateBuffer(nint context, ulong flags, nuint size, void* hostPtr, int* errcodeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clReleaseMemObject(nint memObject);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clEnqueueFillBuffer(nint queue, nint buffer, void* pattern, nuint patternSize, nuint offset, nuint size, uint numEventsInWaitList, nint* eventWaitList, nint* evt);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clEnqueueWriteBuffer(nint queue, nint buffer, uint blockingWrite, nuint offset, nuint size, void* ptr, uint numEventsInWaitList, nint* eventWaitList, nint* evt);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clEnqueueReadBuffer(nint queue, nint buffer, uint blockingRead, nuint offset, nuint size, void* ptr, uint numEventsInWaitList, nint* eventWaitList, nint* evt);

        // ---- programs and kernels ----

        [DllImport(Library, ExactSpelling = true)]
        public static extern nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* errcodeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern nint clCreateProgramWithBinary(nint context, uint numDevices, nint* deviceList, nuint* lengths, byte** binaries, int* binaryStatus, int* errcodeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clBuildProgram(nint program, uint numDevices, nint* deviceList, byte* options, nint pfnNotify, void* userData);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clGetProgramBuildInfo(nint program, nint device, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clGetProgramInfo(nint program, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clReleaseProgram(nint program);

        [DllImport(Library, ExactSpelling = true)]
        public static extern nint clCreateKernel(nint program, byte* kernelName, int* errcodeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clReleaseKernel(nint kernel);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clSetKernelArg(nint kernel, uint argIndex, nuint argSize, void* argValue);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clEnqueueNDRangeKernel(nint queue, nint kernel, uint workDim, nuint* globalWorkOffset, nuint* globalWorkSize, nuint* localWorkSize, uint numEventsInWaitList, nint* eventWaitList, nint* evt);

        // ---- events ----

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clWaitForEvents(uint numEvents, nint* eventList);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clGetEventProfilingInfo(nint evt, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

        [DllImport(Library, ExactSpelling = true)]
        public static extern int clReleaseEvent(nint evt);
    }
}
