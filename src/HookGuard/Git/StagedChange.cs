namespace HookGuard.Git;

/// <summary>How a path differs between the index being committed and <c>HEAD</c>.</summary>
public enum StagedChangeKind
{
    Added,
    Modified,
    Deleted,

    /// <summary>Same path, different kind of entry (file ↔ symlink ↔ submodule).</summary>
    TypeChanged,
}

/// <summary>
/// One path the commit being made changes: what <c>git diff --cached --no-renames --name-status</c> lists. A rename is
/// a <see cref="StagedChangeKind.Deleted"/> old path plus an <see cref="StagedChangeKind.Added"/> new one, so both the
/// project it leaves and the one it enters are touched (rename detection would cost blob reads and add nothing here).
/// </summary>
/// <param name="Kind">What happened to it.</param>
/// <param name="Path">Work-tree-relative path with <c>/</c> separators.</param>
public sealed record StagedChange(StagedChangeKind Kind, string Path);
