namespace HookGuard.Core.Installed;

/// <summary>
/// What a venv's <c>pyvenv.cfg</c> says (https://docs.python.org/3/library/venv.html, PEP 405): where the base
/// interpreter lives, whether the base site-packages are visible, and the Python version.
/// </summary>
/// <param name="Home">The directory of the base interpreter executable (<c>home</c>), if given.</param>
/// <param name="IncludeSystemSitePackages"><c>include-system-site-packages = true</c>: the base site-packages (and
/// the user site) are on <c>sys.path</c> too, after the venv's own.</param>
/// <param name="PythonVersion">The full version from <c>version</c> (venv) or <c>version_info</c> (virtualenv, uv),
/// e.g. <c>3.11.7</c>; <see langword="null"/> when neither key is present.</param>
/// <param name="Implementation">The <c>implementation</c> key virtualenv writes (<c>CPython</c>, <c>PyPy</c>), if any.</param>
public sealed record PyvenvConfig(string? Home, bool IncludeSystemSitePackages, string? PythonVersion, string? Implementation)
{
    /// <summary>Major and minor of <see cref="PythonVersion"/> (<c>3.11.7.final.0</c> gives 3, 11); null if absent.</summary>
    public (int Major, int Minor)? PythonMajorMinor => PythonVersion is null ? null : ParseMajorMinor(PythonVersion);

    /// <summary>Parses "X.Y[...]" into (X, Y); null when the text does not start that way.</summary>
    public static (int Major, int Minor)? ParseMajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(LeadingDigits(parts[1]), out var minor)
            ? (major, minor)
            : null;
    }

    private static string LeadingDigits(string text)
    {
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return text[..end];
    }
}
