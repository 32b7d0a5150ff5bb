using System.IO.Enumeration;

namespace HookGuard.Venv;

/// <summary>
/// The entries of one <c>sys.path</c> directory that finding distributions looks at: info directories and files
/// (<c>*.dist-info</c>, <c>*.egg-info</c>, an egg's <c>EGG-INFO</c>), <c>*.egg-link</c> files and <c>*.pth</c>
/// files, each sorted by name. A site-packages directory is listed once per read, for all three uses; the package
/// directories beside the metadata (half of a big venv) are skipped without allocating anything for them.
/// </summary>
internal sealed class DirectoryListing
{

    private DirectoryListing(string directory, IReadOnlyList<ListedEntry> infos, IReadOnlyList<ListedEntry> eggLinks, IReadOnlyList<ListedEntry> pthFiles)
    {
        Directory = directory;
        Infos = infos;
        EggLinks = eggLinks;
        PthFiles = pthFiles;
    }

    /// <summary>The directory listed, as given.</summary>
    public string Directory { get; }

    /// <summary>The path of an entry (built when asked: most entries only need it with a file name after it).</summary>
    public string PathOf(ListedEntry entry) => System.IO.Path.Join(Directory, entry.Name);

    /// <summary>Info directories and files, by name (importlib.metadata walks <c>os.listdir</c> order, which the file
    /// system decides; sorting makes the rare case of two info directories for one project deterministic).</summary>
    public IReadOnlyList<ListedEntry> Infos { get; }

    /// <summary>Files named <c>*.egg-link</c>, by name.</summary>
    public IReadOnlyList<ListedEntry> EggLinks { get; }

    /// <summary>Entries named <c>*.pth</c> (site.py matches the name only), by name.</summary>
    public IReadOnlyList<ListedEntry> PthFiles { get; }

    /// <summary>Lists <paramref name="directory"/>; a directory that cannot be listed holds nothing (as for pip and site.py).</summary>
    public static DirectoryListing Of(string directory)
    {
        var baseIsEgg = directory.EndsWith(".egg", StringComparison.OrdinalIgnoreCase);
        try
        {
            var entries = new FileSystemEnumerable<ListedEntry>(
                directory,
                (ref FileSystemEntry entry) => new ListedEntry(entry.FileName.ToString(), entry.IsDirectory, KindOf(entry.FileName, baseIsEgg)),
                new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false })
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => KindOf(entry.FileName, baseIsEgg) != ListedKind.Other,
            }.ToList();
            entries.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
            return new DirectoryListing(
                directory,
                entries.Where(e => e.Kind == ListedKind.Info).ToList(),
                entries.Where(e => e.Kind == ListedKind.EggLink && !e.IsDirectory).ToList(),
                entries.Where(e => e.Kind == ListedKind.Pth).ToList());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DirectoryListing(directory, [], [], []);
        }
    }

    private static ListedKind KindOf(ReadOnlySpan<char> name, bool baseIsEgg)
    {
        if (name.EndsWith(".dist-info", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".egg-info", StringComparison.OrdinalIgnoreCase)
            || (baseIsEgg && name.Equals("egg-info", StringComparison.OrdinalIgnoreCase)))
        {
            return ListedKind.Info;
        }

        return name.EndsWith(".egg-link", StringComparison.Ordinal) ? ListedKind.EggLink
            : name.EndsWith(".pth", StringComparison.Ordinal) ? ListedKind.Pth
            : ListedKind.Other;
    }
}

internal enum ListedKind { Other, Info, EggLink, Pth }

/// <summary>One listed entry, with its kind as the listing reports it (symbolic links followed).</summary>
internal readonly record struct ListedEntry(string Name, bool IsDirectory, ListedKind Kind);
