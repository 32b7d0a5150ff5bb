using HookGuard.Core.Deploy;
using HookGuard.Core.Drift;

namespace HookGuard.Core.Configuration;

/// <summary>What to do when a project has no virtualenv to compare against (SPEC 4.5).</summary>
public enum MissingVenvAction
{
    /// <summary>Say so and let the commit pass.</summary>
    Warn,

    /// <summary>Say so and block the commit.</summary>
    Block,
}

/// <summary>Where the installed set comes from (SPEC 4.4).</summary>
public enum InstalledSource
{
    /// <summary>Read the venv's metadata on disk, without running Python (the default).</summary>
    Metadata,

    /// <summary>Ask <c>pip</c> in a subprocess: the opt-in for exotic environments. Runs code from the venv.</summary>
    Pip,
}

/// <summary>Which declaration a project is checked against when it has both a lock file and requirement files (SPEC sec. 9).</summary>
public enum Authoritative
{
    /// <summary>The lock file (the default): it is what the project's tool installs.</summary>
    Lock,

    /// <summary>The pip requirement files (for a deploy that runs <c>pip install -r</c>, such as Zappa or a Dockerfile).</summary>
    Requirements,
}

/// <summary>
/// One <c>[[project]]</c> table. <see cref="Path"/> is repo-relative with forward slashes, no trailing slash,
/// <c>""</c> for the work-tree root. <see cref="Venv"/> is relative to the project directory (it may climb out with
/// <c>..</c>, as in SPEC 6's <c>"../../.venvs/api"</c>) or absolute. <see cref="Requirements"/> are globs relative to the
/// project. Null members fall back to the top-level settings (and venv discovery). <see cref="Line"/> is where the
/// table starts, for messages.
/// </summary>
public sealed record ProjectConfig(
    string Path,
    string? Venv,
    IReadOnlyList<string>? Requirements,
    Policy? Policy,
    int Line)
{
    /// <summary>The project's own <c>authoritative</c>, or null for the top-level one.</summary>
    public Authoritative? Authoritative { get; init; }

    /// <summary>The project's own <c>groups</c>, or null for the top-level one.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>The project's own <c>target-python</c>, or null for the top-level one.</summary>
    public string? TargetPython { get; init; }
}

/// <summary>
/// The settings of <c>.hookguard.toml</c> (SPEC sec. 6), immutable. <see cref="Default"/> is what an absent file means.
/// </summary>
/// <remarks>
/// <see cref="Ignore"/> holds PEP 503 normalized names and is empty by default: the installed set already hides
/// what <c>pip freeze</c> hides (pip itself, and setuptools/wheel/distribute on the Pythons where pip hides them),
/// so nothing more needs ignoring unless the user says so.
/// </remarks>
public sealed record HookGuardConfig(
    Policy Policy,
    bool Autostage,
    IReadOnlyList<string> Requirements,
    IReadOnlySet<string> Ignore,
    MissingVenvAction OnMissingVenv,
    InstalledSource InstalledSource,
    IReadOnlyList<ProjectConfig> Projects)
{
    /// <summary>Lock or requirement files, when a project has both.</summary>
    public Authoritative Authoritative { get; init; } = Authoritative.Lock;

    /// <summary>
    /// The dependency groups, extras and Poetry/PDM groups (Pipfile: <c>develop</c>) a lock is checked with; null: what
    /// each tool installs by default (<c>uv sync</c>: the <c>dev</c> group; <c>poetry install</c>: every non-optional group).
    /// </summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary><c>imports</c>: whether staged imports that a rebuilt venv would not provide warn or block (SPEC sec. 11).</summary>
    public Severity Imports { get; init; } = Severity.Warn;

    /// <summary><c>target-check</c>: whether a venv that is not the deploy target's Python (or selects other packages by marker) warns or blocks.</summary>
    public Severity TargetCheck { get; init; } = Severity.Warn;

    /// <summary><c>target-python</c>: the deploy target's Python (<c>"3.12"</c>), beating every file that names one; null: learn it from the project's files.</summary>
    public string? TargetPython { get; init; }

    /// <summary>The file name looked for at the work-tree root.</summary>
    public const string FileName = ".hookguard.toml";

    /// <summary>The requirement globs used when nothing is configured.</summary>
    public static IReadOnlyList<string> DefaultRequirements { get; } = ["requirements.txt"];

    /// <summary>The settings when there is no <c>.hookguard.toml</c>.</summary>
    public static HookGuardConfig Default { get; } = new(
        Policy.Freeze,
        Autostage: false,
        DefaultRequirements,
        new HashSet<string>(StringComparer.Ordinal),
        MissingVenvAction.Warn,
        InstalledSource.Metadata,
        []);

    /// <summary>The <c>[[project]]</c> configured at <paramref name="projectPath"/>, if any.</summary>
    public ProjectConfig? FindProject(string projectPath) =>
        Projects.FirstOrDefault(project => string.Equals(project.Path, projectPath, StringComparison.Ordinal));

    /// <summary>The policy for a project: its own override, else the top-level one.</summary>
    public Policy PolicyFor(string projectPath) => FindProject(projectPath)?.Policy ?? Policy;

    /// <summary>The deploy target's Python configured for a project: its own <c>target-python</c>, else the top-level one.</summary>
    public string? TargetPythonFor(string projectPath) => FindProject(projectPath)?.TargetPython ?? TargetPython;

    /// <summary>The requirement globs for a project: its own, else the top-level ones.</summary>
    public IReadOnlyList<string> RequirementsFor(string projectPath) => FindProject(projectPath)?.Requirements ?? Requirements;
}
