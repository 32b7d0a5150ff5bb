namespace HookGuard.Git.Objects;

/// <summary>One entry of a raw tree object: its mode, its name and its object id, as slices of the tree's bytes.</summary>
/// <param name="Mode">The mode, as git's canon_mode normalises it (e.g. an old 100664 reads as 100644).</param>
/// <param name="NameStart">Where the name starts in the tree's bytes.</param>
/// <param name="NameLength">The name's length in bytes.</param>
/// <param name="IdStart">Where the 20-byte object id starts.</param>
internal readonly record struct TreeEntry(int Mode, int NameStart, int NameLength, int IdStart)
{
    public const int DirectoryMode = 0x4000;

    public bool IsDirectory => (Mode & 0xF000) == DirectoryMode;
}
