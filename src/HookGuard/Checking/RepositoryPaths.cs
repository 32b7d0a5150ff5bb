using HookGuard.Cli;
using HookGuard.Core.Projects;

namespace HookGuard.Checking;

/// <summary>Turns PATH arguments, given relative to the current directory, into repo-relative paths.</summary>
public static class RepositoryPaths
{
    public static IReadOnlyList<string> FromArguments(IEnumerable<string> arguments, string workingDirectory, string workTreeRoot)
    {
        var root = Path.GetFullPath(workTreeRoot);
        return arguments.Select(argument =>
        {
            var full = Path.GetFullPath(argument, workingDirectory);
            var relative = Path.GetRelativePath(root, full);
            if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                throw new UserError($"'{argument}' is outside the repository at {root}.");
            }

            return RepoPath.Normalize(relative == "." ? "" : relative.Replace(Path.DirectorySeparatorChar, '/'));
        }).ToArray();
    }
}
