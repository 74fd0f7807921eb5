using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// Compiled program binaries on disk, so a program is compiled once per device, driver, options and source rather
    /// than once per process. One file per program, named by the SHA-256 of all five. The cache is an optimization
    /// only: a file that cannot be read, written or loaded means a build from source, never an error.
    /// </summary>
    internal static class OpenClProgramCache
    {
        /// <summary>The environment variable naming the cache directory; the value <c>off</c> disables the cache.</summary>
        public const string DirectoryVariable = "MODELGEN_OPENCL_CACHE";

        /// <summary>
        /// The cache directory: <c>MODELGEN_OPENCL_CACHE</c> (null when it is <c>off</c>), else
        /// <c>$XDG_CACHE_HOME/modelgen/opencl</c>, else <c>~/.cache/modelgen/opencl</c>; null when there is no home either.
        /// </summary>
        public static string? DefaultDirectory()
        {
            string? configured = Environment.GetEnvironmentVariable(DirectoryVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return string.Equals(configured.Trim(), "off", StringComparison.OrdinalIgnoreCase) ? null : configured;
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg)) return Path.Combine(xdg, "modelgen", "opencl");

            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "modelgen", "opencl");
        }

        /// <summary>The cache file for this device, options and source: <c>{directory}/{sha256}.bin</c>.</summary>
        public static string PathFor(string directory, OpenClDeviceInfo device, string options, string source)
        {
            // Each field is length-prefixed, so no two different tuples hash the same bytes.
            var key = new StringBuilder();
            foreach (string field in new[] { device.Name, device.Version, device.DriverVersion, options, source })
            {
                key.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
            }
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString()));
            return Path.Combine(directory, Convert.ToHexString(hash).ToLowerInvariant() + ".bin");
        }

        /// <summary>The cached binary, or null when there is none or it cannot be read.</summary>
        public static byte[]? TryRead(string path)
        {
            try
            {
                return File.Exists(path) ? File.ReadAllBytes(path) : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>
        /// Writes <paramref name="binary"/> to <paramref name="path"/> atomically: to a temporary file in the same
        /// directory, then renamed over the target, so a concurrent reader sees the old file or the new one, never half.
        /// Failures (read-only disk, no permission) are ignored.
        /// </summary>
        public static void TryWrite(string path, byte[] binary)
        {
            string temporary = $"{path}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(temporary, binary);
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TryDelete(temporary);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: a stray temporary file is harmless.
            }
        }
    }
}
