using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// The OpenCL devices of this machine, and the one ModelGen uses by default. The list is read once per process.
    /// </summary>
    /// <remarks>
    /// Needs the ICD loader <c>libOpenCL.so.1</c> and at least one driver registered under <c>/etc/OpenCL/vendors</c>;
    /// on Debian or Ubuntu <c>apt-get install ocl-icd-libopencl1 pocl-opencl-icd</c> gives a CPU device (PoCL) on any
    /// machine. Choose a device with the environment variable <c>MODELGEN_OPENCL_DEVICE</c> (see <see cref="Default"/>).
    /// </remarks>
    public static unsafe class OpenClDevices
    {
        /// <summary>The environment variable that picks <see cref="Default"/>'s device.</summary>
        internal const string DeviceVariable = "MODELGEN_OPENCL_DEVICE";

        private const string InstallHint =
            "Install the OpenCL ICD loader and a driver: on Debian or Ubuntu 'apt-get install ocl-icd-libopencl1 " +
            "pocl-opencl-icd' (PoCL, a CPU device), or your GPU vendor's OpenCL driver.";

        private static readonly object Gate = new();
        private static IReadOnlyList<OpenClDeviceInfo>? s_devices;
        private static string s_whyNone = "";

        /// <summary>
        /// True when OpenCL can be used: the loader <c>libOpenCL.so.1</c> loads and reports at least one device. Never
        /// throws: a missing library, no platform or a failing driver all read as false.
        /// </summary>
        public static bool IsAvailable
        {
            get
            {
                try
                {
                    return All().Count > 0;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }

        /// <summary>
        /// Every device of every platform, platform by platform in the loader's order. Empty (not an exception) when
        /// <c>libOpenCL.so.1</c> is missing or no platform is installed; a platform whose devices cannot be listed is
        /// skipped.
        /// </summary>
        /// <exception cref="OpenClException">Listing the platforms failed for another reason than there being none.</exception>
        public static IReadOnlyList<OpenClDeviceInfo> All()
        {
            lock (Gate)
            {
                return s_devices ??= Enumerate(out s_whyNone);
            }
        }

        /// <summary>
        /// The device ModelGen runs on. The environment variable <c>MODELGEN_OPENCL_DEVICE</c>, when set, is either an
        /// index into <see cref="All"/> or a case-insensitive part of a device's or platform's name (the first match
        /// wins); otherwise the first GPU, otherwise the first device.
        /// </summary>
        /// <exception cref="InvalidOperationException">
        /// There is no OpenCL device, or <c>MODELGEN_OPENCL_DEVICE</c> matches none (the message lists the devices).
        /// </exception>
        public static OpenClDeviceInfo Default() => Select(All(), Environment.GetEnvironmentVariable(DeviceVariable));

        /// <summary><see cref="Default"/>'s rule applied to <paramref name="devices"/> and <paramref name="selector"/>.</summary>
        internal static OpenClDeviceInfo Select(IReadOnlyList<OpenClDeviceInfo> devices, string? selector)
        {
            if (devices.Count == 0)
            {
                throw new InvalidOperationException($"No OpenCL device found: {s_whyNone} {InstallHint}".TrimEnd());
            }

            selector = selector?.Trim();
            if (string.IsNullOrEmpty(selector))
            {
                foreach (OpenClDeviceInfo device in devices)
                {
                    if (device.IsGpu) return device;
                }
                return devices[0];
            }

            if (int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                if (index < devices.Count) return devices[index];
                throw NoMatch(devices, selector, $"there is no device {index}");
            }

            foreach (OpenClDeviceInfo device in devices)
            {
                if (device.Name.Contains(selector, StringComparison.OrdinalIgnoreCase)
                    || device.Platform.Contains(selector, StringComparison.OrdinalIgnoreCase))
                {
                    return device;
                }
            }
            throw NoMatch(devices, selector, "no device or platform name contains it");
        }

        private static InvalidOperationException NoMatch(IReadOnlyList<OpenClDeviceInfo> devices, string selector, string why)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{DeviceVariable}='{selector}' selects no OpenCL device: {why}. ");
            message.Append("Set it to an index or to part of a device or platform name. The devices are:");
            for (int i = 0; i < devices.Count; i++)
            {
                message.AppendLine().Append(CultureInfo.InvariantCulture, $"  [{i}] {devices[i]}");
            }
            return new InvalidOperationException(message.ToString());
        }

        private static IReadOnlyList<OpenClDeviceInfo> Enumerate(out string whyNone)
        {
            var devices = new List<OpenClDeviceInfo>();
            var skipped = new StringBuilder();
            uint platformCount;
            int error;
            try
            {
                error = OpenClNative.clGetPlatformIDs(0, null, &platformCount);
            }
            catch (DllNotFoundException)
            {
                whyNone = $"the OpenCL loader {OpenClNative.Library} could not be loaded.";
                return devices;
            }
            if (error == OpenClNative.PlatformNotFoundKhr || (error == OpenClNative.Success && platformCount == 0))
            {
                whyNone = "no OpenCL platform is installed (no driver registered under /etc/OpenCL/vendors).";
                return devices;
            }
            OpenClException.Check(error, "clGetPlatformIDs");

            var platforms = new nint[platformCount];
            fixed (nint* p = platforms)
            {
                OpenClException.Check(OpenClNative.clGetPlatformIDs(platformCount, p, &platformCount), "clGetPlatformIDs");
            }

            foreach (nint platform in platforms)
            {
                string platformName = PlatformString(platform, OpenClNative.PlatformName);
                string platformVersion = PlatformString(platform, OpenClNative.PlatformVersion);
                uint deviceCount;
                error = OpenClNative.clGetDeviceIDs(platform, OpenClNative.DeviceTypeAll, 0, null, &deviceCount);
                if (error != OpenClNative.Success || deviceCount == 0)
                {
                    skipped.Append(CultureInfo.InvariantCulture, $" Platform '{platformName}': clGetDeviceIDs gave {OpenClErrorNames.Of(error)} ({error}).");
                    continue;
                }

                var handles = new nint[deviceCount];
                fixed (nint* d = handles)
                {
                    OpenClException.Check(OpenClNative.clGetDeviceIDs(platform, OpenClNative.DeviceTypeAll, deviceCount, d, &deviceCount), "clGetDeviceIDs");
                }
                foreach (nint device in handles)
                {
                    devices.Add(new OpenClDeviceInfo(
                        platform,
                        device,
                        platformName,
                        platformVersion,
                        DeviceString(device, OpenClNative.DeviceName),
                        DeviceString(device, OpenClNative.DeviceVendor),
                        DeviceString(device, OpenClNative.DeviceVersion),
                        DeviceString(device, OpenClNative.DriverVersion),
                        DeviceString(device, OpenClNative.DeviceOpenClCVersion),
                        DeviceValue<ulong>(device, OpenClNative.DeviceType),
                        (long)Math.Min(DeviceValue<ulong>(device, OpenClNative.DeviceGlobalMemSize), long.MaxValue),
                        (long)Math.Min(DeviceValue<ulong>(device, OpenClNative.DeviceLocalMemSize), long.MaxValue),
                        (int)Math.Min(DeviceValue<uint>(device, OpenClNative.DeviceMaxComputeUnits), int.MaxValue),
                        (int)Math.Min(DeviceValue<nuint>(device, OpenClNative.DeviceMaxWorkGroupSize), int.MaxValue)));
                }
            }

            whyNone = devices.Count == 0 ? $"no platform reported a device.{skipped}" : "";
            return devices;
        }

        private static string PlatformString(nint platform, uint param)
        {
            nuint size;
            OpenClException.Check(OpenClNative.clGetPlatformInfo(platform, param, 0, null, &size), "clGetPlatformInfo");
            var bytes = new byte[size];
            fixed (byte* b = bytes)
            {
                OpenClException.Check(OpenClNative.clGetPlatformInfo(platform, param, size, b, null), "clGetPlatformInfo");
            }
            return DecodeString(bytes);
        }

        private static string DeviceString(nint device, uint param)
        {
            nuint size;
            OpenClException.Check(OpenClNative.clGetDeviceInfo(device, param, 0, null, &size), "clGetDeviceInfo");
            var bytes = new byte[size];
            fixed (byte* b = bytes)
            {
                OpenClException.Check(OpenClNative.clGetDeviceInfo(device, param, size, b, null), "clGetDeviceInfo");
            }
            return DecodeString(bytes);
        }

        private static T DeviceValue<T>(nint device, uint param)
            where T : unmanaged
        {
            T value = default;
            OpenClException.Check(OpenClNative.clGetDeviceInfo(device, param, (nuint)sizeof(T), &value, null), "clGetDeviceInfo");
            return value;
        }

        /// <summary>A NUL-terminated UTF-8 answer as a string, without the NUL and the padding some drivers add.</summary>
        internal static string DecodeString(ReadOnlySpan<byte> bytes)
        {
            int end = bytes.IndexOf((byte)0);
            if (end >= 0) bytes = bytes.Slice(0, end);
            return Encoding.UTF8.GetString(bytes).Trim();
        }
    }
}
