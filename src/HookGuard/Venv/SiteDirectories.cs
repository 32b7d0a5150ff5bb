using HookGuard.Core.Installed;

namespace HookGuard.Venv;

/// <summary>Why a directory is on the venv's <c>sys.path</c>.</summary>
internal enum SiteKind { Venv, User, Base }

/// <summary>A site directory: a <c>site-packages</c> that <c>site.py</c> adds and whose <c>.pth</c> files it reads.</summary>
internal sealed record SiteDirectory(string Path, SiteKind Kind);

/// <summary>
/// The site directories the venv's interpreter puts on <c>sys.path</c>, in CPython's order (checked with
/// <c>python -c "import sys; print(sys.path)"</c> on 3.8 and 3.12): the venv's <c>site-packages</c>; then, only with
/// <c>include-system-site-packages = true</c>, the user site and the base interpreter's <c>site-packages</c>
/// (https://docs.python.org/3/library/site.html). Directories that do not exist are left out, as site.py does.
/// </summary>
internal static class SiteDirectories
{
    /// <remarks>
    /// A venv of another system's layout (a Windows venv read from WSL) with <c>include-system-site-packages = true</c>
    /// sees its base Python's site-packages, which must then be reachable from here (WSL's <c>/mnt/c</c>), or the
    /// venv cannot be read truthfully and <see cref="VenvFormatException"/> says so. The user site of the other
    /// system's user is not knowable from here and is left out.
    /// </remarks>
    public static IReadOnlyList<SiteDirectory> Of(
        string venvPath, PyvenvConfig config, string configFile, (int Major, int Minor) python, VenvLayout layout, HostPlatform host, Func<string, string?> environment)
    {
        var result = new List<SiteDirectory>();
        foreach (var dir in SitePackagesUnder(venvPath, python, layout))
            result.Add(new SiteDirectory(dir, SiteKind.Venv));

        if (config.IncludeSystemSitePackages)
        {
            var native = layout.Kind == host.NativeLayout;
            var isWindows = layout.Kind == VenvLayoutKind.Windows;
            if (native && UserSitePackages(python, environment, isWindows) is { } user && Directory.Exists(user))
                result.Add(new SiteDirectory(user, SiteKind.User));
            if (config.Home is { } home)
            {
                var reachable = native ? home
                    : host.NativeLayout == VenvLayoutKind.Posix ? WindowsPath.OnThisPosixMachine(home)
                    : null;
                if (reachable is null)
                {
                    throw new VenvFormatException(configFile, 0,
                        $"include-system-site-packages = true, but this {(isWindows ? "Windows" : "POSIX")} venv's base Python ('{home}') " +
                        "cannot be reached from this machine, so the packages the venv sees cannot be read. Check the venv on the system " +
                        "that made it, or recreate it without --system-site-packages.");
                }

                // 'home' is the directory of the base executable: PREFIX/bin on POSIX, PREFIX itself on Windows.
                var basePrefix = isWindows ? reachable : Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(reachable));
                if (basePrefix is not null)
                {
                    var baseSites = !isWindows && DebianSitePackages(basePrefix, python) is { } debian
                        ? debian
                        : SitePackagesUnder(basePrefix, python, isWindows ? new VenvLayout(VenvLayoutKind.Windows, WindowsSitePackagesOf(basePrefix)) : layout);
                    foreach (var dir in baseSites)
                        result.Add(new SiteDirectory(dir, SiteKind.Base));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The base interpreter's site directories when it is Debian's (or Ubuntu's) system Python, whose patched
    /// <c>site.getsitepackages()</c> lists, for a venv's base prefix, <c>lib/pythonX.Y/site-packages</c>,
    /// <c>local/lib/pythonX.Y/dist-packages</c>, <c>lib/python3/dist-packages</c> and <c>lib/pythonX.Y/dist-packages</c>
    /// (measured: <c>sys.path</c> of a <c>--system-site-packages</c> venv of Debian 12's python3.11). Known by the
    /// base's own <c>site.py</c> naming <c>dist-packages</c>; null for any other Python. Only existing directories.
    /// </summary>
    private static IEnumerable<string>? DebianSitePackages(string prefix, (int Major, int Minor) python)
    {
        var version = $"python{python.Major}.{python.Minor}";
        string siteModule;
        try
        {
            siteModule = File.ReadAllText(Path.Combine(prefix, "lib", version, "site.py"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (!siteModule.Contains("\"dist-packages\"", StringComparison.Ordinal)) return null;
        return new[]
        {
            Path.Combine(prefix, "lib", version, "site-packages"),
            Path.Combine(prefix, "local", "lib", version, "dist-packages"),
            Path.Combine(prefix, "lib", $"python{python.Major}", "dist-packages"),
            Path.Combine(prefix, "lib", version, "dist-packages"),
        }.Where(Directory.Exists).ToArray();
    }

    private static string? WindowsSitePackagesOf(string prefix) =>
        CaseInsensitivePath.Find(prefix, "Lib") is { } lib ? CaseInsensitivePath.Find(lib, "site-packages") : null;

    private static IEnumerable<string> SitePackagesUnder(string prefix, (int Major, int Minor) python, VenvLayout layout)
    {
        var lib = layout.Purelib(prefix, python);
        if (layout.Kind == VenvLayoutKind.Posix)
        {
            // site.getsitepackages() lists sys.platlibdir first, then 'lib' when they differ (Fedora's lib64). In a
            // venv 'lib64' is usually a symlink to 'lib': the same directory must not be read twice.
            var lib64 = Path.Combine(prefix, "lib64", $"python{python.Major}.{python.Minor}", "site-packages");
            if (Directory.Exists(lib64) && !SameDirectory(lib64, lib))
                yield return lib64;
        }
        if (Directory.Exists(lib))
            yield return lib;
    }

    /// <summary>site.USER_SITE: <c>PYTHONUSERBASE</c> or <c>~/.local</c> (POSIX), <c>%APPDATA%\Python</c> (Windows).</summary>
    private static string? UserSitePackages((int Major, int Minor) python, Func<string, string?> environment, bool isWindows)
    {
        var userBase = environment("PYTHONUSERBASE");
        if (isWindows)
        {
            userBase ??= environment("APPDATA") is { Length: > 0 } appData ? Path.Combine(appData, "Python") : null;
            return userBase is null ? null : Path.Combine(userBase, $"Python{python.Major}{python.Minor}", "site-packages");
        }
        userBase ??= environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".local") : null;
        return userBase is null ? null : Path.Combine(userBase, "lib", $"python{python.Major}.{python.Minor}", "site-packages");
    }

    private static bool SameDirectory(string a, string b)
    {
        if (!Directory.Exists(b)) return false;
        // The venv module's own layout, checked first because every commit asks: 'lib64' is the link 'lib64 -> lib'.
        if (Path.GetDirectoryName(Path.GetDirectoryName(a)) is { } lib64 && Path.GetFileName(lib64) == "lib64"
            && new DirectoryInfo(lib64).LinkTarget == "lib"
            && string.Equals(Path.Combine(Path.GetDirectoryName(lib64)!, "lib", Path.GetRelativePath(lib64, a)), b, StringComparison.Ordinal))
        {
            return true;
        }

        return string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);
    }

    private static string Resolve(string path)
    {
        // Resolve every component: lib64 -> lib is a link on the 'lib64' component, not on the leaf.
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                current = target.FullName;
        }
        return current;
    }
}
