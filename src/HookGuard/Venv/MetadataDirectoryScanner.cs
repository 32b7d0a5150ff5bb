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
    /// <param name="entry">The <c>sys.path</c> entry.</param>
    /// <param name="cache">Parsed METADATA from earlier runs.</param>
    /// <param name="list">Lists a directory (once per venv read: site-packages is also looked at for .pth files and egg-links).</param>
    public static IEnumerable<FoundDistribution> Scan(string entry, MetadataCache cache, Func<string, DirectoryListing> list)
    {
        if (!Directory.Exists(entry)) yield break; // zip entries (python3X.zip, wheels) hold no installed distributions

        var listing = list(entry);
        foreach (var found in ScanInfos(entry, listing, cache)) yield return found;

        foreach (var eggLink in listing.EggLinks)
        {
            var target = ReadEggLinkTarget(listing.PathOf(eggLink));
            if (target is null || target.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)) continue;
            var targetPath = Path.GetFullPath(target, entry);
            if (!Directory.Exists(targetPath)) continue;
            foreach (var found in ScanInfos(targetPath, list(targetPath), cache)) yield return found;
        }
    }

    private static IEnumerable<FoundDistribution> ScanInfos(string entry, DirectoryListing listing, MetadataCache cache)
    {
        var location = Path.TrimEndingDirectorySeparator(entry); // what GetDirectoryName of an info path gives
        using var probe = FileProbe.For(location);
        foreach (var info in listing.Infos)
        {
            if (Read(probe, info, cache) is { } found && IsValidProjectName(found.IdentityName))
                yield return found;
        }
    }

    /// <summary>
    /// Reads one info directory or file; null when it holds no metadata (pip skips such leftovers with a warning:
    /// "Skipping ... due to Name missing").
    /// </summary>
    /// <remarks>
    /// This runs once per installed distribution on every commit, so it asks the file system as little as it can: the
    /// entry's kind comes from the directory listing, METADATA's stamp from the probe (the file is opened only when
    /// the cache does not know it), and direct_url.json is opened only when the probe finds one.
    /// </remarks>
    private static FoundDistribution? Read(FileProbe probe, ListedEntry info, MetadataCache cache)
    {
        // importlib.metadata: METADATA, else PKG-INFO; a single-file .egg-info is PKG-INFO itself.
        var metadata = info.IsDirectory
            ? cache.Read(probe, info.Name, "METADATA", TryParseMetadata) ?? cache.Read(probe, info.Name, "PKG-INFO", TryParseMetadata)
            : cache.Read(probe, info.Name, null, TryParseMetadata);
        if (metadata is null) return null;

        DirectUrl? directUrl = null;
        if (info.IsDirectory && probe.Stat(info.Name, "direct_url.json") is not null)
        {
            var directUrlFile = Path.Join(probe.Directory, info.Name, "direct_url.json");
            try
            {
                directUrl = DirectUrlParser.Parse(File.ReadAllText(directUrlFile), directUrlFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new VenvFormatException(directUrlFile, 0, $"cannot be read: {e.Message}");
            }
        }
        return new FoundDistribution(metadata, probe.Directory, info.Name, directUrl);
    }

    /// <summary>The parsed header block of <paramref name="metadataFile"/>, or null when there is no such file.</summary>
    private static DistributionMetadata? TryParseMetadata(string metadataFile)
    {
        try
        {
            // Only the header block is read: MetadataParser stops at the first blank line, before the description.
            using var stream = new FileStream(metadataFile, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return MetadataParser.Parse(reader, metadataFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VenvFormatException(metadataFile, 0, $"cannot be read: {e.Message}");
        }
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

    /// <summary>
    /// pip's <c>iter_all_distributions</c> ignores names that are not PEP 508 project names (leftovers like
    /// <c>~atplotlib.dist-info</c> from interrupted installs).
    /// </summary>
    private static bool IsValidProjectName(string normalizedName) => ValidProjectName().IsMatch(normalizedName);

    [GeneratedRegex("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex ValidProjectName();
}
