namespace HookGuard.Git;

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
