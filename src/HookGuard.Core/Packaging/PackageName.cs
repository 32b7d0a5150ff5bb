using System.Text.RegularExpressions;

namespace HookGuard.Core.Packaging;

/// <summary>Project names as PEP 503 compares them.</summary>
public static partial class PackageName
{
    /// <summary>
    /// Lower-cases and collapses runs of <c>-</c>, <c>_</c> and <c>.</c> into one <c>-</c>
    /// (https://peps.python.org/pep-0503/#normalized-names).
    /// </summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    [GeneratedRegex(@"[-_.]+")]
    private static partial Regex Separators();
}
