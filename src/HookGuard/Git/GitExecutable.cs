using HookGuard.Cli;

namespace HookGuard.Git;

/// <summary>
/// The <c>git</c> every child process runs: the first executable file named <c>git</c> in an absolute directory of
/// <c>PATH</c>, as a full path. Never the working directory: .NET's <c>Process</c> on Unix looks for a bare program
/// name in the executable's directory and then the current directory before <c>PATH</c> (Windows' CreateProcess also
/// searches the current directory), so <c>Cli.Wrap("git")</c> run inside a work tree whose root holds an executable
/// file named <c>git</c> ran that file: code from the repository (issue 11; <c>Security/NothingRunsSpecs</c>). Empty
/// and relative <c>PATH</c> entries, which also mean "the current directory", are skipped for the same reason.
/// </summary>
internal static class GitExecutable
{
    private static readonly string[] Names = OperatingSystem.IsWindows() ? ["git.exe", "git.cmd"] : ["git"];

    private static readonly Lazy<string?> FromProcessPath = new(() => Find(Environment.GetEnvironmentVariable("PATH")));

    /// <summary>The full path of git on this process's <c>PATH</c>.</summary>
    /// <exception cref="UserError">No git in an absolute <c>PATH</c> directory.</exception>
    public static string Resolve() => FromProcessPath.Value ?? throw NotFound();

    /// <summary>The full path of git on <paramref name="environment"/>'s <c>PATH</c> (the process's when it has none).</summary>
    /// <exception cref="UserError">No git in an absolute <c>PATH</c> directory.</exception>
    public static string Resolve(IReadOnlyDictionary<string, string>? environment) =>
        environment is not null && environment.TryGetValue("PATH", out var path) ? Find(path) ?? throw NotFound() : Resolve();

    /// <summary>The first git in the absolute directories of <paramref name="pathVariable"/>, or null.</summary>
    public static string? Find(string? pathVariable)
    {
        foreach (var directory in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathFullyQualified(directory))
            {
                continue;
            }

            foreach (var name in Names)
            {
                var candidate = Path.Combine(directory, name);
                if (IsExecutableFile(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }

    private static UserError NotFound() =>
        new("Cannot find git: no executable 'git' in an absolute directory of PATH. Install git, or put its directory on PATH " +
            "(HookGuard never runs a 'git' from the working directory or a relative PATH entry).");
}
