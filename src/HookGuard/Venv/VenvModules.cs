using System.IO.Enumeration;
using System.Text;
using HookGuard.Core.Imports;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;

namespace HookGuard.Venv;

/// <summary>
/// Which installed distribution provides each importable top-level module of a venv, read from the venv's files
/// without running its Python: what <c>importlib.metadata.packages_distributions()</c> says
/// (<see cref="DistributionModules"/>), plus what it cannot see (<see cref="ModuleEvidence"/>): modules in a site
/// directory that a RECORD claims but <c>top_level.txt</c> leaves out, the source directories that editable installs
/// add through <c>.pth</c> files, setuptools' editable finders, and files no metadata claims at all.
/// </summary>
/// <remarks>
/// <para>Runs on the commit path, and only when an import is not the standard library's or the project's own. Per
/// distribution it reads <c>top_level.txt</c> (one small file), and its file list only where that is missing or empty.
/// Each site directory is listed once more (the venv reader's listing keeps only metadata entries); a RECORD beyond
/// those is read only to find the owner of an entry no metadata named, trying the distributions whose name the entry
/// contains first.</para>
/// <para>Unreadable files and directories count as absent, as they do for importlib.metadata: this never throws.</para>
/// </remarks>
public static class VenvModules
{
    /// <summary>The importable top-level names of <paramref name="installed"/> (visible and hidden distributions).</summary>
    public static ModuleProviders Read(InstalledSet installed) => Compute(installed, dependencies: null);

    /// <summary>
    /// As <see cref="Read(InstalledSet)"/>, through the <see cref="ModulesCache"/> when <paramref name="environment"/>
    /// allows one (<c>XDG_CACHE_HOME</c>, <c>LOCALAPPDATA</c> or <c>HOME</c>; not with <c>HOOKGUARD_NO_CACHE=1</c>).
    /// </summary>
    public static ModuleProviders Read(InstalledSet installed, Func<string, string?> environment)
    {
        if (ModulesCache.FileFor(installed.VenvPath, environment) is not { } file) return Read(installed);
        if (ModulesCache.TryLoad(file, installed) is { } cached) return cached;
        var dependencies = new HashSet<ModulesCache.Dependency>();
        var providers = Compute(installed, dependencies);
        ModulesCache.Save(file, installed, dependencies, providers);
        return providers;
    }

    /// <param name="installed">The venv's distributions.</param>
    /// <param name="dependencies">Collects what the answer depends on (for the cache); null when not cached.</param>
    private static ModuleProviders Compute(InstalledSet installed, HashSet<ModulesCache.Dependency>? dependencies)
    {
        var suffixes = SuffixesFor(installed);
        var builder = new ModuleProviders.Builder();
        var infoDirectories = new InfoDirectoryFinder();
        var listings = new Dictionary<string, DirectoryEntries>(StringComparer.Ordinal);
        DirectoryEntries List(string directory)
        {
            if (listings.TryGetValue(directory, out var listing)) return listing;
            dependencies?.Add(new ModulesCache.Dependency(directory, IsDirectory: true));
            return listings[directory] = DirectoryEntries.Of(directory, suffixes);
        }
        var probes = new Dictionary<string, FileProbe>(StringComparer.Ordinal);
        try
        {
            var sites = installed.SiteDirectories.Count > 0
                ? installed.SiteDirectories
                : installed.Distributions.Concat(installed.Hidden).Select(d => d.Location).Distinct(StringComparer.Ordinal).ToList();
            var distributions = new List<DistributionFiles>(installed.Distributions.Count + installed.Hidden.Count);
            foreach (var distribution in installed.Distributions.Concat(installed.Hidden))
            {
                if (!probes.TryGetValue(distribution.Location, out var probe)) probes[distribution.Location] = probe = FileProbe.For(distribution.Location);
                var infoName = infoDirectories.Find(distribution);
                var files = new DistributionFiles(distribution, probe, infoName, suffixes);
                distributions.Add(files);
                if (infoName is null) continue;
                if (dependencies is not null && !sites.Contains(distribution.Location))
                {
                    // Outside a site directory (a legacy develop's egg-info in its project) info files change in place.
                    foreach (var file in (ReadOnlySpan<string>)["top_level.txt", "RECORD", "installed-files.txt", "SOURCES.txt"])
                        dependencies.Add(new ModulesCache.Dependency(Path.Join(distribution.Location, infoName, file), IsDirectory: false));
                }

                var declared = files.ReadInfoFile("top_level.txt") is { } topLevel ? DistributionModules.FromTopLevelText(topLevel) : [];
                if (declared.Count > 0)
                {
                    foreach (var name in declared) builder.Add(name, new ModuleProvider(distribution.Name, ModuleEvidence.TopLevelText));
                    continue;
                }

                // importlib.metadata's skip_missing_files (3.12+): a listed file that is not there does not count.
                var listing = List(distribution.Location);
                foreach (var entry in files.Entries)
                    if (entry.ModuleName is { } name && !builder.Provides(name, distribution.NormalizedName) && listing.Contains(entry.Entry))
                        builder.Add(name, new ModuleProvider(distribution.Name, ModuleEvidence.FileList));
            }

            var skipDotPth = VenvReader.SkipsDotPthFiles(installed.Environment.PythonFullVersion, installed.Python);
            foreach (var site in sites)
                AddSiteDirectory(site, List, distributions, skipDotPth, builder, dependencies);
            return builder.Build();
        }
        finally
        {
            foreach (var probe in probes.Values) probe.Dispose();
        }
    }

