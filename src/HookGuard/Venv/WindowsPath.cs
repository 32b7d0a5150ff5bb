namespace HookGuard.Venv;

/// <summary>Windows paths as a venv made on Windows records them (pyvenv.cfg's <c>home</c>), read on any system.</summary>
internal static class WindowsPath
{
    /// <summary><c>C:\...</c>, <c>C:/...</c> or a UNC <c>\\server\share</c> path.</summary>
    public static bool IsAbsolute(string path) =>
        (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/')
        || path.StartsWith(@"\\", StringComparison.Ordinal);

    /// <summary>
    /// Where a Windows drive path is on this POSIX machine: WSL mounts drive <c>C:</c> at <c>/mnt/c</c> (its default
    /// <c>automount.root</c>, https://learn.microsoft.com/windows/wsl/wsl-config). Null when the path is not a drive
    /// path or nothing is mounted there (a container, a machine that is not WSL).
    /// </summary>
    public static string? OnThisPosixMachine(string path)
    {
        if (!IsAbsolute(path) || path[1] != ':') return null;
        var rest = path[3..].Replace('\\', '/').Trim('/');
        var mounted = Path.Combine("/mnt", char.ToLowerInvariant(path[0]).ToString(), rest);
        return Directory.Exists(mounted) ? mounted : null;
    }
}
