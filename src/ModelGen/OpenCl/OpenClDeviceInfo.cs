using System;
using System.Globalization;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// One OpenCL device as the driver describes it: plain, immutable data read once by <see cref="OpenClDevices.All"/>,
    /// plus the platform and device handles an <see cref="OpenClContext"/> is created on.
    /// </summary>
    public sealed class OpenClDeviceInfo
    {
        internal OpenClDeviceInfo(
            nint platformHandle, nint deviceHandle, string platform, string platformVersion, string name, string vendor,
            string version, string driverVersion, string openClCVersion, ulong deviceType, long globalMemoryBytes,
            long localMemoryBytes, int computeUnits, int maxWorkGroupSize)
        {
            PlatformHandle = platformHandle;
            DeviceHandle = deviceHandle;
            Platform = platform;
            PlatformVersion = platformVersion;
            Name = name;
            Vendor = vendor;
            Version = version;
            DriverVersion = driverVersion;
            OpenClCVersion = openClCVersion;
            DeviceType = deviceType;
            GlobalMemoryBytes = globalMemoryBytes;
            LocalMemoryBytes = localMemoryBytes;
            ComputeUnits = computeUnits;
            MaxWorkGroupSize = maxWorkGroupSize;
        }

        /// <summary>The platform's name (<c>CL_PLATFORM_NAME</c>), e.g. <c>Portable Computing Language</c>.</summary>
        public string Platform { get; }

        /// <summary>The device's name (<c>CL_DEVICE_NAME</c>).</summary>
        public string Name { get; }

        /// <summary>The device's vendor (<c>CL_DEVICE_VENDOR</c>).</summary>
        public string Vendor { get; }

        /// <summary>The OpenCL version the device supports (<c>CL_DEVICE_VERSION</c>), e.g. <c>OpenCL 3.0 ...</c>.</summary>
        public string Version { get; }

        /// <summary>The driver's version (<c>CL_DRIVER_VERSION</c>).</summary>
        public string DriverVersion { get; }

        /// <summary>True for a GPU (<c>CL_DEVICE_TYPE_GPU</c>).</summary>
        public bool IsGpu => (DeviceType & OpenClNative.DeviceTypeGpu) != 0;

        /// <summary>Global memory in bytes (<c>CL_DEVICE_GLOBAL_MEM_SIZE</c>).</summary>
        public long GlobalMemoryBytes { get; }

        /// <summary>Local (work-group shared) memory in bytes (<c>CL_DEVICE_LOCAL_MEM_SIZE</c>).</summary>
        public long LocalMemoryBytes { get; }

        /// <summary>Parallel compute units (<c>CL_DEVICE_MAX_COMPUTE_UNITS</c>).</summary>
        public int ComputeUnits { get; }

        /// <summary>The most work-items in one work-group (<c>CL_DEVICE_MAX_WORK_GROUP_SIZE</c>).</summary>
        public int MaxWorkGroupSize { get; }

        internal nint PlatformHandle { get; }
        internal nint DeviceHandle { get; }
        internal string PlatformVersion { get; }
        internal string OpenClCVersion { get; }
        internal ulong DeviceType { get; }

        /// <summary>The major and minor version of "OpenCL X.Y ..." (the platform or device version string); (1, 0) when unreadable.</summary>
        internal static (int Major, int Minor) ParseVersion(string version)
        {
            // "OpenCL<space><major>.<minor><space><vendor-specific>", required by the specification.
            const string Prefix = "OpenCL ";
            if (!version.StartsWith(Prefix, StringComparison.Ordinal)) return (1, 0);
            string rest = version.Substring(Prefix.Length);
            int dot = rest.IndexOf('.');
            if (dot <= 0) return (1, 0);
            int end = dot + 1;
            while (end < rest.Length && char.IsAsciiDigit(rest[end])) end++;
            if (!int.TryParse(rest.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int major)) return (1, 0);
            if (!int.TryParse(rest.AsSpan(dot + 1, end - dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int minor)) return (1, 0);
            return (major, minor);
        }

        /// <summary>The platform's OpenCL version, which decides which queue-creation call exists.</summary>
        internal (int Major, int Minor) PlatformVersionNumber => ParseVersion(PlatformVersion);

        /// <summary>The device's OpenCL version, which decides e.g. whether <c>clEnqueueFillBuffer</c> (1.2) exists.</summary>
        internal (int Major, int Minor) DeviceVersionNumber => ParseVersion(Version);

        /// <summary>One line: name, platform, kind, compute units and memory, e.g. for a device list in an error message.</summary>
        public override string ToString()
        {
            string kind = IsGpu ? "GPU"
                : (DeviceType & OpenClNative.DeviceTypeCpu) != 0 ? "CPU"
                : (DeviceType & OpenClNative.DeviceTypeAccelerator) != 0 ? "accelerator"
                : "device";
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{Name} ({Platform}; {kind}, {ComputeUnits} compute units, {GlobalMemoryBytes >> 20} MiB; {Version}; driver {DriverVersion})");
        }
    }
}
