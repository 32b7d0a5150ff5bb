using HookGuard.Core.Packaging;

namespace HookGuard.Core.Deploy;

/// <summary>
/// Whether the venv's Python is the target's: the same implementation and the same major.minor. A patch release
/// (3.12.1 against 3.12.7) does not change which wheels install (the ABI tag is <c>cp312</c> for all of them), so a
/// target that names a micro is compared on its major.minor only; <c>requires-python</c> is a range the venv's full
/// version must be in.
/// </summary>
public static class PythonComparison
{
    /// <summary>The <c>python-mismatch</c> sentence; null when the venv's Python is the target's.</summary>
    public static string? Mismatch(DeployTarget target, MarkerEnvironment venv)
    {
        var venvImplementation = venv.PlatformPythonImplementation;
        if (target.RequiresPython is { } range)
        {
            return range.Contains(venv.PythonFullVersion)
                ? null
                : $"the venv runs {Describe(venvImplementation, venv.PythonFullVersion, showImplementation: venvImplementation != "CPython")}, "
                  + $"which {target.Source} {target.Named} does not allow";
        }

        var python = target.Python ?? venv.PythonVersion;
        var sameVersion = python == venv.PythonVersion;
        var sameImplementation = target.Implementation == venvImplementation;
        if (sameVersion && sameImplementation)
        {
            return null;
        }

        var showImplementation = !sameImplementation;
        return $"the venv runs {Describe(venvImplementation, venv.PythonVersion, showImplementation)}, "
               + $"but {target.Source} {target.Verb} {target.Named}"
               + (showImplementation ? $" ({target.Implementation} {python})" : "");
    }

    private static string Describe(string implementation, string version, bool showImplementation) =>
        showImplementation ? $"{implementation} {version}" : $"Python {version}";
}
