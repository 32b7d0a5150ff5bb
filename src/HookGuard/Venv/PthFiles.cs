namespace HookGuard.Venv;

/// <summary>
/// The <c>sys.path</c> entries that <c>.pth</c> files in a site directory add, the way <c>site.addpackage</c> does
/// (https://docs.python.org/3/library/site.html): files in name order (Python 3.13 and 3.12.2+ skip names starting
/// with <c>.</c>, gh-113659);
/// per line, <c>#</c> comments and blank lines are skipped, lines starting with <c>import</c> are code (never run
/// here: HookGuard does not execute the venv), anything else is a directory relative to the site directory,
/// added when it exists and is not on the path already. Editable installs use this: setuptools'
/// <c>__editable__.*.pth</c> and legacy <c>easy-install.pth</c>.
/// </summary>
internal static class PthFiles
{
    /// <param name="siteDirectory">The site directory.</param>
    /// <param name="skipDotFiles">Whether names starting with '.' are skipped (see <see cref="PthFiles"/>).</param>
    /// <param name="list">Lists a directory.</param>
    public static IEnumerable<string> EntriesOf(string siteDirectory, bool skipDotFiles, Func<string, DirectoryListing> list) =>
        EntriesWithSourceOf(siteDirectory, skipDotFiles, list).Select(entry => entry.Path);

    /// <summary>As <see cref="EntriesOf"/>, with the name of the <c>.pth</c> file that adds each entry.</summary>
    public static IEnumerable<(string PthName, string Path)> EntriesWithSourceOf(string siteDirectory, bool skipDotFiles, Func<string, DirectoryListing> list)
    {
        var listing = list(siteDirectory);
        foreach (var pth in listing.PthFiles)
        {
            if (pth.IsDirectory || (skipDotFiles && pth.Name.StartsWith('.'))) continue;
            var file = listing.PathOf(pth);
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (IOException) { continue; } // site.py also skips a .pth it cannot open
            catch (UnauthorizedAccessException) { continue; }

            foreach (var rawLine in lines)
            {
                var line = rawLine.TrimStart('\uFEFF');
                if (line.StartsWith('#') || line.Trim().Length == 0) continue;
                if (line.StartsWith("import ", StringComparison.Ordinal) || line.StartsWith("import\t", StringComparison.Ordinal)) continue;
                if (line.Contains('\0')) continue; // os.path.exists() is False for a path with a NUL (and .NET refuses it)
                var entry = Path.GetFullPath(line.TrimEnd(), siteDirectory);
                if (Directory.Exists(entry) || File.Exists(entry))
                    yield return (pth.Name, entry);
            }
        }
    }
}
