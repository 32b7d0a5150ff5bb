using HookGuard.Core.Installed;

namespace HookGuard.Venv;

/// <summary>
/// The layout a venv has on disk, which says the system it was made for, whatever system reads it now: a venv made by
/// Windows Python and checked from WSL or a Linux container has <c>Scripts/</c> and <c>Lib/site-packages</c>; one made
/// on Linux or macOS and checked from Windows has <c>bin/</c> and <c>lib/pythonX.Y/site-packages</c>
/// (https://docs.python.org/3/library/venv.html#how-venvs-work, sysconfig's <c>nt_venv</c> and <c>posix_venv</c> schemes).
/// </summary>
/// <param name="Kind">Which layout.</param>
/// <param name="WindowsSitePackages">For a Windows layout, its site-packages as spelled on disk (<c>Lib</c> or <c>lib</c>:
/// a copy made through a case-insensitive file system may have either); null for a POSIX layout.</param>
internal sealed record VenvLayout(VenvLayoutKind Kind, string? WindowsSitePackages)
{
    /// <summary>The purelib directory pip installs into (<c>sysconfig.get_path("purelib")</c>) in the venv at <paramref name="venvPath"/>.</summary>
    public string Purelib(string venvPath, (int Major, int Minor) python) =>
        WindowsSitePackages ?? (Kind == VenvLayoutKind.Windows
            ? Path.Combine(venvPath, "Lib", "site-packages")
            : Path.Combine(venvPath, "lib", $"python{python.Major}.{python.Minor}", "site-packages"));

    /// <summary>
    /// Reads the layout of the venv at <paramref name="venvPath"/>. Where the site-packages are decides, since that is
    /// what is read; then the directory of the executables (<c>Scripts</c> or <c>bin</c>); then the form of
    /// pyvenv.cfg's <c>home</c> (<c>C:\Python312</c> or <c>/usr/bin</c>); the host's own layout last.
    /// </summary>
    /// <param name="python">The Python version from pyvenv.cfg, when it gives one.</param>
    public static VenvLayout Detect(string venvPath, PyvenvConfig config, (int Major, int Minor)? python, HostPlatform host)
    {
        // The common case first, in one stat: the host's own venv, with the version pyvenv.cfg gives.
        if (python is { } known && host.NativeLayout == VenvLayoutKind.Posix
            && Directory.Exists(Path.Combine(venvPath, "lib", $"python{known.Major}.{known.Minor}", "site-packages")))
        {
            return new VenvLayout(VenvLayoutKind.Posix, null);
        }

        if (CaseInsensitivePath.Find(venvPath, "Lib") is { } lib)
        {
            if (CaseInsensitivePath.Find(lib, "site-packages") is { } windowsSite)
                return new VenvLayout(VenvLayoutKind.Windows, windowsSite);
            if (Directory.EnumerateDirectories(lib, "python*").Any())
                return new VenvLayout(VenvLayoutKind.Posix, null);
        }

        if (CaseInsensitivePath.Find(venvPath, "Scripts") is not null) return new VenvLayout(VenvLayoutKind.Windows, null);
        if (Directory.Exists(Path.Combine(venvPath, "bin"))) return new VenvLayout(VenvLayoutKind.Posix, null);
        if (config.Home is { } home && WindowsPath.IsAbsolute(home)) return new VenvLayout(VenvLayoutKind.Windows, null);
        if (config.Home is { } posixHome && posixHome.StartsWith('/')) return new VenvLayout(VenvLayoutKind.Posix, null);
        return new VenvLayout(host.NativeLayout, null);
    }
}
