namespace HookGuard.Core.Installed;

/// <summary>
/// The distributions <c>pip freeze</c> leaves out unless given <c>--all</c>. The rule changed over pip's history:
/// <list type="bullet">
/// <item>always: <c>stdlib_pkgs</c> = python, wsgiref, argparse (pip/_internal/utils/compat.py);</item>
/// <item>pip &lt; 23.2: <c>DEV_PKGS</c> = pip, setuptools, distribute, wheel (pip/_internal/commands/freeze.py);</item>
/// <item>pip ≥ 23.2: pip, plus setuptools, distribute, wheel only when the interpreter running pip is older than
/// 3.12 (<c>_should_suppress_build_backends</c>, pip PR #12032: Python 3.12 venvs no longer ship setuptools).</item>
/// </list>
/// The interpreter that matters is the one pip runs under, which for <c>pip --python VENV</c> and for the venv's own
/// pip is the venv's Python.
/// </summary>
public static class PipFreezeHiddenNames
{
    private static readonly string[] StdlibPackages = ["python", "wsgiref", "argparse"];
    private static readonly string[] BuildBackends = ["setuptools", "distribute", "wheel"];

    /// <summary>
    /// The PEP 503-normalized names hidden by the pip of version <paramref name="pipVersion"/> (e.g. "23.0.1")
    /// running under Python <paramref name="python"/>. A null or unreadable pip version means "a current pip"
    /// (a venv without its own pip is frozen with some other, usually recent, pip via <c>--python</c>).
    /// </summary>
    public static IReadOnlySet<string> For(string? pipVersion, (int Major, int Minor) python)
    {
        var hidden = new HashSet<string>(StdlibPackages, StringComparer.Ordinal) { "pip" };
        var pip = pipVersion is null ? null : PyvenvConfig.ParseMajorMinor(pipVersion);
        var pipHidesBuildBackendsAlways = pip is { } p && (p.Major < 23 || (p.Major == 23 && p.Minor < 2));
        if (pipHidesBuildBackendsAlways || python.CompareTo((3, 12)) < 0)
            hidden.UnionWith(BuildBackends);
        return hidden;
    }
}
