namespace HookGuard.Git;

/// <summary>A stage-0 entry of the index being committed.</summary>
/// <param name="Path">Work-tree-relative path with <c>/</c> separators.</param>
/// <param name="Mode">The git file mode.</param>
/// <param name="BlobId">The 40-hex object id of the staged content.</param>
public sealed record StagedEntry(string Path, GitFileMode Mode, string BlobId);
