using HookGuard.Cli;

namespace HookGuard.Git;

/// <summary>
/// Finds the repository around a directory the way git's <c>setup_git_directory</c> does, without
/// LibGit2Sharp's <c>Repository.Discover</c> (it returns "" under NativeAOT).
/// </summary>
/// <remarks>
/// Honoured: <c>GIT_DIR</c>, <c>GIT_WORK_TREE</c>, <c>GIT_COMMON_DIR</c> (a hook runs with <c>GIT_DIR</c> set in
/// linked worktrees), <c>GIT_CEILING_DIRECTORIES</c>, a <c>.git</c> directory or a <c>.git</c> file holding
/// <c>gitdir: PATH</c> (linked worktrees, submodules), and the git dir's <c>commondir</c> file.
/// Not honoured: <c>core.worktree</c> in config (rare; git documents it as a legacy setting).
/// </remarks>
public static class RepositoryLocator
{
    /// <summary>Locates the repository whose work tree contains <paramref name="startDirectory"/>.</summary>
    /// <param name="startDirectory">Where to start; relative <c>GIT_*</c> paths are resolved against it too,
    /// as git resolves them against its current directory.</param>
    /// <param name="environment">The process environment (only <c>GIT_*</c> variables are read).</param>
    /// <exception cref="UserError">Not inside a git work tree, or a <c>.git</c> file is malformed.</exception>
    public static RepositoryLocation Locate(string startDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = Path.GetFullPath(startDirectory);
        var gitDirVariable = Get(environment, "GIT_DIR");
        var workTreeVariable = Get(environment, "GIT_WORK_TREE");

        string gitDir;
        string workTree;
        if (gitDirVariable is not null)
        {
            gitDir = ResolveGitDir(Path.GetFullPath(gitDirVariable, start), "GIT_DIR");
            // git: with GIT_DIR set and no GIT_WORK_TREE, the current directory is the top of the work tree
            // (git-config(1) core.worktree, "git help repository-layout").
            workTree = workTreeVariable is not null ? Path.GetFullPath(workTreeVariable, start) : start;
        }
        else
        {
            (gitDir, workTree) = Discover(start, CeilingDirectories(environment));
            if (workTreeVariable is not null)
            {
                workTree = Path.GetFullPath(workTreeVariable, start);
            }
        }

        var commonDirVariable = Get(environment, "GIT_COMMON_DIR");
        var commonDir = commonDirVariable is not null
            ? Path.GetFullPath(commonDirVariable, start)
            : ReadCommonDir(gitDir);
        return new RepositoryLocation(Trim(workTree), Trim(gitDir), Trim(commonDir));
    }

    private static (string GitDir, string WorkTree) Discover(string start, IReadOnlyList<string> ceilings)
    {
        for (var directory = start; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var dotGit = Path.Combine(directory, ".git");
            if (Directory.Exists(dotGit) && LooksLikeGitDir(dotGit))
            {
                return (dotGit, directory);
            }

            if (File.Exists(dotGit))
            {
                return (ReadGitFile(dotGit), directory);
            }

            if (LooksLikeGitDir(directory))
            {
                throw new UserError(
                    $"'{directory}' is a bare git repository: HookGuard needs a work tree. Run it inside a checkout.");
            }

            // git stops before entering a ceiling directory (git(1), GIT_CEILING_DIRECTORIES).
            var parent = Path.GetDirectoryName(directory);
            if (parent is not null && ceilings.Any(ceiling => SamePath(ceiling, parent)))
            {
                break;
            }
        }

        throw new UserError($"'{start}' is not inside a git work tree. Run HookGuard inside a git repository (or run 'git init' first).");
    }

    /// <summary>GIT_DIR may itself name a <c>.git</c> file (git's <c>read_gitfile</c> follows it).</summary>
    private static string ResolveGitDir(string path, string source)
    {
        if (File.Exists(path))
        {
            return ReadGitFile(path);
        }

        if (!Directory.Exists(path))
        {
            throw new UserError($"{source} points to '{path}', which does not exist.");
        }

        return path;
    }

    /// <summary>Reads a <c>.git</c> file (<c>gitdir: PATH</c>, PATH relative to the file's directory).</summary>
    private static string ReadGitFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (IOException error)
        {
            throw new UserError($"Cannot read '{file}': {error.Message}", inner: error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new UserError($"Cannot read '{file}': {error.Message}", inner: error);
        }

        const string prefix = "gitdir:";
        var line = text.Split('\n')[0].TrimEnd('\r');
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new UserError($"'{file}' is not a valid .git file: its first line should be 'gitdir: PATH'.");
        }

        var target = Path.GetFullPath(line[prefix.Length..].Trim(), Path.GetDirectoryName(file)!);
        if (!Directory.Exists(target))
        {
            throw new UserError($"'{file}' points to '{target}', which does not exist (a moved or pruned worktree?).");
        }

        return target;
    }

    private static string ReadCommonDir(string gitDir)
    {
        var file = Path.Combine(gitDir, "commondir");
        if (!File.Exists(file))
        {
            return gitDir;
        }

        var relative = File.ReadAllText(file).Split('\n')[0].TrimEnd('\r').Trim();
        return relative.Length == 0 ? gitDir : Path.GetFullPath(relative, gitDir);
    }

    /// <summary>git's <c>is_git_directory</c>: HEAD plus objects and refs (or a commondir file standing in for them).</summary>
    private static bool LooksLikeGitDir(string directory) =>
        File.Exists(Path.Combine(directory, "HEAD"))
        && (File.Exists(Path.Combine(directory, "commondir"))
            || (Directory.Exists(Path.Combine(directory, "objects")) && Directory.Exists(Path.Combine(directory, "refs"))));

    private static IReadOnlyList<string> CeilingDirectories(IReadOnlyDictionary<string, string> environment) =>
        Get(environment, "GIT_CEILING_DIRECTORIES") is { } list
            ? list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(Path.IsPathRooted)
                .Select(path => Trim(Path.GetFullPath(path)))
                .ToArray()
            : [];

    private static bool SamePath(string left, string right) =>
        string.Equals(Trim(left), Trim(right), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string Trim(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static string? Get(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
