using System.Text;
using System.Text.RegularExpressions;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;

namespace HookGuard.Venv;

/// <summary>
/// Finds the distributions in one <c>sys.path</c> entry the way pip's importlib backend does
/// (pip/_internal/metadata/importlib/_envs.py <c>_DistributionFinder</c>, on top of
/// <c>importlib.metadata.distributions(path=[entry])</c>): every child named <c>*.dist-info</c> or <c>*.egg-info</c>
/// (directory or file), the <c>EGG-INFO</c> of an entry that is itself an <c>.egg</c> directory, and then the
/// targets of <c>*.egg-link</c> files (legacy <c>setup.py develop</c> editables), last, because that is how
/// pkg_resources breaks ties.
/// </summary>
internal static partial class MetadataDirectoryScanner
{
    public static IEnumerable<FoundDistribution> Scan(string entry)
    {
        if (!Directory.Exists(entry)) yield break; // zip entries (python3X.zip, wheels) hold no installed distributions

        foreach (var found in ScanInfos(entry)) yield return found;

        foreach (var eggLink in SafeChildren(entry).Where(c => c.EndsWith(".egg-link", StringComparison.Ordinal) && File.Exists(c)))
        {
            var target = ReadEggLinkTarget(eggLink);
            if (target is null || target.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)) continue;
            var targetPath = Path.GetFullPath(target, entry);
            if (!Directory.Exists(targetPath)) continue;
            foreach (var found in ScanInfos(targetPath)) yield return found;
        }
    }

    private static IEnumerable<FoundDistribution> ScanInfos(string entry)
    {
        var baseIsEgg = entry.EndsWith(".egg", StringComparison.OrdinalIgnoreCase);
        foreach (var child in SafeChildren(entry))
        {
            var name = Path.GetFileName(child);
            var isInfo = name.EndsWith(".dist-info", StringComparison.OrdinalIgnoreCase)
                      || name.EndsWith(".egg-info", StringComparison.OrdinalIgnoreCase)
                      || (baseIsEgg && name.Equals("egg-info", StringComparison.OrdinalIgnoreCase));
            if (!isInfo) continue;
            if (Read(child) is { } found && IsValidProjectName(found.IdentityName))
                yield return found;
        }
    }

    /// <summary>
    /// Reads one info directory or file; null when it holds no metadata (pip skips such leftovers with a warning:
    /// "Skipping ... due to Name missing").
    /// </summary>
    private static FoundDistribution? Read(string infoPath)
    {
        string? metadataFile;
        if (Directory.Exists(infoPath))
        {
            // importlib.metadata: METADATA, else PKG-INFO.
            metadataFile = Path.Combine(infoPath, "METADATA");
            if (!File.Exists(metadataFile))
            {
                metadataFile = Path.Combine(infoPath, "PKG-INFO");
                if (!File.Exists(metadataFile)) return null;
            }
        }
        else if (File.Exists(infoPath))
        {
            metadataFile = infoPath; // a single-file .egg-info is PKG-INFO itself
        }
        else return null;

        DistributionMetadata metadata;
        try
        {
            // Only the header block is read: MetadataParser stops at the first blank line, before the description.
            using var stream = new FileStream(metadataFile, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            metadata = MetadataParser.Parse(reader, metadataFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VenvFormatException(metadataFile, 0, $"cannot be read: {e.Message}");
        }

        DirectUrl? directUrl = null;
        var directUrlFile = Path.Combine(infoPath, "direct_url.json");
        if (File.Exists(directUrlFile))
        {
            try
            {
                directUrl = DirectUrlParser.Parse(File.ReadAllText(directUrlFile), directUrlFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new VenvFormatException(directUrlFile, 0, $"cannot be read: {e.Message}");
            }
        }
        return new FoundDistribution(metadata, infoPath, directUrl);
    }

    /// <summary>pip's <c>.egg-link</c> reading: the first non-empty line, stripped, is the linked directory.</summary>
    private static string? ReadEggLinkTarget(string eggLink)
    {
        try
        {
            foreach (var line in File.ReadLines(eggLink))
                if (line.Trim() is { Length: > 0 } target) return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VenvFormatException(eggLink, 0, $"cannot be read: {e.Message}");
        }
        return null;
    }

    private static string[] SafeChildren(string directory)
    {
        try
        {
            var children = Directory.GetFileSystemEntries(directory);
            // importlib.metadata walks os.listdir order, which the file system decides; sorting makes the
            // (rare) case of two info directories for one project in one directory deterministic.
            Array.Sort(children, StringComparer.Ordinal);
            return children;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// pip's <c>iter_all_distributions</c> ignores names that are not PEP 508 project names (leftovers like
    /// <c>~atplotlib.dist-info</c> from interrupted installs).
    /// </summary>
    private static bool IsValidProjectName(string normalizedName) => ValidProjectName().IsMatch(normalizedName);

    [GeneratedRegex("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex ValidProjectName();
}
