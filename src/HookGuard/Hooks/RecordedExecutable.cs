using HookGuard.Cli;

namespace HookGuard.Hooks;

/// <summary>Which executable path <c>hookguard install</c> writes into the hook.</summary>
public static class RecordedExecutable
{
    /// <summary>
    /// Set by a launcher script (install.sh's fallback for machines without a native toolchain) to its own path, so
    /// the hook records the launcher rather than the runtime executing it.
    /// </summary>
    public const string LauncherVariable = "HOOKGUARD_EXECUTABLE";

    /// <summary>The absolute path of the running hookguard, as the hook should call it.</summary>
    /// <param name="context">Read for <see cref="LauncherVariable"/>.</param>
    /// <param name="processPath">The running process's executable (<see cref="Environment.ProcessPath"/>).</param>
    /// <exception cref="UserError">hookguard runs as <c>dotnet hookguard.dll</c>, which no single path can call.</exception>
    public static string Resolve(CommandContext context, string? processPath)
    {
        if (context.GetEnvironmentVariable(LauncherVariable) is { } launcher)
        {
            return Path.GetFullPath(launcher, context.WorkingDirectory);
        }

        if (processPath is null || Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserError(
                "hookguard is running through 'dotnet hookguard.dll', a path the hook cannot call. Install it with ./install.sh " +
                $"and run 'hookguard install' from there (or set {LauncherVariable} to the launcher's path).");
        }

        return ToolShim(Path.GetFullPath(processPath)) ?? Path.GetFullPath(processPath);
    }

    /// <summary>
    /// For hookguard installed as a dotnet tool, the command's stable path in the tool directory (<c>~/.dotnet/tools/hookguard</c>,
    /// or the <c>--tool-path</c>) instead of the versioned file under <c>.store/hookguard/VERSION/</c> it runs from:
    /// <c>dotnet tool update</c> deletes that directory, which would leave the hook calling a path that is gone.
    /// </summary>
    /// <remarks>
    /// A NativeAOT tool's command is a symlink into the store, and the process path the OS reports is the link's target.
    /// A framework-dependent tool's command is an apphost shim, which already is the process, so this finds nothing.
    /// </remarks>
    private static string? ToolShim(string processPath)
    {
        var separator = Path.DirectorySeparatorChar;
        var store = processPath.IndexOf($"{separator}.store{separator}", StringComparison.Ordinal);
        if (store < 0)
        {
            return null;
        }

        var shim = Path.Combine(processPath[..store], Path.GetFileName(processPath));
        return File.Exists(shim) ? shim : null;
    }
}
