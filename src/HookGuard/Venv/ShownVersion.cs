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
        // Runs once per installed distribution on every commit: spans until the (rare) disagreement is found.
        var metadataVersion = found.Metadata.Version;
        var fileName = found.InfoName.AsSpan();
        var extension = Path.GetExtension(fileName);
        var isDistInfo = extension.SequenceEqual(".dist-info");
        if (!isDistInfo && !extension.SequenceEqual(".egg-info")) return metadataVersion;
        var stem = fileName[..^extension.Length];
        var dash = stem.IndexOf('-');

        if (python.CompareTo((3, 11)) < 0)
        {
            if (!isDistInfo || dash < 0) return metadataVersion;
            // pkg_resources: EGG_NAME = name(-ver(-pyX(-plat)?)?)? where each part stops at '-'.
            var rest = stem[(dash + 1)..];
            var version = rest.IndexOf('-') is var end and >= 0 ? rest[..end] : rest;
            if (version.Length == 0 || SameAsEscaped(version, metadataVersion)) return metadataVersion;
            var text = version.ToString();
            return Pep440().IsMatch(text) ? text : SafeVersion(text);
        }

        var pip = pipVersion is null ? null : PyvenvConfig.ParseMajorMinor(pipVersion);
        var pipReadsDirectoryName = pip is { } p && p.CompareTo((24, 2)) >= 0;
        if (!pipReadsDirectoryName || !isDistInfo || dash < 0) return metadataVersion;
        var directoryVersion = stem[(dash + 1)..];
        return !SameAsEscaped(directoryVersion, metadataVersion) && Pep440().IsMatch(directoryVersion) ? directoryVersion.ToString() : metadataVersion;
    }

    /// <summary>
    /// The usual case: the directory carries METADATA's version with '-' escaped to '_' (the wheel file name rule),
    /// so METADATA's text (as the author wrote it) is kept.
    /// </summary>
    private static bool SameAsEscaped(ReadOnlySpan<char> directoryVersion, string metadataVersion)
    {
        if (directoryVersion.SequenceEqual(metadataVersion)) return true;
        if (directoryVersion.Length != metadataVersion.Length) return false;
        for (var i = 0; i < directoryVersion.Length; i++)
        {
            var escaped = metadataVersion[i] == '-' ? '_' : metadataVersion[i];
            if (directoryVersion[i] != escaped) return false;
        }

        return true;
    }

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
