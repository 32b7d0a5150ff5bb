using HookGuard.Cli;

namespace HookGuard.Hooks;

/// <summary>
/// Writes and removes HookGuard's pre-commit hook (and its pre-merge-commit hook, handled the same way under its own
/// names) in a hooks directory, keeping any foreign hook that was there (SPEC sec. 3, sec. 10).
/// </summary>
/// <remarks>
/// A foreign <c>pre-commit</c> is renamed to <c>pre-commit.hookguard-previous</c>: a rename keeps its bytes, mode and
/// symlink-ness, and HookGuard's hook runs it first. <c>--force</c> is only needed when chaining would lose a file:
/// a foreign hook is present and an earlier saved hook is already in the way (someone replaced HookGuard's hook by
/// hand). With <c>--force</c> the saved one is moved aside to a unique <c>.replaced-TIMESTAMP</c> name (never
/// deleted) and the current foreign hook is chained. <c>--force</c> never overwrites a foreign hook.
/// </remarks>
public static class HookInstaller
{
    /// <summary>The hook file name git runs before a commit.</summary>
    public const string HookName = "pre-commit";

    /// <summary>Where a foreign hook is kept while HookGuard's hook is installed.</summary>
    public const string PreviousHookName = "pre-commit.hookguard-previous";

    /// <summary>The hook file name <c>git merge</c> runs before it records a merge commit (it does not run pre-commit).</summary>
    public const string MergeHookName = "pre-merge-commit";

    /// <summary>Every hook <c>hookguard install</c> writes, in the order it writes them.</summary>
    public static readonly IReadOnlyList<string> HookNames = [HookName, MergeHookName];

    /// <summary>Where a foreign hook named <paramref name="hookName"/> is kept while HookGuard's is installed.</summary>
    public static string PreviousNameOf(string hookName) => hookName + ".hookguard-previous";

