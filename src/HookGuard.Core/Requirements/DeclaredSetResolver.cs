using System.Text.RegularExpressions;

namespace HookGuard.Core.Requirements;

/// <summary>
/// Reads a project's root requirement files and follows their includes as pip's <c>RequirementsFileParser._parse_and_recurse</c>
/// does: a <c>-r</c>/<c>-c</c> path is relative to the including file; a <c>-r</c> found anywhere (even inside a
/// constraints file) declares requirements, a <c>-c</c> only constrains. Unlike pip 24, an include cycle is an
/// error naming the chain instead of a RecursionError.
/// </summary>
public static partial class DeclaredSetResolver
{
    /// <param name="rootFiles">Repo-relative paths (forward slashes) of the project's requirement files.</param>
    /// <param name="readFile">Reads a repo-relative path (for a hook: from the index); null when there is no such file.</param>
    /// <param name="variables">Looks up <c>${NAME}</c> in the files; null or empty leaves the reference as written.</param>
    /// <param name="localPath">Optional: what a local path, as written in a file, is on disk (see <see cref="RequirementFileParser"/>).</param>
    /// <exception cref="RequirementFileError">A file pip would refuse, a missing or unfollowable include, or a cycle.</exception>
    public static DeclaredSet Resolve(IReadOnlyList<string> rootFiles, Func<string, byte[]?> readFile, Func<string, string?> variables, Func<string, LocalPathKind>? localPath = null)
    {
        var parsed = new Dictionary<string, ParsedRequirementFile>(StringComparer.Ordinal);
        var files = new List<string>();
        var requirements = new List<RequirementEntry>();
        var constraints = new List<RequirementEntry>();
        var visited = new HashSet<(string, bool)>();
        var chain = new List<string>();

        foreach (var root in rootFiles)
        {
            var path = Normalize(root) ?? throw new RequirementFileError(new SourceLocation(root, 1), "the path leaves the repository");
            Visit(path, isConstraint: false, includedFrom: null);
        }

        return new DeclaredSet(files, requirements) { Constraints = constraints, ParsedFiles = parsed };

        void Visit(string path, bool isConstraint, IncludeEntry? includedFrom)
        {
            if (chain.Contains(path))
            {
                throw new RequirementFileError(includedFrom!.Location,
                    $"include cycle: {string.Join(" -> ", chain.SkipWhile(p => p != path).Append(path))}");
            }
            if (!visited.Add((path, isConstraint))) return;

            if (!parsed.TryGetValue(path, out var file))
            {
                var content = readFile(path) ?? throw new RequirementFileError(
                    includedFrom?.Location ?? new SourceLocation(path, 1),
                    includedFrom is null
                        ? $"could not open requirements file '{path}'"
                        : $"could not open requirements file '{path}' (included as '{includedFrom.Path}')");
                file = RequirementFileParser.Parse(path, content, variables, localPath);
                parsed.Add(path, file);
                files.Add(path);
            }

            chain.Add(path);
            foreach (var entry in file.Entries)
            {
                switch (entry)
                {
                    case RequirementEntry requirement when isConstraint:
                        constraints.Add(requirement with { FromConstraintFile = true });
                        break;
                    case RequirementEntry requirement:
                        requirements.Add(requirement);
                        break;
                    case IncludeEntry include:
                        Visit(ResolveInclude(path, include), include.IsConstraint, include);
                        break;
                }
            }
            chain.RemoveAt(chain.Count - 1);
        }
    }

    // pip joins a nested path to os.path.dirname(including file) unless it is a URL (SCHEME_RE = ^(http|https|file):).
    private static string ResolveInclude(string includingFile, IncludeEntry include)
    {
        var option = include.IsConstraint ? "-c" : "-r";
        if (UrlInclude().IsMatch(include.Path))
            throw new RequirementFileError(include.Location, $"'{option} {include.Path}' includes a URL, which cannot be checked against the repository");
        if (include.Path.StartsWith('/'))
            throw new RequirementFileError(include.Location, $"'{option} {include.Path}' is an absolute path outside the repository");
        var slash = includingFile.LastIndexOf('/');
        var joined = slash < 0 ? include.Path : includingFile[..(slash + 1)] + include.Path;
        return Normalize(joined)
            ?? throw new RequirementFileError(include.Location, $"'{option} {include.Path}' points outside the repository");
    }

    [GeneratedRegex("^(http|https|file):", RegexOptions.IgnoreCase)]
    private static partial Regex UrlInclude();

    // os.path.normpath on a repo-relative path; null when ".." climbs above the repository root.
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
