namespace HookGuard.Git.Objects;

/// <summary>The four kinds of git object, with the type numbers packfiles use (gitformat-pack(5)).</summary>
internal enum GitObjectType
{
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
}

/// <summary>Names of <see cref="GitObjectType"/> as loose-object headers and <c>git cat-file -t</c> spell them.</summary>
internal static class GitObjectTypeNames
{
    public static string Name(this GitObjectType type) => type switch
    {
        GitObjectType.Commit => "commit",
        GitObjectType.Tree => "tree",
        GitObjectType.Blob => "blob",
        GitObjectType.Tag => "tag",
        _ => "unknown",
    };

    public static GitObjectType? Parse(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("blob"u8) ? GitObjectType.Blob
        : name.SequenceEqual("tree"u8) ? GitObjectType.Tree
        : name.SequenceEqual("commit"u8) ? GitObjectType.Commit
        : name.SequenceEqual("tag"u8) ? GitObjectType.Tag
        : null;
}
