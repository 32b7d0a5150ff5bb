using HookGuard.Core.Installed;

namespace HookGuard.Venv;

/// <summary>
/// Reads what a venv holds from its metadata on disk, without running Python (SPEC sec. 4.4), so that the result
/// agrees with <c>pip freeze</c> on the same venv: the same distributions, the same versions, the same ones hidden.
/// </summary>
public static class VenvReader
{
    /// <summary>
    /// Reads the venv at <paramref name="venvPath"/>. <paramref name="environment"/> looks up environment variables
    /// (<c>HOME</c>, <c>APPDATA</c> and <c>PYTHONUSERBASE</c>, for the user site of a venv with
    /// <c>include-system-site-packages = true</c>; <c>XDG_CACHE_HOME</c>, <c>LOCALAPPDATA</c>, <c>HOME</c> and
    /// <c>HOOKGUARD_NO_CACHE</c> for the <see cref="MetadataCache"/>). Throws <see cref="VenvFormatException"/> when the directory is
    /// not a venv or a metadata file in it is malformed.
    /// </summary>
    /// <remarks>
    /// The venv is read by the layout it has, not by the system HookGuard runs on (<see cref="VenvLayout"/>), and its
    /// markers are those of the system it was made for (<see cref="VenvMarkers"/>): a Windows venv checked from WSL
    /// selects a lock's <c>sys_platform == "win32"</c> packages. Nothing in the venv is run.
    /// </remarks>
    public static InstalledSet Read(string venvPath, Func<string, string?> environment) =>
        Read(venvPath, environment, HostPlatformProbe.Current);

