namespace HookGuard.Git;

/// <summary>
/// Where a repository lives, found the way git finds it (see <see cref="RepositoryLocator"/>).
/// All three are absolute, normalised directory paths.
/// </summary>
/// <param name="WorkTreeRoot">The top of the work tree (what <c>git rev-parse --show-toplevel</c> prints).</param>
/// <param name="GitDir">The per-work-tree git directory: <c>.git</c>, or <c>.git/worktrees/NAME</c> for a linked
/// worktree, or <c>.git/modules/NAME</c> for a submodule.</param>
/// <param name="CommonDir">The directory holding objects, refs and config shared by all worktrees (equals
/// <paramref name="GitDir"/> unless the git dir has a <c>commondir</c> file).</param>
public sealed record RepositoryLocation(string WorkTreeRoot, string GitDir, string CommonDir)
{
    /// <summary>The index git uses when <c>GIT_INDEX_FILE</c> is not set: <c>$GIT_DIR/index</c> (per worktree).</summary>
    public string DefaultIndexFile => Path.Combine(GitDir, "index");
}
