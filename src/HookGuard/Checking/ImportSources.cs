using HookGuard.Core.Projects;
using HookGuard.Git;

namespace HookGuard.Checking;

/// <summary>
/// Which Python files an import check reads, and where a project's own modules are. A commit check reads the staged
/// <c>.py</c> files only (cost grows with the change, not the repository); <c>--all</c>, named projects and
/// <c>status</c> read every <c>.py</c> file of the project in the index.
/// </summary>
public sealed class ImportSources
{
    private readonly StagedIndex _index;
    private readonly string _workTreeRoot;
    private readonly ProjectLocator _projects;
    private readonly IReadOnlyList<string>? _staged;

    private ImportSources(StagedIndex index, string workTreeRoot, ProjectLocator projects, IReadOnlyList<string>? staged) =>
        (_index, _workTreeRoot, _projects, _staged) = (index, workTreeRoot, projects, staged);

    /// <summary>The <c>.py</c> files the staged change adds or modifies (not deletions).</summary>
    public static ImportSources ForStagedChange(StagedIndex index, string workTreeRoot, ProjectLocator projects, IEnumerable<StagedChange> changes) =>
        new(index, workTreeRoot, projects, changes
            .Where(change => change.Kind != StagedChangeKind.Deleted && IsPythonSource(change.Path))
            .Select(change => change.Path)
            .ToArray());

    /// <summary>Every <c>.py</c> file of each project in the index.</summary>
    public static ImportSources ForWholeProjects(StagedIndex index, string workTreeRoot, ProjectLocator projects) =>
        new(index, workTreeRoot, projects, null);

    /// <summary>
    /// The files of <paramref name="project"/> to read: those whose nearest project it is (a nested project's files are
    /// its own), none inside a committed venv or <c>site-packages</c> (third-party code is not the project's to fix).
    /// </summary>
    public IReadOnlyList<string> FilesOf(LocatedProject project, string? venvRelativePath)
    {
        var candidates = _staged ?? _index.PathsUnder(project.Path).Where(IsPythonSource).ToArray();
        return candidates
            .Where(path => project.Path.Length == 0 || path.StartsWith(project.Path + "/", StringComparison.Ordinal))
            .Where(path => !IsVendored(path, venvRelativePath))
            .Where(path => _projects.OwnerOf(path)?.Path == project.Path)
            .ToArray();
    }

    /// <summary>
    /// Whether <paramref name="module"/> is the project's own: a package or module at the project root, in its
    /// <c>src/</c> (the src layout), beside the importing file (a script's directory is first on <c>sys.path</c>) or in
    /// a directory above it within the project.
    /// Looked up in the index being committed (a binary search each), like everything a check reads: a module that is
    /// only in the work tree is not in the commit, and a deploy from the repository would not have it.
    /// </summary>
    public bool IsFirstParty(LocatedProject project, string importingFile, string module) =>
        FirstPartyStems(project, importingFile, module).Any(stem => _index.Contains(stem + ".py") || _index.AnyPathStartingWith(stem + "/"));

    /// <summary>
    /// Where <paramref name="module"/> exists in the work tree though not in the index (a file not yet added), for the
    /// message of an unresolved import; null when it is nowhere. Only asked once an import is already unresolved.
    /// </summary>
    public string? OnlyInWorkTree(LocatedProject project, string importingFile, string module)
    {
        foreach (var stem in FirstPartyStems(project, importingFile, module))
        {
            var onDisk = Path.Combine(_workTreeRoot, stem);
            if (File.Exists(onDisk + ".py")) return stem + ".py";
            if (Directory.Exists(onDisk)) return stem + "/";
        }

        return null;
    }

    /// <summary>
    /// The project's <c>src/</c>, and the importing file's directory and each one above it up to the project root, each
    /// also with its <c>_vendor/</c> and <c>vendor/</c>: code that puts its own directory or a vendored one on
    /// <c>sys.path</c> (poetry-core's <c>_vendor</c>) imports from there, and a false alarm costs a hook more than a
    /// missed import.
    /// </summary>
    private static IEnumerable<string> FirstPartyStems(LocatedProject project, string importingFile, string module)
    {
        yield return RepoPath.Join(RepoPath.Join(project.Path, "src"), module);
        for (var directory = RepoPath.Parent(importingFile); ; directory = RepoPath.Parent(directory))
        {
            yield return RepoPath.Join(directory, module);
            foreach (var vendored in VendorDirectories)
            {
                yield return RepoPath.Join(RepoPath.Join(directory, vendored), module);
            }

            if (directory.Length <= project.Path.Length) break;
        }
    }

    /// <summary>Where packages put the libraries they vendor and add to <c>sys.path</c> themselves (poetry-core's <c>_vendor</c>).</summary>
    private static readonly string[] VendorDirectories = ["_vendor", "vendor"];

    private static bool IsPythonSource(string path) => path.EndsWith(".py", StringComparison.Ordinal);

    private static bool IsVendored(string path, string? venvRelativePath) =>
        path.Contains("/site-packages/", StringComparison.Ordinal)
        || (venvRelativePath is { Length: > 0 } venv && path.StartsWith(venv + "/", StringComparison.Ordinal));
}
