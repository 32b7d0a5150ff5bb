namespace HookGuard.Git;

/// <summary>How a path differs between the index being committed and <c>HEAD</c>.</summary>
public enum StagedChangeKind
{
    Added,
    Modified,
    Deleted,
    Renamed,
    Copied,
    /// <summary>Same path, different kind of entry (file ↔ symlink ↔ submodule).</summary>
    TypeChanged,
}

/// <summary>One path the commit being made changes (what <c>git diff --cached --name-status</c> lists).</summary>
/// <param name="Kind">What happened to it.</param>
/// <param name="Path">Work-tree-relative path with <c>/</c> separators: the new path, or the removed one for
/// <see cref="StagedChangeKind.Deleted"/>.</param>
/// <param name="OldPath">The source path of a rename or copy; otherwise <c>null</c>.</param>
public sealed record StagedChange(StagedChangeKind Kind, string Path, string? OldPath = null)
{
    /// <summary>Every path this change touches: a rename touches both the project it leaves and the one it enters.</summary>
    public IEnumerable<string> TouchedPaths =>
        OldPath is null || OldPath == Path ? [Path] : [OldPath, Path];
}