    /// <summary>Installs (or updates) HookGuard's hook in <paramref name="hooksDirectory"/>.</summary>
    /// <exception cref="UserError">Chaining would lose a hook and <paramref name="force"/> is not set, or the file system refuses.</exception>
    public static HookInstallResult Install(string hooksDirectory, HookSettings settings, bool force, TimeProvider? clock = null, string hookName = HookName)
    {
        var hook = Path.Combine(hooksDirectory, hookName);
        var previous = Path.Combine(hooksDirectory, PreviousNameOf(hookName));
        var wanted = HookScript.Render(settings, hookName);
        return FileSystemErrors.Translate(() =>
        {
            Directory.CreateDirectory(hooksDirectory);
            var chained = Exists(previous) ? previous : null;
            switch (Classify(hook))
            {
                case HookState.Ours:
                    if (File.ReadAllBytes(hook).AsSpan().SequenceEqual(wanted) && IsExecutable(hook))
                    {
                        return new HookInstallResult(HookInstallOutcome.Unchanged, hook, chained, null);
                    }

                    ReplaceAtomically(hook, wanted);
                    return new HookInstallResult(HookInstallOutcome.Updated, hook, chained, null);

                case HookState.Missing:
                    // A saved earlier hook with no hook in front of it (ours was deleted by hand): it is the user's
                    // hook from before HookGuard, so it is chained again rather than orphaned.
                    ReplaceAtomically(hook, wanted);
                    return new HookInstallResult(HookInstallOutcome.Installed, hook, chained, null);

                case HookState.Foreign:
                    string? movedAside = null;
                    if (chained is not null)
                    {
                        if (!force)
                        {
                            throw new UserError(
                                $"'{hook}' is not HookGuard's hook, and '{previous}' (a hook HookGuard saved earlier) is in the way, " +
                                "so chaining the current hook would lose one of them. Look at both files; run " +
                                "'hookguard install --force' to keep the current hook chained and move the saved one aside.");
                        }

                        movedAside = UniqueName(previous + ".replaced-" + (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMddHHmmss"));
                        File.Move(previous, movedAside);
                    }

                    var temporary = WriteTemporary(hooksDirectory, wanted);
                    File.Move(hook, previous);
                    try
                    {
                        File.Move(temporary, hook);
                    }
                    catch
                    {
                        File.Move(previous, hook);
                        File.Delete(temporary);
                        throw;
                    }

                    return new HookInstallResult(HookInstallOutcome.Installed, hook, previous, movedAside);

                default:
                    throw new UserError($"'{hook}' is not a file (a directory?); HookGuard cannot install its hook there.");
            }
        }, $"Cannot install the hook in '{hooksDirectory}'");
    }

    /// <summary>Removes HookGuard's hook from <paramref name="hooksDirectory"/> and puts back the hook it replaced, byte for byte.</summary>
    /// <exception cref="UserError">The <c>pre-commit</c> hook there is not HookGuard's: it is left untouched.</exception>
    public static HookUninstallResult Uninstall(string hooksDirectory, string hookName = HookName)
    {
        var hook = Path.Combine(hooksDirectory, hookName);
        var previous = Path.Combine(hooksDirectory, PreviousNameOf(hookName));
        return FileSystemErrors.Translate(() =>
        {
            switch (Classify(hook))
            {
                case HookState.Ours when Exists(previous):
                    // One rename replaces ours with the saved hook: at no moment is there no hook.
                    File.Move(previous, hook, overwrite: true);
                    return new HookUninstallResult(HookUninstallOutcome.RemovedAndRestored, hook);
                case HookState.Ours:
                    File.Delete(hook);
                    return new HookUninstallResult(HookUninstallOutcome.Removed, hook);
                case HookState.Missing when Exists(previous):
                    File.Move(previous, hook);
                    return new HookUninstallResult(HookUninstallOutcome.Restored, hook);
                case HookState.Missing:
                    return new HookUninstallResult(HookUninstallOutcome.NothingInstalled, hook);
                default:
                    throw new UserError($"'{hook}' is not HookGuard's hook; it was left untouched.");
            }
        }, $"Cannot uninstall the hook from '{hooksDirectory}'");
    }

    /// <summary>Which pre-commit hook <paramref name="hooksDirectory"/> holds; reads only.</summary>
    public static HookStatus Inspect(string hooksDirectory, string hookName = HookName)
    {
        var hook = Path.Combine(hooksDirectory, hookName);
        var previous = Path.Combine(hooksDirectory, PreviousNameOf(hookName));
        return FileSystemErrors.Translate(() => Classify(hook) switch
        {
            HookState.Missing => new HookStatus(hook, HookPresence.None, null),
            HookState.Ours => new HookStatus(hook, HookPresence.HookGuard, Exists(previous) ? previous : null),
            _ => new HookStatus(hook, HookPresence.Foreign, null),
        }, $"Cannot read the hooks in '{hooksDirectory}'");
    }

    private enum HookState
    {
        Missing,
        Ours,
        Foreign,
        NotAFile,
    }

    private static HookState Classify(string hook)
    {
        if (Directory.Exists(hook) && new DirectoryInfo(hook).LinkTarget is null)
        {
            return HookState.NotAFile;
        }

        if (!Exists(hook))
        {
            return HookState.Missing;
        }

        // A symlink (even one to a HookGuard hook elsewhere) is someone's deliberate set-up: foreign, kept as is.
        if (new FileInfo(hook).LinkTarget is not null || !File.Exists(hook))
        {
            return HookState.Foreign;
        }

        using var stream = File.OpenRead(hook);
        var head = new byte[1024];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return HookScript.IsHookGuardHook(head.AsSpan(0, read)) ? HookState.Ours : HookState.Foreign;
    }

    /// <summary>Exists as a file or as a (possibly dangling) symlink.</summary>
    private static bool Exists(string path) => File.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    private static void ReplaceAtomically(string target, byte[] content)
    {
        var temporary = WriteTemporary(Path.GetDirectoryName(target)!, content);
        try
        {
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes the hook next to its final place (same file system, so the rename is atomic), executable.</summary>
    private static string WriteTemporary(string directory, byte[] content)
    {
        var temporary = Path.Combine(directory, $".hook.hookguard-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode is filtered by the umask; git hooks must be executable whatever the umask says.
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(temporary) | UnixFileMode.UserExecute);
        }

        return temporary;
    }

    private static string UniqueName(string path)
    {
        var candidate = path;
        for (var suffix = 2; Exists(candidate); suffix++)
        {
            candidate = $"{path}-{suffix}";
        }

        return candidate;
    }
}
