using System.Runtime.InteropServices;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;

namespace HookGuard.Venv;

/// <summary>
/// The PEP 508 marker environment of a venv's interpreter, without running it: the Python version comes from
/// <c>pyvenv.cfg</c>, the platform from the machine HookGuard runs on (the venv runs on the same machine).
/// </summary>
internal static class VenvMarkerEnvironment
{
    public static MarkerEnvironment Of(PyvenvConfig config, (int Major, int Minor) python)
    {
        var fullVersion = FullVersion(config.PythonVersion, python);
        var isPyPy = string.Equals(config.Implementation, "PyPy", StringComparison.OrdinalIgnoreCase);
        var (release, version) = KernelReleaseAndVersion();
        return new MarkerEnvironment(
            PythonVersion: $"{python.Major}.{python.Minor}",
            PythonFullVersion: fullVersion,
            OsName: OperatingSystem.IsWindows() ? "nt" : "posix",
            SysPlatform: OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux",
            PlatformSystem: OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "Darwin" : OperatingSystem.IsFreeBSD() ? "FreeBSD" : "Linux",
            PlatformMachine: Machine(),
            PlatformRelease: release,
            PlatformVersion: version,
            PlatformPythonImplementation: isPyPy ? "PyPy" : "CPython",
            ImplementationName: isPyPy ? "pypy" : "cpython",
            // For CPython implementation_version equals python_full_version; PyPy's own version is not in pyvenv.cfg.
            ImplementationVersion: fullVersion);
    }

    /// <summary>"3.11.7" from "3.11.7" (venv) or "3.11.7.final.0" (virtualenv's version_info).</summary>
    private static string FullVersion(string? configured, (int Major, int Minor) python)
    {
        if (configured is null) return $"{python.Major}.{python.Minor}";
        var parts = configured.Split('.');
        return parts.Length >= 3 && parts[2].All(char.IsAsciiDigit) ? string.Join('.', parts[..3]) : configured;
    }

    /// <summary>platform.machine(): uname -m on POSIX ("x86_64", "aarch64"; "arm64" on macOS), "AMD64"/"ARM64" on Windows.</summary>
    private static string Machine() => (RuntimeInformation.OSArchitecture, OperatingSystem.IsWindows(), OperatingSystem.IsMacOS()) switch
    {
        (Architecture.X64, true, _) => "AMD64",
        (Architecture.Arm64, true, _) => "ARM64",
        (Architecture.X86, true, _) => "x86",
        (Architecture.X64, false, _) => "x86_64",
        (Architecture.Arm64, false, true) => "arm64",
        (Architecture.Arm64, false, false) => "aarch64",
        (Architecture.X86, false, _) => "i686",
        (var other, _, _) => other.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// platform.release() and platform.version(): on Linux/macOS .NET's OSDescription is "sysname release version"
    /// from uname(2); on Windows the closest is the OS version number.
    /// </summary>
    private static (string Release, string Version) KernelReleaseAndVersion()
    {
        if (OperatingSystem.IsWindows())
            return (Environment.OSVersion.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture), Environment.OSVersion.Version.ToString());
        var parts = RuntimeInformation.OSDescription.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            >= 3 => (parts[1], parts[2]),
            2 => (parts[1], ""),
            _ => ("", ""),
        };
    }
}
