using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>
/// One Python a deploy runs the project on, as one file (or the configuration) names it: a Zappa stage, a Heroku
/// <c>runtime.txt</c>, a pyenv <c>.python-version</c>, a Dockerfile's base image, <c>requires-python</c>.
/// </summary>
/// <param name="Location">The file and line that named the target (line 0: the file as a whole).</param>
/// <param name="Source">The source as a user reads it: <c>zappa_settings.json (stage 'production')</c>.</param>
/// <param name="Named">What the source says, as written: <c>python3.12</c>, <c>python:3.12-slim</c>, <c>3.12.1</c>.</param>
public sealed record DeployTarget(SourceLocation Location, string Source, string Named)
{
    /// <summary>
    /// The target's <c>python_version</c> (<c>"3.12"</c>); null when the source names no Python of its own (a Zappa stage
    /// without <c>runtime</c> deploys with the Python that runs Zappa, the venv's) or only a range (<see cref="RequiresPython"/>).
    /// </summary>
    public string? Python { get; init; }

    /// <summary>The target's <c>python_full_version</c> when the source gives a micro (<c>3.12.1</c>); null when it does not.</summary>
    public string? FullVersion { get; init; }

    /// <summary><c>platform_python_implementation</c>: <c>CPython</c> (Lambda, the python images, Heroku) or <c>PyPy</c>.</summary>
    public string Implementation { get; init; } = "CPython";

    /// <summary>A <c>requires-python</c> range: the venv's version must be in it; no single target to evaluate markers for.</summary>
    public SpecifierSet? RequiresPython { get; init; }

    /// <summary>The target's platform where the source says (Lambda, a container); null: the venv's own.</summary>
    public TargetPlatform? Platform { get; init; }

    /// <summary>The Zappa stage the target is, when it is one; lets several stages be named together.</summary>
    public string? Stage { get; init; }

    /// <summary>What the source does with <see cref="Named"/>, in a sentence: <c>deploys to</c>, <c>builds from</c>, <c>names</c>.</summary>
    public string Verb { get; init; } = "deploys to";

    /// <summary>How the target is named in a marker finding: <c>python3.12, zappa_settings.json (stage 'production')</c>.</summary>
    public string Label => $"{Named}, {Source}";

    /// <summary><c>"3.12"</c> from <c>"3.12"</c> or <c>"3.12.1"</c>; null when <paramref name="version"/> has no minor.</summary>
    internal static string? MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) && major >= 0 && minor >= 0
            ? $"{major}.{minor}"
            : null;
    }
}

/// <summary>
/// The platform markers of a deploy target. <see cref="PlatformMachine"/> null: the same processor as the venv's (a
/// container without <c>--platform</c> runs on the machine that builds it), spelled as <see cref="SysPlatform"/> spells it.
/// </summary>
public sealed record TargetPlatform(string OsName, string SysPlatform, string PlatformSystem, string? PlatformMachine)
{
    /// <summary>AWS Lambda: Amazon Linux, CPython, on <c>x86_64</c> (Lambda's default) or Graviton (<c>aarch64</c>).</summary>
    public static TargetPlatform Lambda(string machine) => new("posix", "linux", "Linux", machine);

    /// <summary>A Linux container or host (Docker's python images, Heroku's dynos).</summary>
    public static TargetPlatform Linux(string? machine) => new("posix", "linux", "Linux", machine);

    /// <summary>A Windows container (the python images' <c>windowsservercore</c> and <c>nanoserver</c> tags).</summary>
    public static TargetPlatform Windows { get; } = new("nt", "win32", "Windows", "AMD64");
}

/// <summary>A source that names a target but cannot be read: reported instead of guessed (the deploy would meet it too).</summary>
public sealed record TargetProblem(SourceLocation Location, string Reason);

/// <summary>What one source says: its targets and problems; neither means the source names no target (look further).</summary>
public sealed record TargetReading(IReadOnlyList<DeployTarget> Targets, IReadOnlyList<TargetProblem> Problems)
{
    /// <summary>The source says nothing about the target (absent, not Python, <c>system</c>): the next source is asked.</summary>
    public static TargetReading None { get; } = new([], []);

    public static TargetReading Of(DeployTarget target) => new([target], []);

    public static TargetReading Unreadable(SourceLocation location, string reason) => new([], [new TargetProblem(location, reason)]);

    /// <summary>Whether this source decides the target (first found wins, SPEC sec. 11).</summary>
    public bool Found => Targets.Count > 0 || Problems.Count > 0;
}
