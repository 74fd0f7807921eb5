using System;
using System.Diagnostics.CodeAnalysis;

namespace ModelGen.OpenCl
{
    /// <summary>
    /// An OpenCL call returned an error. The message names the call, the symbolic error and its code, for example
    /// <c>clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)</c>, followed by the compiler's build log when a
    /// program failed to build.
    /// </summary>
    public sealed class OpenClException : Exception
    {
        /// <summary>Creates the exception for <paramref name="call"/> returning <paramref name="errorCode"/>.</summary>
        /// <param name="call">The OpenCL function that failed, e.g. <c>clBuildProgram</c>.</param>
        /// <param name="errorCode">The <c>cl_int</c> it returned.</param>
        /// <param name="detail">More context appended to the message on its own lines (a kernel name), or null.</param>
        /// <param name="buildLog">The compiler's build log, for build failures; null otherwise.</param>
        internal OpenClException(string call, int errorCode, string? detail = null, string? buildLog = null)
            : base(FormatMessage(call, errorCode, detail, buildLog))
        {
            Call = call;
            ErrorCode = errorCode;
            ErrorName = OpenClErrorNames.Of(errorCode);
            BuildLog = buildLog;
        }

        /// <summary>The OpenCL function that failed, e.g. <c>clBuildProgram</c>.</summary>
        public string Call { get; }

        /// <summary>The error code it returned, e.g. -11.</summary>
        public int ErrorCode { get; }

        /// <summary>The symbolic name of <see cref="ErrorCode"/>, e.g. <c>CL_BUILD_PROGRAM_FAILURE</c>.</summary>
        public string ErrorName { get; }

        /// <summary>The compiler's build log when a program failed to build; null for other failures.</summary>
        public string? BuildLog { get; }

        /// <summary>Throws an <see cref="OpenClException"/> for <paramref name="call"/> unless <paramref name="errorCode"/> is <c>CL_SUCCESS</c>.</summary>
        internal static void Check(int errorCode, string call)
        {
            if (errorCode != OpenClNative.Success) Throw(call, errorCode);
        }

        /// <summary>Kept out of line so the checks on the hot paths stay a compare and a branch.</summary>
        [DoesNotReturn]
        internal static void Throw(string call, int errorCode) => throw new OpenClException(call, errorCode);

        private static string FormatMessage(string call, int errorCode, string? detail, string? buildLog)
        {
            string message = $"{call} failed: {OpenClErrorNames.Of(errorCode)} ({errorCode})";
            if (!string.IsNullOrEmpty(detail)) message += Environment.NewLine + detail;
            if (buildLog is not null) message += Environment.NewLine + "Build log:" + Environment.NewLine + buildLog;
            return message;
        }
    }
}
