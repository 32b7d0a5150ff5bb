using System.Text.RegularExpressions;
using HookGuard.Core.Packaging;

namespace HookGuard.Core.Requirements;

/// <summary>
/// Turns the requirement part of a line into a <see cref="Requirement"/> the way pip's
/// <c>pip/_internal/req/constructors.py</c> does (<c>parse_req_from_line</c>, <c>parse_editable</c>), without
/// touching the file system or building anything. Null means pip would only learn the name by building.
/// Where pip asks the disk ("is this path a directory, and a project?") the caller's oracle answers; without one, a path-like text
/// that is neither an archive nor a valid PEP 508 requirement (and an editable without a URL scheme) is taken to be a
/// local project directory.
/// </summary>
internal static partial class RequirementLineInterpreter
{
    // pip/_internal/vcs: is_url accepts these schemes; VCS names get "name+" prefixed for editables.
    private static readonly string[] VcsSchemes =
    [
        "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
        "git+http", "git+https", "git+ssh", "git+git", "git+file",
        "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
        "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
    ];
    private static readonly string[] VcsNames = ["bzr", "git", "hg", "svn"];
    private static readonly string[] UrlSchemes = ["http", "https", "file", "ftp", .. VcsSchemes];

    // pip/_internal/utils/filetypes.py ARCHIVE_EXTENSIONS
    private static readonly string[] ArchiveExtensions =
        [".zip", ".whl", ".tar.bz2", ".tbz", ".tar.gz", ".tgz", ".tar", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma"];

    /// <exception cref="RequirementFileError">pip would refuse the requirement.</exception>
    public static Requirement? Interpret(string text, bool editable, SourceLocation location, Func<string, LocalPathKind>? localPath)
    {
        try
        {
            return editable ? FromEditable(text, localPath) : FromLine(text, localPath);
        }
        catch (PackagingFormatException e)
        {
            throw new RequirementFileError(location, $"invalid requirement '{text}': {e.Message}");
        }
        catch (InvalidRequirementLine e)
        {
            throw new RequirementFileError(location, e.Message);
        }
    }

    private sealed class InvalidRequirementLine(string message) : Exception(message);

    // parse_req_from_line
    private static Requirement? FromLine(string name, Func<string, LocalPathKind>? localPath)
    {
        var markerSeparator = IsUrl(name) ? "; " : ";";
        Marker? marker = null;
        var separator = name.IndexOf(markerSeparator, StringComparison.Ordinal);
        if (separator >= 0)
        {
            var markerText = Strip(name[(separator + markerSeparator.Length)..]);
            name = name[..separator];
            if (markerText.Length > 0) marker = Marker.Parse(markerText);
        }
        name = Strip(name);

        if (IsUrl(name))
        {
            RejectNonLocalFileUrl(name);
            return FromLink(name, name, extras: [], marker);
        }

        var (pathWithoutExtras, extrasText) = StripExtras(name);
        var kind = !LooksLikePath(name) ? LocalPathKind.NotADirectory
            : localPath is not null ? localPath(pathWithoutExtras)
            : !IsArchiveFile(pathWithoutExtras) && !IsPep508(name) ? LocalPathKind.ProjectDirectory
            : LocalPathKind.NotADirectory;
        if (kind == LocalPathKind.Directory)
            throw new InvalidRequirementLine($"Directory '{name}' is not installable. Neither 'setup.py' nor 'pyproject.toml' found.");
        if (kind == LocalPathKind.ProjectDirectory)
        {
            // A local project directory: pip learns the name by building it.
            ConvertExtras(extrasText);
            return null;
        }
        if (IsArchiveFile(pathWithoutExtras))
        {
            // _get_url_from_path: "name @ url.whl" is a PEP 508 URL requirement, not a file path.
            var at = name.IndexOf('@');
            var isPep508Url = at >= 0 && !LooksLikePath(name[..at]);
            if (!isPep508Url)
                return FromLink(pathWithoutExtras, name, ConvertExtras(extrasText), marker);
        }

        var requirement = Requirement.Parse(name);
        // The text before ';' carries no marker: copy the record only to attach one.
        if (!ReferenceEquals(requirement.Marker, marker)) requirement = requirement with { Marker = marker };
        if (requirement.Url is not null) RejectNonLocalFileUrl(requirement.Url);
        return requirement;
    }

    // Link.file_path -> url_to_path: on POSIX pip refuses file://host/... unless host is empty or localhost.
    private static void RejectNonLocalFileUrl(string url)
    {
        if (UrlScheme(url) != "file") return;
        var rest = url.TrimStart(UrlLeadingJunk)[5..];
        if (!rest.StartsWith("//", StringComparison.Ordinal)) return;
        var end = rest.IndexOfAny(['/', '?', '#'], 2);
        var netloc = end < 0 ? rest[2..] : rest[2..end];
        if (netloc.Length > 0 && !netloc.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            throw new InvalidRequirementLine($"non-local file URIs are not supported on this platform: '{url}'");
    }

    // A link (URL or archive path): a wheel's file name gives name==version, else an #egg= fragment, else nothing.
    private static Requirement? FromLink(string link, string written, IReadOnlyList<string> extras, Marker? marker)
    {
        var fileName = LinkFileName(link);
        string? requirementText;
        if (SplitExtension(fileName).Extension.Equals(".whl", StringComparison.Ordinal))
        {
            var wheel = WheelFileName().Match(fileName);
            if (!wheel.Success) throw new InvalidRequirementLine($"{fileName} is not a valid wheel filename.");
            requirementText = $"{wheel.Groups["name"].Value.Replace('_', '-')}=={wheel.Groups["ver"].Value.Replace('_', '-')}";
        }
        else
        {
            requirementText = EggFragment(link);
        }
        if (requirementText is null) return null;
        var requirement = Requirement.Parse(requirementText);
        return requirement with
        {
            Url = written,
            Marker = marker,
            Extras = extras.Count > 0 ? extras : requirement.Extras,
        };
    }

    // parse_editable
    private static Requirement? FromEditable(string editable, Func<string, LocalPathKind>? localPath)
    {
        var (urlWithoutExtras, extrasText) = StripExtras(editable);
        // parse_editable only asks os.path.isdir; whether it is a project shows when pip builds it.
        if (localPath is not null ? localPath(urlWithoutExtras) != LocalPathKind.NotADirectory : !HasScheme(urlWithoutExtras))
        {
            // os.path.isdir(url_no_extras): a local project, named only by building it.
            ConvertExtras(extrasText);
            return null;
        }
        if (urlWithoutExtras.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            RejectNonLocalFileUrl(urlWithoutExtras);
            var egg = EggFragment(urlWithoutExtras);
            if (egg is null) return null;
            var requirement = Requirement.Parse(egg);
            var extras = ConvertExtras(extrasText);
            return requirement with { Url = urlWithoutExtras, Extras = extras.Count > 0 ? extras : requirement.Extras };
        }

        var url = editable;
        foreach (var vcs in VcsNames)
        {
            if (url.StartsWith(vcs + ":", StringComparison.OrdinalIgnoreCase))
            {
                url = $"{vcs}+{url}";
                break;
            }
        }
        if (!VcsSchemes.Contains(UrlScheme(url)))
            throw new InvalidRequirementLine(
                $"{editable} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with {string.Join(", ", VcsSchemes)}).");
        var name = EggFragment(url)
            ?? throw new InvalidRequirementLine($"Could not detect requirement name for '{editable}', please specify one with #egg=your_package_name");
        return Requirement.Parse(name) with { Url = url };
    }

    private static bool IsPep508(string text)
    {
        try
        {
            Requirement.Parse(text);
            return true;
        }
        catch (PackagingFormatException)
        {
            return false;
        }
    }

    // convert_extras: "[a,b]" parsed as the extras of a placeholder requirement.
    private static IReadOnlyList<string> ConvertExtras(string? extras) =>
        string.IsNullOrEmpty(extras) ? [] : Requirement.Parse("placeholder" + extras.ToLowerInvariant()).Extras;

    // _strip_extras: ^(.+)(\[[^\]]+\])$
    private static (string Path, string? Extras) StripExtras(string path)
    {
        // The pattern needs a ']': most requirements have none, and then the regex need not run.
        if (!path.Contains(']')) return (path, null);
        var match = TrailingExtras().Match(path);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : (path, null);
    }

    [GeneratedRegex(@"^(.+)(\[[^\]]+\])$", RegexOptions.Singleline)]
    private static partial Regex TrailingExtras();

    // _looks_like_path (POSIX: os.path.sep is '/', no altsep)
    private static bool LooksLikePath(string name) => name.Contains('/') || name.StartsWith('.');

    private static bool IsArchiveFile(string path)
    {
        var extension = ExtensionOf(path);
        foreach (var archive in ArchiveExtensions)
            if (EqualsLowered(extension, archive)) return true;
        return false;
    }

    // extension.ToLowerInvariant() == archive, without the lowered copy: an archive extension is ASCII, so only a
    // character that lowers to ASCII can match one, and for those char.ToLowerInvariant is what the string's would do.
    private static bool EqualsLowered(ReadOnlySpan<char> extension, string archive)
    {
        if (extension.Length != archive.Length) return false;
        for (var i = 0; i < extension.Length; i++)
            if (char.ToLowerInvariant(extension[i]) != archive[i]) return false;
        return true;
    }

    // The extension part of SplitExtension, without building the stem.
    private static ReadOnlySpan<char> ExtensionOf(string path)
    {
        var nameStart = path.LastIndexOf('/') + 1;
        var dot = path.LastIndexOf('.');
        var stemEnd = path.Length;
        if (dot > nameStart && path.AsSpan(nameStart, dot - nameStart).ContainsAnyExcept('.')) stemEnd = dot;
        var stem = path.AsSpan(0, stemEnd);
        if (stem.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)) stemEnd -= 4;
        return path.AsSpan(stemEnd);
    }

    // pip's misc.splitext: posixpath.splitext, keeping ".tar" with the extension.
    private static (string Base, string Extension) SplitExtension(string path)
    {
        var nameStart = path.LastIndexOf('/') + 1;
        var dot = path.LastIndexOf('.');
        var (stem, extension) = (path, "");
        // posixpath.splitext: the last dot of the file name, unless only dots precede it.
        if (dot > nameStart && path.AsSpan(nameStart, dot - nameStart).ContainsAnyExcept('.'))
            (stem, extension) = (path[..dot], path[dot..]);
        if (stem.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
            (stem, extension) = (stem[..^4], stem[^4..] + extension);
        return (stem, extension);
    }

    // is_url: urllib.parse.urlsplit(name).scheme among pip's known schemes.
    private static bool IsUrl(string name) => UrlScheme(name) is { Length: > 0 } scheme && UrlSchemes.Contains(scheme);

    private static bool HasScheme(string text) => UrlScheme(text).Length > 0;

    // urllib.parse.urlsplit's scheme: letters first, then letters, digits, "+-.", up to the first ':'.
    private static string UrlScheme(string url)
    {
        // Most requirement texts have no ':' at all, hence no scheme: answer before trimming or scanning.
        if (!url.Contains(':')) return "";
        url = url.TrimStart(UrlLeadingJunk);
        var colon = url.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(url[0])) return "";
        for (var i = 0; i < colon; i++)
        {
            var c = url[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return "";
        }
        return url[..colon].ToLowerInvariant();
    }

    private static readonly char[] UrlLeadingJunk = [.. Enumerable.Range(0, 0x21).Select(i => (char)i)];

    // Link.filename: the unquoted last segment of the URL path (without query and fragment).
    private static string LinkFileName(string link)
    {
        var path = link;
        var cut = path.IndexOfAny(['#', '?']);
        if (cut >= 0) path = path[..cut];
        var scheme = UrlScheme(path);
        if (scheme.Length > 0)
        {
            path = path[(path.IndexOf(':') + 1)..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                var slash = path.IndexOf('/', 2);
                path = slash < 0 ? "" : path[slash..];
            }
            path = Uri.UnescapeDataString(path);
        }
        path = path.TrimEnd('/');
        return path[(path.LastIndexOf('/') + 1)..];
    }

    // Link._egg_fragment_re = [#&]egg=([^&]*)
    private static string? EggFragment(string url)
    {
        var match = EggFragmentPattern().Match(url);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"[#&]egg=([^&]*)")]
    private static partial Regex EggFragmentPattern();

    // pip/_internal/models/wheel.py Wheel.wheel_file_re
    [GeneratedRegex(@"^(?<namever>(?<name>[^\s-]+?)-(?<ver>[^\s-]*?))((-(?<build>\d[^-]*?))?-(?<pyver>[^\s-]+?)-(?<abi>[^\s-]+?)-(?<plat>[^\s-]+?)\.whl|\.dist-info)$")]
    private static partial Regex WheelFileName();

    private static string Strip(string text)
    {
        var (start, end) = (0, text.Length);
        while (start < end && PythonStrings.IsSpace(text[start])) start++;
        while (end > start && PythonStrings.IsSpace(text[end - 1])) end--;
        return text[start..end];
    }
}
