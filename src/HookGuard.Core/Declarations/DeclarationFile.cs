using HookGuard.Core.Projects;

namespace HookGuard.Core.Declarations;

/// <summary>A declaration or lock file found in a project directory (repo-relative path), and its format.</summary>
public sealed record DeclarationFile(string Path, DeclarationFormat Format)
{
    /// <summary>Lock files, in the order one is chosen when a directory holds several.</summary>
    public static IReadOnlyList<(string Name, DeclarationFormat Format)> LockNames { get; } =
    [
        ("uv.lock", DeclarationFormat.UvLock),
        ("poetry.lock", DeclarationFormat.PoetryLock),
        ("pdm.lock", DeclarationFormat.PdmLock),
        ("Pipfile.lock", DeclarationFormat.PipfileLock),
        ("pylock.toml", DeclarationFormat.Pylock),
    ];

    public bool IsLock => Format is not (DeclarationFormat.Pyproject or DeclarationFormat.Pipfile or DeclarationFormat.RequirementFiles);

    /// <summary>
    /// The declaration files directly in <paramref name="directory"/>, as <paramref name="paths"/> (the index) lists them:
    /// the locks (<c>pylock.NAME.toml</c> too, PEP 751), <c>Pipfile</c>, and <c>pyproject.toml</c> when it has a
    /// <c>[project]</c> or <c>[tool.poetry]</c> table (a pyproject.toml that only configures tools, e.g. <c>[tool.black]</c>,
    /// declares nothing). Costs a few binary searches and, for a pyproject.toml, one read.
    /// </summary>
    public static IReadOnlyList<DeclarationFile> FindIn(string directory, IRepositoryPaths paths, Func<string, byte[]?> readFile)
    {
        List<DeclarationFile>? found = null;
        foreach (var (name, format) in LockNames)
        {
            Add(RepoPath.Join(directory, name), format);
        }

        // pylock.NAME.toml: a prefix search, never a listing of the directory (which may be the root of a huge repository).
        foreach (var path in paths.FilesStartingWith(RepoPath.Join(directory, "pylock.")))
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            if (path.IndexOf('/', directory.Length == 0 ? 0 : directory.Length + 1) < 0
                && name.Length > "pylock..toml".Length && name.EndsWith(".toml", StringComparison.Ordinal) && name != "pylock.toml")
            {
                (found ??= []).Add(new DeclarationFile(path, DeclarationFormat.Pylock));
            }
        }

        var pyproject = RepoPath.Join(directory, "pyproject.toml");
        if (paths.Contains(pyproject) && readFile(pyproject) is { } content && PyprojectTables.DeclaresProject(content))
        {
            (found ??= []).Add(new DeclarationFile(pyproject, DeclarationFormat.Pyproject));
        }

        Add(RepoPath.Join(directory, "Pipfile"), DeclarationFormat.Pipfile);
        return found ?? (IReadOnlyList<DeclarationFile>)[];

        void Add(string path, DeclarationFormat format)
        {
            if (paths.Contains(path))
            {
                (found ??= []).Add(new DeclarationFile(path, format));
            }
        }
    }
}
