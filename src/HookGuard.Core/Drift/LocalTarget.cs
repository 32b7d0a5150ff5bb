using HookGuard.Core.Installed;
using HookGuard.Core.Projects;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Drift;

/// <summary>
/// Where a requirement line without a name (<c>-e .</c>, <c>./libs/x[extra]</c>, <c>file:///...</c>, a VCS URL) points,
/// so it can be matched against the PEP 610 <c>direct_url.json</c> of installed distributions.
/// </summary>
internal sealed record LocalTarget(IReadOnlyList<string> Locations, IReadOnlyList<string> Extras)
{
    /// <summary>
    /// Relative paths are tried against the project directory and against the requirement file's directory: pip reads
    /// them from its working directory, which is the project directory when people run <c>pip install -r</c> there.
    /// </summary>
    public static LocalTarget? From(RequirementEntry entry, ProjectIdentity project)
    {
        var text = StripEditable(entry.Text.Trim());
        var hash = text.IndexOf(" --", StringComparison.Ordinal);
        if (hash >= 0)
        {
            text = text[..hash].Trim();
        }

        IReadOnlyList<string> extras = [];
        if (text.EndsWith(']') && text.LastIndexOf('[') is var open and > 0)
        {
            extras = text[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            text = text[..open];
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            return FileUrlToPath(text) is { } filePath
                ? new LocalTarget([NormalizePath(filePath)], extras)
                : new LocalTarget([NormalizeUrl(text)], extras);
        }

        if (IsAbsolute(text))
        {
            return new LocalTarget([NormalizePath(text)], extras);
        }

        if (project.Directory is null)
        {
            return null;
        }

        var fileDirectory = RepoPath.Parent(entry.Location.File);
        var bases = new List<string> { project.Directory };
        if (IsUnder(project.ProjectPath, fileDirectory))
        {
            bases.Add(Combine(project.Directory, RepoPath.RelativeTo(project.ProjectPath, fileDirectory)));
        }

        return new LocalTarget(bases.Select(directory => NormalizePath(Combine(directory, text))).Distinct().ToArray(), extras);
    }

    public bool IsInstalledAs(InstalledDistribution distribution) =>
        distribution.DirectUrl is { } direct && Locations.Any(location => SameLocation(location, direct.Url));

    /// <summary>Whether <paramref name="distribution"/> was installed from <paramref name="directory"/> (an absolute path).</summary>
    public static bool PointsAt(InstalledDistribution distribution, string directory) =>
        distribution.DirectUrl is { } direct && SameLocation(NormalizePath(directory), direct.Url);

    private static bool SameLocation(string location, string directUrl)
    {
        var installed = FileUrlToPath(directUrl) is { } path ? NormalizePath(path) : NormalizeUrl(directUrl);
        var ignoreCase = location.Length >= 2 && location[1] == ':';
        return string.Equals(location, installed, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string StripEditable(string text)
    {
        foreach (var option in new[] { "--editable=", "--editable", "-e" })
        {
            if (text.StartsWith(option, StringComparison.Ordinal))
            {
                return text[option.Length..].Trim();
            }
        }

        return text;
    }

    private static string? FileUrlToPath(string url)
    {
        if (!url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        // file:///C:/x has the path "/C:/x": the drive letter comes first on Windows.
        return path.Length >= 3 && path[0] == '/' && path[2] == ':' ? path[1..] : path;
    }

    /// <summary>PEP 610 stores VCS URLs without the <c>git+</c> prefix and the revision; so do we before comparing.</summary>
    private static string NormalizeUrl(string url)
    {
        var fragment = url.IndexOf('#');
        if (fragment >= 0)
        {
            url = url[..fragment];
        }

        var plus = url.IndexOf('+');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (plus >= 0 && plus < scheme)
        {
            url = url[(plus + 1)..];
            var revision = url.LastIndexOf('@');
            if (revision > url.IndexOf("://", StringComparison.Ordinal) + 3 && url.IndexOf('/', revision) < 0)
            {
                url = url[..revision];
            }
        }

        return url.TrimEnd('/');
    }

    private static bool IsAbsolute(string path) => path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':');

    private static bool IsUnder(string directory, string path) =>
        directory.Length == 0 || path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);

    private static string Combine(string directory, string relative) =>
        relative.Length == 0 ? directory : directory.TrimEnd('/', '\\') + "/" + relative;

    /// <summary>Forward slashes, <c>.</c> and <c>..</c> resolved by hand (no file system: the core stays pure).</summary>
    private static string NormalizePath(string path)
    {
        var slashed = path.Replace('\\', '/');
        var rooted = slashed.StartsWith('/');
        var segments = new List<string>();
        foreach (var segment in slashed.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return (rooted ? "/" : "") + string.Join('/', segments);
    }
}
