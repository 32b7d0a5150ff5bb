using HookGuard.Core.Packaging;

namespace HookGuard.Core.Installed;

/// <summary>The distributions a venv holds, each once (first on <c>sys.path</c> wins), and the venv's marker environment.</summary>
/// <remarks><see cref="Distributions"/> is what <c>pip freeze</c> lists; the ones it hides (pip itself and, depending on
/// pip and Python versions, setuptools/distribute/wheel: see <see cref="PipFreezeHiddenNames"/>) are in
/// <see cref="Hidden"/>, so a policy that needs them (e.g. to follow <c>Requires-Dist</c>) still can.</remarks>
public sealed record InstalledSet(string VenvPath, MarkerEnvironment Environment, IReadOnlyList<InstalledDistribution> Distributions)
{
    /// <summary>Installed distributions that <c>pip freeze</c> (without <c>--all</c>) does not list.</summary>
    public IReadOnlyList<InstalledDistribution> Hidden { get; init; } = [];

    /// <summary>
    /// The site directories the venv's interpreter puts on <c>sys.path</c> (and reads <c>.pth</c> files in), in order;
    /// empty when the reader did not compute them (<c>pip inspect</c>).
    /// </summary>
    public IReadOnlyList<string> SiteDirectories { get; init; } = [];

    /// <summary>pyvenv.cfg's <c>home</c>: the directory of the base interpreter's executable; null when not known.</summary>
    public string? BaseInterpreterHome { get; init; }

    /// <summary>The venv's Python as (major, minor), from its marker environment's <c>python_version</c>.</summary>
    public (int Major, int Minor) Python => PyvenvConfig.ParseMajorMinor(Environment.PythonVersion) ?? (3, 0);
}
