using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;

namespace HookGuard.Core.Projects;

/// <summary>
/// Finds the projects a check covers (SPEC 4.2, 9): a directory is a project when the index holds a requirement file
/// matching the globs in it, a lock file, a <c>Pipfile</c> or a <c>pyproject.toml</c> that declares a project (see
/// <see cref="DeclarationFile.FindIn"/>), or when a <c>[[project]]</c> table names it; a path belongs to its nearest such ancestor,
/// up to the work-tree root. Each project is reported once, in ordinal path order.
/// </summary>
/// <remarks>
/// A staged deletion of a requirement file touches the project the file belonged to when that directory still holds
/// another requirement file; when it held the last one the directory is no longer a project, and the deletion belongs to
/// the nearest project above it (if any), exactly like every other path there.
/// </remarks>
public sealed class ProjectLocator
{
    private readonly HookGuardConfig _config;
    private readonly IRepositoryPaths _paths;
    private readonly RequirementGlobs _defaultGlobs;
    private readonly Dictionary<string, ProjectConfig> _configured;
    private readonly Func<string, byte[]?> _readFile;
    private readonly Dictionary<string, IReadOnlyList<DeclarationFile>> _declarations = new(StringComparer.Ordinal);

    // Per directory: the project at or above it (null: none). Shared by all lookups, so that each directory is asked
    // about once, and staged paths cost their number times their depth, whatever the repository's size.
    private readonly Dictionary<string, LocatedProject?> _nearest = new(StringComparer.Ordinal);

    /// <param name="config">The repository's settings.</param>
    /// <param name="paths">The index's file list.</param>
    /// <param name="readFile">Reads a repo-relative file as staged (to ask a pyproject.toml whether it declares a project); null when absent.</param>
    public ProjectLocator(HookGuardConfig config, IRepositoryPaths paths, Func<string, byte[]?>? readFile = null)
    {
        _config = config;
        _paths = paths;
        _readFile = readFile ?? (_ => null);
        _defaultGlobs = new RequirementGlobs(config.Requirements);
        _configured = config.Projects.ToDictionary(project => project.Path, StringComparer.Ordinal);
    }

    /// <summary>The projects touched by the staged paths (added, modified or deleted; repo-relative).</summary>
    public IReadOnlyList<LocatedProject> ForStagedPaths(IEnumerable<string> stagedPaths) =>
        Distinct(stagedPaths.Select(path => NearestProjectOf(RepoPath.Parent(path))));

    /// <summary>Every project in the repository (<c>--all</c>): reads the whole path list, which is what it asks for.</summary>
    public IReadOnlyList<LocatedProject> All()
    {
        var directories = new HashSet<string>(_configured.Keys, StringComparer.Ordinal);
        foreach (var path in _paths.FilesUnder(""))
        {
            if (IsDeclarationName(path[(path.LastIndexOf('/') + 1)..]) && DeclarationsIn(RepoPath.Parent(path)).Count > 0)
            {
                directories.Add(RepoPath.Parent(path));
            }

            // The file is a requirement file of every ancestor directory whose globs it matches.
            for (var directory = RepoPath.Parent(path); ; directory = RepoPath.Parent(directory))
            {
                if (!_configured.ContainsKey(directory) && _defaultGlobs.Matches(RepoPath.RelativeTo(directory, path)))
                {
                    directories.Add(directory);
                }

                if (directory.Length == 0)
                {
                    break;
                }
            }
        }

        return directories.Order(StringComparer.Ordinal).Select(Describe).ToArray();
    }

    /// <summary>
    /// The projects named by explicit PATH arguments (repo-relative): a path that is a directory counts from itself, a
    /// file from the directory holding it; each belongs to its nearest project.
    /// </summary>
    public ProjectSelection ForArguments(IEnumerable<string> arguments)
    {
        var projects = new List<LocatedProject?>();
        var outside = new List<string>();
        foreach (var argument in arguments)
        {
            var path = RepoPath.Normalize(argument);
            var start = path.Length > 0 && _paths.Contains(path) ? RepoPath.Parent(path) : path;
            var project = NearestProjectOf(start);
            if (project is null)
            {
                outside.Add(argument);
            }

            projects.Add(project);
        }

        return new ProjectSelection(Distinct(projects), outside);
    }

    /// <summary>The project a repo-relative file belongs to: the nearest one at or above its directory (null: none).</summary>
    public LocatedProject? OwnerOf(string path) => NearestProjectOf(RepoPath.Parent(path));

    private LocatedProject? NearestProjectOf(string directory)
    {
        var visited = new List<string>();
        LocatedProject? found = null;
        for (var current = directory; ; current = RepoPath.Parent(current))
        {
            if (_nearest.TryGetValue(current, out found))
            {
                break;
            }

            visited.Add(current);
            if (IsProject(current))
            {
                found = Describe(current);
                break;
            }

            if (current.Length == 0)
            {
                break;
            }
        }

        foreach (var directoryOnTheWay in visited)
        {
            _nearest[directoryOnTheWay] = found;
        }

        return found;
    }

    private bool IsProject(string directory) =>
        _configured.ContainsKey(directory) || _defaultGlobs.FindIn(directory, _paths).Count > 0 || DeclarationsIn(directory).Count > 0;

    private IReadOnlyList<DeclarationFile> DeclarationsIn(string directory)
    {
        if (!_declarations.TryGetValue(directory, out var found))
        {
            _declarations[directory] = found = DeclarationFile.FindIn(directory, _paths, _readFile);
        }

        return found;
    }

    private static bool IsDeclarationName(string name) =>
        name is "pyproject.toml" or "Pipfile" or "Pipfile.lock" or "uv.lock" or "poetry.lock" or "pdm.lock"
        || (name.StartsWith("pylock.", StringComparison.Ordinal) && name.EndsWith(".toml", StringComparison.Ordinal));

    private LocatedProject Describe(string directory)
    {
        var configuration = _configured.GetValueOrDefault(directory);
        var globs = configuration?.Requirements is { } own ? new RequirementGlobs(own) : _defaultGlobs;
        return new LocatedProject(directory, globs.FindIn(directory, _paths), globs.Patterns, configuration)
        {
            Declarations = DeclarationsIn(directory),
        };
    }

    private static LocatedProject[] Distinct(IEnumerable<LocatedProject?> projects) =>
        projects.OfType<LocatedProject>()
            .DistinctBy(project => project.Path, StringComparer.Ordinal)
            .OrderBy(project => project.Path, StringComparer.Ordinal)
            .ToArray();
}
