namespace HookGuard.Git;

/// <summary>A stage-0 entry of the index being committed.</summary>
/// <param name="Path">Work-tree-relative path with <c>/</c> separators.</param>
/// <param name="Mode">The git file mode.</param>
/// <param name="BlobId">The 40-hex object id of the staged content.</param>
public sealed record StagedEntry(string Path, GitFileMode Mode, string BlobId);

/// <summary>The git file modes an index entry can carry (the octal values git stores).</summary>
public enum GitFileMode
{
    Unknown = 0,
    Directory = 0x4000,
    RegularFile = 0x81A4,
    ExecutableFile = 0x81ED,
    Symlink = 0xA000,
    Submodule = 0xE000,
}
