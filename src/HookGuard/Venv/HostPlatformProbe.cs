using System.Runtime.InteropServices;
using HookGuard.Core.Installed;

namespace HookGuard.Venv;

/// <summary>The machine HookGuard runs on, spelled as Python's <c>os</c>, <c>sys</c> and <c>platform</c> modules spell it.</summary>
internal static class HostPlatformProbe
{
    public static HostPlatform Current { get; } = Probe();

    private static HostPlatform Probe()
    {
        var (release, version) = KernelReleaseAndVersion();
        return new HostPlatform(
            OsName: OperatingSystem.IsWindows() ? "nt" : "posix",
            SysPlatform: OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux",
            PlatformSystem: OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "Darwin" : OperatingSystem.IsFreeBSD() ? "FreeBSD" : "Linux",
            PlatformMachine: Machine(),
            PlatformRelease: release,
            PlatformVersion: version);
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
