using System.Globalization;
using HookGuard.Core.Projects;
using HookGuard.Cli;
using HookGuard.Venv;

namespace HookGuard.Checking;

/// <summary>
/// The <c>--verbose</c> line for one checked project: what was read (the venv, how it was found, the layout and
/// markers it was read with, the declaration files) and how long it took. For someone asking "why this verdict?".
/// </summary>
internal static class VerdictTrace
{
    /// <summary>Checks <paramref name="project"/>; with <c>--verbose</c>, timed and traced. The hook's path (no --verbose)
    /// builds no text and reads no clock.</summary>
    public static ProjectVerdict Check(ProjectChecker checker, LocatedProject project, CommandContext context)
    {
        if (!context.Tracing)
        {
            return checker.Check(project);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var verdict = checker.Check(project);
        context.Trace(For(verdict, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
        return verdict;
    }

    private static string For(ProjectVerdict verdict, TimeSpan elapsed)
    {
        var venv = verdict.Venv.Path is not { } path ? "no venv found"
            : verdict.Installed is not { } installed ? $"venv {path} ({HowFound(verdict.Venv.Rule)})"
            : $"venv {path} ({HowFound(verdict.Venv.Rule)}; {(installed.Environment.OsName == "nt" ? "Windows" : "POSIX")} layout, " +
              $"Python {installed.Environment.PythonFullVersion} {installed.Environment.ImplementationName}, markers for " +
              $"{installed.Environment.SysPlatform} {installed.Environment.PlatformMachine}; {installed.Distributions.Count} distribution" +
              $"{(installed.Distributions.Count == 1 ? "" : "s")} shown by pip freeze)";
        var declared = $"declared by {(verdict.Declared.Files.Count == 0 ? "nothing" : string.Join(", ", verdict.Declared.Files))} ({verdict.Declared.Tool.Name})";
        return string.Create(CultureInfo.InvariantCulture,
            $"project {RepoPath.Display(verdict.Project.Path)}: {venv}; {declared}; {elapsed.TotalMilliseconds:0.0} ms");
    }

    private static string HowFound(VenvDiscoveryRule rule) => rule switch
    {
        VenvDiscoveryRule.Configured => "configured in .hookguard.toml",
        VenvDiscoveryRule.InProject => "found in the project",
        VenvDiscoveryRule.ActivatedEnvironment => "from $VIRTUAL_ENV",
        _ => "not found",
    };
}
