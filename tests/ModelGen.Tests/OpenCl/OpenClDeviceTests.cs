using System;
using System.Collections.Generic;
using ModelGen.OpenCl;
using Xunit;

namespace ModelGen.Tests.OpenCl
{
    /// <summary>Device enumeration and MODELGEN_OPENCL_DEVICE selection.</summary>
    [Collection(OpenClCollection.Name)]
    public class OpenClDeviceTests
    {
        private const string DeviceVariable = "MODELGEN_OPENCL_DEVICE";

        [Fact]
        public void Machine_HasAnOpenClDevice()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            Assert.NotEmpty(OpenClDevices.All());
        }

        [Fact]
        public void All_DescribesEveryDevice()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            foreach (OpenClDeviceInfo device in OpenClDevices.All())
            {
                Assert.False(string.IsNullOrWhiteSpace(device.Platform));
                Assert.False(string.IsNullOrWhiteSpace(device.Name));
                Assert.False(string.IsNullOrWhiteSpace(device.Vendor));
                Assert.StartsWith("OpenCL ", device.Version, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(device.DriverVersion));
                Assert.True(device.GlobalMemoryBytes > 0, device.ToString());
                Assert.True(device.LocalMemoryBytes > 0, device.ToString());
                Assert.True(device.ComputeUnits > 0, device.ToString());
                Assert.True(device.MaxWorkGroupSize > 0, device.ToString());
                Assert.Contains(device.Name, device.ToString(), StringComparison.Ordinal);
                Assert.Contains(device.Platform, device.ToString(), StringComparison.Ordinal);
            }
        }

        [Fact]
        public void All_IsReadOnce()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            Assert.Same(OpenClDevices.All(), OpenClDevices.All());
        }

        [Fact]
        public void Default_WithoutVariable_PrefersTheFirstGpu()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            IReadOnlyList<OpenClDeviceInfo> all = OpenClDevices.All();
            OpenClDeviceInfo expected = FirstGpuOrFirst(all);
            using (new EnvironmentScope(DeviceVariable, null))
            {
                Assert.Same(expected, OpenClDevices.Default());
            }
        }

        [Fact]
        public void Default_WithIndex_PicksThatDevice()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            IReadOnlyList<OpenClDeviceInfo> all = OpenClDevices.All();
            using (new EnvironmentScope(DeviceVariable, (all.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                Assert.Same(all[all.Count - 1], OpenClDevices.Default());
            }
        }

        [Fact]
        public void Default_WithPartOfThePlatformName_IgnoringCase_PicksItsFirstDevice()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            OpenClDeviceInfo last = OpenClDevices.All()[^1];
            string part = last.Platform.Substring(0, Math.Min(6, last.Platform.Length)).ToUpperInvariant();
            OpenClDeviceInfo expected = FirstWhere(OpenClDevices.All(), d =>
                d.Name.Contains(part, StringComparison.OrdinalIgnoreCase) || d.Platform.Contains(part, StringComparison.OrdinalIgnoreCase));
            using (new EnvironmentScope(DeviceVariable, part))
            {
                Assert.Same(expected, OpenClDevices.Default());
            }
        }

        [Fact]
        public void Default_WithPartOfTheDeviceName_PicksThatDevice()
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            OpenClDeviceInfo first = OpenClDevices.All()[0];
            using (new EnvironmentScope(DeviceVariable, first.Name.ToLowerInvariant()))
            {
                Assert.Same(first, OpenClDevices.Default());
            }
        }

        [Theory]
        [InlineData("no-such-device-anywhere")]
        [InlineData("999")]
        public void Default_WithNoMatch_ThrowsListingTheDevices(string selector)
        {
            Assert.True(OpenClDevices.IsAvailable, OpenClFixture.InstallMessage);
            using (new EnvironmentScope(DeviceVariable, selector))
            {
                var error = Assert.Throws<InvalidOperationException>(() => OpenClDevices.Default());
                Assert.Contains(DeviceVariable, error.Message, StringComparison.Ordinal);
                Assert.Contains(selector, error.Message, StringComparison.Ordinal);
                foreach (OpenClDeviceInfo device in OpenClDevices.All())
                {
                    Assert.Contains(device.Name, error.Message, StringComparison.Ordinal);
                }
            }
        }

        private static OpenClDeviceInfo FirstGpuOrFirst(IReadOnlyList<OpenClDeviceInfo> all) =>
            FirstWhere(all, d => d.IsGpu, fallback: all[0]);

        private static OpenClDeviceInfo FirstWhere(IReadOnlyList<OpenClDeviceInfo> all, Func<OpenClDeviceInfo, bool> predicate, OpenClDeviceInfo? fallback = null)
        {
            foreach (OpenClDeviceInfo device in all)
            {
                if (predicate(device)) return device;
            }
            return fallback ?? throw new InvalidOperationException("No device matches.");
        }
    }
}