    /// <summary>What a site directory makes importable beyond its distributions' declared names.</summary>
    private static void AddSiteDirectory(
        string site, Func<string, DirectoryEntries> list, List<DistributionFiles> distributions, bool skipDotPth, ModuleProviders.Builder builder,
        HashSet<ModulesCache.Dependency>? dependencies)
    {
        var listing = list(site);
        if (dependencies is not null)
        {
            foreach (var pth in listing.PthFiles)
                dependencies.Add(new ModulesCache.Dependency(Path.Join(site, pth), IsDirectory: false));
            foreach (var finder in listing.Finders)
                dependencies.Add(new ModulesCache.Dependency(Path.Join(site, finder), IsDirectory: false));
        }
        var entries = listing.Importable;
        var finders = listing.Finders;
        var pthDirectories = PthFiles.EntriesWithSourceOf(site, skipDotPth, DirectoryListing.Of)
            .Where(entry => Directory.Exists(entry.Path))
            .ToList();

        // Entries whose owner only a RECORD can tell: unclaimed modules, .pth files that add directories, finders.
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, entry, _) in entries)
            if (!builder.Provides(name)) wanted.Add(entry);
        foreach (var (pthName, _) in pthDirectories) wanted.Add(pthName);
        foreach (var finder in finders) wanted.Add(finder);
        var owners = wanted.Count == 0 ? [] : OwnersOf(wanted, site, distributions);

        Dictionary<string, InstalledDistribution>? byName = null;
        foreach (var (name, entry, _) in entries)
        {
            if (builder.Provides(name)) continue;
            if (owners.TryGetValue(entry, out var owner))
            {
                builder.Add(name, new ModuleProvider(owner.Name, ModuleEvidence.RecordBeyondTopLevel));
                continue;
            }

            byName ??= DistributionsByName(site, distributions);
            builder.Add(name, byName.TryGetValue(PackageName.Normalize(name), out var namesake)
                ? new ModuleProvider(namesake.Name, ModuleEvidence.NameMatch, Path.Join(site, entry))
                : new ModuleProvider(null, ModuleEvidence.Unowned, Path.Join(site, entry)));
        }

        foreach (var finder in finders)
        {
            var path = Path.Join(site, finder);
            if (ReadText(path) is not { } source) continue;
            // A finder no RECORD claims still makes its names importable: they count, as nobody's.
            var owner = owners.GetValueOrDefault(finder);
            foreach (var name in EditableFinderMapping.TopLevelNames(source))
                builder.Add(name, owner is null ? new ModuleProvider(null, ModuleEvidence.Unowned, path) : new ModuleProvider(owner.Name, ModuleEvidence.EditableFinder, path));
        }

        foreach (var (pthName, directory) in pthDirectories)
        {
            owners.TryGetValue(pthName, out var owner);
            foreach (var (name, entry, _) in list(directory).Importable)
            {
                if (owner is not null)
                {
                    if (!builder.Provides(name, owner.NormalizedName))
                        builder.Add(name, new ModuleProvider(owner.Name, ModuleEvidence.PthDirectory, Path.Join(directory, entry)));
                }
                else if (!builder.Provides(name))
                {
                    builder.Add(name, new ModuleProvider(null, ModuleEvidence.Unowned, Path.Join(directory, entry)));
                }
            }
        }
    }

    /// <summary>
    /// Finds, for each wanted top-level entry of <paramref name="site"/>, the distribution there whose file list names
    /// it, reading file lists only until every entry has an owner.
    /// </summary>
    private static Dictionary<string, InstalledDistribution> OwnersOf(HashSet<string> wanted, string site, List<DistributionFiles> distributions)
    {
        var owners = new Dictionary<string, InstalledDistribution>(StringComparer.Ordinal);
        var here = distributions.Where(d => d.InfoName is not null && string.Equals(d.Distribution.Location, site, StringComparison.Ordinal)).ToList();
        // Likely owners first: '_foo.pth', '__editable__.foo-1.0.pth' and 'foo.py' all contain the name 'foo'.
        var squashed = wanted.Select(Squash).ToList();
        var ordered = here.Where(d => squashed.Exists(w => w.Contains(Squash(d.Distribution.Name), StringComparison.Ordinal)))
            .Concat(here.Where(d => !squashed.Exists(w => w.Contains(Squash(d.Distribution.Name), StringComparison.Ordinal))));
        foreach (var files in ordered)
        {
            foreach (var entry in files.Entries)
                if (wanted.Remove(entry.Entry)) owners[entry.Entry] = files.Distribution;
            if (wanted.Count == 0) break;
        }
        return owners;
    }

    /// <summary>The distributions installed in <paramref name="site"/>, by normalized name.</summary>
    private static Dictionary<string, InstalledDistribution> DistributionsByName(string site, List<DistributionFiles> distributions)
    {
        var byName = new Dictionary<string, InstalledDistribution>(StringComparer.Ordinal);
        foreach (var files in distributions)
            if (string.Equals(files.Distribution.Location, site, StringComparison.Ordinal))
                byName.TryAdd(files.Distribution.NormalizedName, files.Distribution);
        return byName;
    }

    /// <summary>A name with case and the separators - _ . dropped, so "Foo_Bar" is found in "__editable__.foo_bar-1.0.pth".</summary>
    private static string Squash(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
            if (c is not ('-' or '_' or '.')) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    /// <summary>One listing of a directory: every name in it, its importable entries, its setuptools editable finders.</summary>
    private sealed class DirectoryEntries
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public List<(string Name, string Entry, bool IsDirectory)> Importable { get; } = [];

        public List<string> Finders { get; } = [];

        /// <summary>Names ending in <c>.pth</c> (what site.py reads; the cache watches them).</summary>
        public List<string> PthFiles { get; } = [];

        /// <summary>Whether the directory holds an entry of that name (what importlib.metadata's exists() asks of a
        /// top-level entry; a listed file under a present directory is taken to be there).</summary>
        public bool Contains(string entry) => _names.Contains(entry);

        public static DirectoryEntries Of(string directory, ModuleFileSuffixes suffixes)
        {
            var result = new DirectoryEntries();
            try
            {
                var enumerable = new FileSystemEnumerable<(string Entry, bool IsDirectory)>(
                    directory,
                    (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory),
                    new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false });
                foreach (var (entry, isDirectory) in enumerable)
                {
                    result._names.Add(entry);
                    if (entry.EndsWith(".pth", StringComparison.Ordinal)) result.PthFiles.Add(entry);
                    if (!isDirectory && EditableFinderMapping.IsFinderFileName(entry)) result.Finders.Add(entry);
                    if (suffixes.ImportableName(entry, isDirectory) is { } name) result.Importable.Add((name, entry, isDirectory));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A directory that cannot be listed makes nothing importable.
            }
            result.Importable.Sort((a, b) => string.CompareOrdinal(a.Entry, b.Entry));
            result.Finders.Sort(StringComparer.Ordinal);
            return result;
        }
    }

    /// <summary>A file's text (UTF-8, invalid bytes replaced), or null when it is absent or unreadable.</summary>
    private static string? ReadText(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ModuleFileSuffixes SuffixesFor(InstalledSet installed)
    {
        var (major, minor) = installed.Python;
        return new ModuleFileSuffixes(major, minor, windows: installed.Environment.SysPlatform == "win32");
    }

    /// <summary>One distribution's info directory and, read once when first asked, its file list.</summary>
    /// <remarks>Files are looked for with the location's <see cref="FileProbe"/> (a stat relative to an open directory
    /// handle) and opened only when there: a missing top_level.txt, in half the venvs, costs no exception.</remarks>
    private sealed class DistributionFiles(InstalledDistribution distribution, FileProbe probe, string? infoName, ModuleFileSuffixes suffixes)
    {
        public InstalledDistribution Distribution { get; } = distribution;

        /// <summary>The info directory's name in the distribution's location; null when there is none to read.</summary>
        public string? InfoName { get; } = infoName;

        /// <summary>
        /// <c>Distribution.files</c>' top-level entries: RECORD, else installed-files.txt, else SOURCES.txt (the first
        /// that exists and is not empty).
        /// </summary>
        public IReadOnlyList<TopLevelEntry> Entries => field ??= Read();

        /// <summary>The text of a file in the info directory; null when it is absent or unreadable.</summary>
        public string? ReadInfoFile(string file) =>
            InfoName is not null && probe.Stat(InfoName, file) is not null ? ReadText(Path.Join(probe.Directory, InfoName, file)) : null;

        private IReadOnlyList<TopLevelEntry> Read()
        {
            if (ReadInfoFile("RECORD") is { Length: > 0 } record) return DistributionModules.FromRecord(record, suffixes);
            if (ReadInfoFile("installed-files.txt") is { Length: > 0 } installedFiles)
                return DistributionModules.FromInstalledFiles(installedFiles, InfoName!, suffixes);
            return ReadInfoFile("SOURCES.txt") is { Length: > 0 } sources ? DistributionModules.FromSourcesText(sources, suffixes) : [];
        }
    }

    /// <summary>
    /// Finds the name of a distribution's info directory: the one the venv reader saw, else (for <c>pip inspect</c>'s installed
    /// set) the <c>NAME-*.dist-info</c> / <c>NAME*.egg-info</c> directory in its location whose name normalizes to it.
    /// </summary>
    private sealed class InfoDirectoryFinder
    {
        private readonly Dictionary<string, List<string>> _infosByLocation = new(StringComparer.Ordinal);

        public string? Find(InstalledDistribution distribution)
        {
            // A single-file PKG-INFO egg-info holds no files: every probe under it answers "absent".
            if (distribution.InfoName is { } known) return known;

            if (!_infosByLocation.TryGetValue(distribution.Location, out var infos))
                _infosByLocation[distribution.Location] = infos = InfosIn(distribution.Location);
            foreach (var info in infos)
            {
                var stem = Path.GetFileNameWithoutExtension(info.AsSpan());
                var dash = stem.IndexOf('-');
                if (PackageName.Normalize((dash < 0 ? stem : stem[..dash]).ToString()) == distribution.NormalizedName)
                    return info;
            }
            return null;
        }

        private static List<string> InfosIn(string location)
        {
            try
            {
                var infos = Directory.EnumerateDirectories(location, "*-info")
                    .Select(Path.GetFileName)
                    .Where(name => name is not null && (name.EndsWith(".dist-info", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".egg-info", StringComparison.OrdinalIgnoreCase)))
                    .Select(name => name!)
                    .ToList();
                infos.Sort(StringComparer.Ordinal);
                return infos;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }
    }
}