    /// <param name="host">The machine reading the venv (tests pass another system's, to read as Windows would).</param>
    internal static InstalledSet Read(string venvPath, Func<string, string?> environment, HostPlatform host)
    {
        venvPath = Path.GetFullPath(venvPath);
        var configFile = Path.Combine(venvPath, "pyvenv.cfg");
        string configText;
        try
        {
            configText = File.ReadAllText(configFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VenvFormatException(configFile, 0, "not found: the directory is not a virtualenv (python -m venv writes this file)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VenvFormatException(configFile, 0, $"cannot be read: {e.Message}");
        }

        var config = PyvenvConfigParser.Parse(configText, configFile);
        var layout = VenvLayout.Detect(venvPath, config, config.PythonMajorMinor, host);
        var python = config.PythonMajorMinor ?? (layout.Kind == VenvLayoutKind.Posix ? PythonFromLayout(venvPath) : null)
            ?? throw new VenvFormatException(configFile, 0, layout.Kind == VenvLayoutKind.Posix
                ? "has no 'version' and the venv has no lib/pythonX.Y directory to tell the Python version"
                : "has no 'version' (or 'version_info'), and a Windows venv's layout does not tell the Python version");

        var sites = SiteDirectories.Of(venvPath, config, configFile, python, layout, host, environment);
        var cache = MetadataCache.Load(venvPath, environment);
        var listings = new Dictionary<string, DirectoryListing>(StringComparer.Ordinal);
        DirectoryListing List(string directory) =>
            listings.TryGetValue(directory, out var listing) ? listing : listings[directory] = DirectoryListing.Of(directory);
        var found = FirstOnSysPath(sites, SkipsDotPthFiles(config.PythonVersion, python), cache, List);
        cache.SaveIfChanged();

        // The pip that freezes a venv is the one the venv's interpreter imports: the first 'pip' on sys.path.
        var pipVersion = found.FirstOrDefault(d => d.NormalizedName == "pip")?.Metadata.Version;
        var hiddenNames = PipFreezeHiddenNames.For(pipVersion, python);

        var eggLinkSites = EggLinkSites(layout.Purelib(venvPath, python), sites, List);
        var visible = new List<InstalledDistribution>();
        var hidden = new List<InstalledDistribution>();
        foreach (var distribution in found)
        {
            var installed = ToInstalled(distribution, eggLinkSites) with { Version = ShownVersion.Of(distribution, pipVersion, python) };
            (hiddenNames.Contains(distribution.NormalizedName) ? hidden : visible).Add(installed);
        }

        return new InstalledSet(venvPath, VenvMarkers.For(config, python, layout.Kind, host), visible)
        {
            Hidden = hidden,
            SiteDirectories = sites.Select(site => site.Path).ToList(),
            BaseInterpreterHome = config.Home,
        };
    }

    /// <summary>
    /// Walks <c>sys.path</c> as the venv's interpreter builds it: each site directory followed by the entries of
    /// its <c>.pth</c> files; the first distribution of each (normalized) name wins, as in pip's
    /// <c>_DistributionFinder</c> and pkg_resources' <c>WorkingSet</c>.
    /// </summary>
    private static List<FoundDistribution> FirstOnSysPath(
        IReadOnlyList<SiteDirectory> sites, bool skipDotPthFiles, MetadataCache cache, Func<string, DirectoryListing> list)
    {
        var pathEntries = new List<string>();
        var known = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var site in sites)
        {
            if (known.Add(site.Path)) pathEntries.Add(site.Path);
            foreach (var entry in PthFiles.EntriesOf(site.Path, skipDotPthFiles, list))
                if (known.Add(entry)) pathEntries.Add(entry);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<FoundDistribution>();
        foreach (var entry in pathEntries)
            foreach (var distribution in MetadataDirectoryScanner.Scan(entry, cache, list))
                if (seen.Add(distribution.IdentityName))
                    found.Add(distribution);
        return found;
    }

    /// <summary>site.py skips hidden .pth files from 3.13 on, and from 3.12.2 (gh-113659 backport).</summary>
    internal static bool SkipsDotPthFiles(string? fullVersion, (int Major, int Minor) python)
    {
        if (python.CompareTo((3, 13)) >= 0) return true;
        if (python != (3, 12) || fullVersion is null) return false;
        var parts = fullVersion.Split('.');
        return parts.Length >= 3 && int.TryParse(parts[2], out var micro) && micro >= 2;
    }

    private static InstalledDistribution ToInstalled(FoundDistribution found, IReadOnlySet<string> eggLinkSites)
    {
        var location = found.Location;
        var directUrl = found.DirectUrl;
        // pip's editable_project_location: with no direct_url.json, a '<name>.egg-link' in site-packages marks a
        // legacy 'setup.py develop' install; the project is where the metadata was found.
        if (directUrl is null && HasEggLink(found.Metadata.Name, eggLinkSites))
            directUrl = new DirectUrl(new Uri(location + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/'), Editable: true, null, null, null);
        return new InstalledDistribution(found.Metadata.Name, found.Metadata.Version, location, directUrl, found.Metadata.RequiresDist)
        {
            InfoName = found.InfoName,
        };
    }

    /// <summary>
    /// pip's <c>egg_link_path_from_location</c>: in a venv it looks in site-packages, and also in the user site when
    /// the venv sees the system site-packages.
    /// </summary>
    /// <remarks>
    /// Returns the <c>.egg-link</c> file names found there, listed once: asking the file system for two names per
    /// installed distribution would cost more than the rest of reading it, and almost no venv holds any.
    /// </remarks>
    private static IReadOnlySet<string> EggLinkSites(
        string purelib, IReadOnlyList<SiteDirectory> sites, Func<string, DirectoryListing> list)
    {
        var directories = new List<string> { purelib };
        directories.AddRange(sites.Where(s => s.Kind == SiteKind.User).Select(s => s.Path));
        // Names compare as the file system that holds them does: the one of the machine reading the venv.
        var eggLinks = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            // An unreadable or missing site directory lists nothing: it holds no egg-link pip could read either.
            eggLinks.UnionWith(list(directory).EggLinks.Select(eggLink => eggLink.Name));
        }

        return eggLinks;
    }

    private static bool HasEggLink(string rawName, IReadOnlySet<string> eggLinks)
    {
        // pip: safe_name(raw_name) + ".egg-link"; pip >= 24 also tries the raw name (setuptools 69 changed the naming).
        return eggLinks.Count > 0 && (eggLinks.Contains(SafeName(rawName) + ".egg-link") || eggLinks.Contains(rawName + ".egg-link"));
    }

    /// <summary>pkg_resources.safe_name: runs of characters other than ASCII letters, digits and '.' become '-'.</summary>
    private static string SafeName(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '.') { builder.Append(c); inRun = false; }
            else if (!inRun) { builder.Append('-'); inRun = true; }
        }
        return builder.ToString();
    }

    /// <summary>The X.Y of the single <c>lib/pythonX.Y</c> directory, for a pyvenv.cfg without a version key.</summary>
    private static (int Major, int Minor)? PythonFromLayout(string venvPath)
    {
        var lib = Path.Combine(venvPath, "lib");
        if (!Directory.Exists(lib)) return null;
        var candidates = Directory.GetDirectories(lib, "python*")
            .Select(d => PyvenvConfig.ParseMajorMinor(Path.GetFileName(d)["python".Length..]))
            .Where(v => v is not null)
            .Distinct()
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }
}
