using System.Text.RegularExpressions;
using HookGuard.Core.Installed;

namespace HookGuard.Venv;

/// <summary>
/// Which version text pip freeze shows for a distribution whose info directory name and METADATA disagree (a
/// hand-edited or half-upgraded venv; pip-installed wheels always agree). The pip that freezes decides:
/// <list type="bullet">
/// <item>on Python &lt; 3.11 pip uses pkg_resources, which takes the version from a <c>.dist-info</c> directory name
/// (<c>EGG_NAME</c> regex, then <c>safe_version</c>); for <c>.egg-info</c> it re-reads PKG-INFO
/// (<c>EggInfoDistribution._reload_version</c>, because distutils mangled versions in file names);</item>
/// <item>pip ≥ 24.2 with importlib.metadata (Python ≥ 3.11) takes it from a <c>.dist-info</c> name when it is a valid
/// PEP 440 version, else shows METADATA's text as a legacy <c>===</c> pin (pypa/pip#12656);</item>
/// <item>pip 23.x with importlib.metadata reads METADATA.</item>
/// </list>
/// </summary>
internal static partial class ShownVersion
{
    public static string Of(FoundDistribution found, string? pipVersion, (int Major, int Minor) python)
    {
        var metadataVersion = found.Metadata.Version;
        var fileName = Path.GetFileName(found.InfoPath);
        var extension = Path.GetExtension(fileName);
        if (extension is not (".dist-info" or ".egg-info")) return metadataVersion;
        var stem = fileName[..^extension.Length];

        if (python.CompareTo((3, 11)) < 0)
        {
            if (extension != ".dist-info") return metadataVersion;
            // pkg_resources: EGG_NAME = name(-ver(-pyX(-plat)?)?)? where each part stops at '-'.
            var parts = stem.Split('-');
            if (parts.Length < 2 || parts[1].Length == 0 || SameAsEscaped(parts[1], metadataVersion)) return metadataVersion;
            return Pep440().IsMatch(parts[1]) ? parts[1] : SafeVersion(parts[1]);
        }

        var pip = pipVersion is null ? null : PyvenvConfig.ParseMajorMinor(pipVersion);
        var pipReadsDirectoryName = pip is { } p && p.CompareTo((24, 2)) >= 0;
        if (!pipReadsDirectoryName || extension != ".dist-info") return metadataVersion;
        var dash = stem.IndexOf('-');
        if (dash < 0) return metadataVersion;
        var directoryVersion = stem[(dash + 1)..];
        return Pep440().IsMatch(directoryVersion) && !SameAsEscaped(directoryVersion, metadataVersion) ? directoryVersion : metadataVersion;
    }

    /// <summary>
    /// The usual case: the directory carries METADATA's version with '-' escaped to '_' (the wheel file name rule),
    /// so METADATA's text (as the author wrote it) is kept.
    /// </summary>
    private static bool SameAsEscaped(string directoryVersion, string metadataVersion) =>
        string.Equals(directoryVersion, metadataVersion.Replace('-', '_'), StringComparison.Ordinal)
        || string.Equals(directoryVersion, metadataVersion, StringComparison.Ordinal);

    /// <summary>
    /// pkg_resources.safe_version for text that is not PEP 440: runs of other characters than letters, digits and
    /// '.' become '-'. For PEP 440 text it normalizes instead; the result here normalizes to the same version.
    /// </summary>
    private static string SafeVersion(string version) => Unsafe().Replace(version.Replace(' ', '.'), "-");

    [GeneratedRegex("[^A-Za-z0-9.]+")]
    private static partial Regex Unsafe();

    // packaging.version.VERSION_PATTERN (PEP 440 appendix B), anchored and case-insensitive as packaging compiles it.
    [GeneratedRegex("""
        ^\s*v?(?:(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:[-_\.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_\.]?[0-9]*)?(?:-[0-9]+|[-_\.]?(?:post|rev|r)[-_\.]?[0-9]*)?(?:[-_\.]?dev[-_\.]?[0-9]*)?)(?:\+[a-z0-9]+(?:[-_\.][a-z0-9]+)*)?\s*$
        """, RegexOptions.IgnoreCase)]
    private static partial Regex Pep440();
}
