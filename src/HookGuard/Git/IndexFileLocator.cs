namespace HookGuard.Git;

/// <summary>Which index file a commit is being made from (SPEC sec. 4.1).</summary>
public static class IndexFileLocator
{
    /// <summary>
    /// <c>$GIT_INDEX_FILE</c> when git sets it, else the repository's own index. git sets it for the hooks of
    /// <c>git commit</c>: <c>.git/index.lock</c> for a normal commit or <c>commit -a</c>, a temporary
    /// <c>next-index-PID.lock</c> for <c>git commit -- paths</c>. It may be relative, to the current directory
    /// (a hook's current directory is the work-tree root).
    /// </summary>
    public static string Resolve(RepositoryLocation location, IReadOnlyDictionary<string, string> environment, string workingDirectory) =>
        environment.TryGetValue("GIT_INDEX_FILE", out var indexFile) && indexFile.Length > 0
            ? Path.GetFullPath(indexFile, workingDirectory)
            : location.DefaultIndexFile;
}
