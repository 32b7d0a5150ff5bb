using HookGuard.Core.Packaging;

namespace HookGuard.Core.Installed;

/// <summary>
/// The PEP 508 marker environment of a venv's interpreter, derived without running it (a Windows venv read from WSL
/// or a Linux container has a <c>python.exe</c> this machine cannot run): the Python version and implementation from
/// <c>pyvenv.cfg</c>, the platform from the venv's own layout. A venv of the host's layout runs on the host, so its
/// platform is the host's; a venv of the other layout was made on another system, and only what that system is
/// certainly like is said about it.
/// </summary>
public static class VenvMarkers
{
    /// <param name="config">The venv's pyvenv.cfg.</param>
    /// <param name="python">Its Python's major and minor (from pyvenv.cfg or the <c>lib/pythonX.Y</c> directory).</param>
    /// <param name="layout">The layout found on disk.</param>
    /// <param name="host">The machine HookGuard runs on.</param>
    public static MarkerEnvironment For(PyvenvConfig config, (int Major, int Minor) python, VenvLayoutKind layout, HostPlatform host)
    {
        var fullVersion = FullVersion(config.PythonVersion, python);
        var isPyPy = string.Equals(config.Implementation, "PyPy", StringComparison.OrdinalIgnoreCase);
        var platform = PlatformOf(config.Home, layout, host);
        return new MarkerEnvironment(
            PythonVersion: $"{python.Major}.{python.Minor}",
            PythonFullVersion: fullVersion,
            OsName: platform.OsName,
            SysPlatform: platform.SysPlatform,
            PlatformSystem: platform.PlatformSystem,
            PlatformMachine: platform.PlatformMachine,
            PlatformRelease: platform.PlatformRelease,
            PlatformVersion: platform.PlatformVersion,
            PlatformPythonImplementation: isPyPy ? "PyPy" : "CPython",
            ImplementationName: isPyPy ? "pypy" : "cpython",
            // For CPython implementation_version equals python_full_version; PyPy's own version is not in pyvenv.cfg.
            ImplementationVersion: fullVersion);
    }

    /// <summary>
    /// The platform the venv's interpreter runs on. The other system's <c>platform.release()</c> and
    /// <c>platform.version()</c> (a Windows build number, a kernel version) are nowhere in a venv: they are empty.
    /// </summary>
    private static HostPlatform PlatformOf(string? home, VenvLayoutKind layout, HostPlatform host)
    {
        if (layout == VenvLayoutKind.Windows)
        {
            return host.NativeLayout == VenvLayoutKind.Windows
                ? host
                : new HostPlatform("nt", "win32", "Windows", WindowsMachine(home, host.PlatformMachine), "", "");
        }

        // A POSIX venv whose base Python lives where only macOS puts one was made on a Mac (a project directory
        // shared into a Linux container, say); otherwise it is the host's own kind, or, read from Windows, Linux (WSL,
        // containers: the POSIX systems a Windows machine reaches).
        if (home is not null && IsMacOSHome(home) && host.SysPlatform != "darwin")
        {
            return new HostPlatform("posix", "darwin", "Darwin", home.StartsWith("/opt/homebrew/", StringComparison.Ordinal) ? "arm64" : MacMachine(host.PlatformMachine), "", "");
        }

        return host.NativeLayout == VenvLayoutKind.Posix
            ? host
            : new HostPlatform("posix", "linux", "Linux", LinuxMachine(host.PlatformMachine), "", "");
    }

    /// <summary>
    /// platform.machine() of a Windows Python: the python.org installer puts the ARM64 and 32-bit builds in
    /// <c>Python312-arm64</c> and <c>Python312-32</c>; otherwise the Windows beside WSL or a container shares the
    /// host's processor, spelled the Windows way (AMD64, ARM64, x86).
    /// </summary>
    private static string WindowsMachine(string? home, string hostMachine)
    {
        var folder = home?.TrimEnd('\\', '/') is { } trimmed ? trimmed[(trimmed.LastIndexOfAny(['\\', '/']) + 1)..] : "";
        if (folder.EndsWith("-arm64", StringComparison.OrdinalIgnoreCase)) return "ARM64";
        if (folder.EndsWith("-32", StringComparison.Ordinal)) return "x86";
        return hostMachine.ToLowerInvariant() switch
        {
            "x86_64" or "amd64" => "AMD64",
            "aarch64" or "arm64" => "ARM64",
            "i386" or "i686" or "x86" => "x86",
            _ => hostMachine,
        };
    }

    private static string LinuxMachine(string hostMachine) => hostMachine.ToLowerInvariant() switch
    {
        "amd64" or "x86_64" => "x86_64",
        "arm64" or "aarch64" => "aarch64",
        "x86" or "i386" or "i686" => "i686",
        _ => hostMachine,
    };

    private static string MacMachine(string hostMachine) => LinuxMachine(hostMachine) == "aarch64" ? "arm64" : LinuxMachine(hostMachine);

    /// <summary>Where a macOS base Python lives: the python.org framework, Homebrew on Apple silicon, Xcode's and the command line tools'.</summary>
    private static bool IsMacOSHome(string home) =>
        home.Contains("/Python.framework/", StringComparison.Ordinal)
        || home.StartsWith("/opt/homebrew/", StringComparison.Ordinal)
        || home.StartsWith("/Applications/Xcode", StringComparison.Ordinal)
        || home.StartsWith("/Library/Developer/CommandLineTools/", StringComparison.Ordinal);

    /// <summary>"3.11.7" from "3.11.7" (venv) or "3.11.7.final.0" (virtualenv's version_info).</summary>
    private static string FullVersion(string? configured, (int Major, int Minor) python)
    {
        if (configured is null) return $"{python.Major}.{python.Minor}";
        var parts = configured.Split('.');
        return parts.Length >= 3 && parts[2].All(char.IsAsciiDigit) ? string.Join('.', parts[..3]) : configured;
    }
}
