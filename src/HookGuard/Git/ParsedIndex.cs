using System.Text;

namespace HookGuard.Git;

/// <summary>One stage-0 entry of a parsed index file; the path is kept as the UTF-8 bytes git stores (and sorts by).</summary>
internal readonly record struct IndexRecord(ReadOnlyMemory<byte> PathBytes, int Mode, ReadOnlyMemory<byte> ObjectId)
{
    public string Path => Encoding.UTF8.GetString(PathBytes.Span);

    public string ObjectIdHex => Convert.ToHexStringLower(ObjectId.Span);
}

/// <summary>A node of the index's cache-tree extension: the tree object a directory of the index would write.</summary>
/// <param name="EntryCount">Index entries under this directory, or -1 when git invalidated the node.</param>
/// <param name="TreeId">The tree's object id when valid.</param>
internal sealed record CacheTreeNode(string Name, int EntryCount, ReadOnlyMemory<byte>? TreeId, IReadOnlyDictionary<string, CacheTreeNode> Children)
{
    public bool IsValid => EntryCount >= 0 && TreeId is not null;
}

/// <summary>A parsed index file: its stage-0 entries in git's order, and its cache tree when present.</summary>
internal sealed record ParsedIndex(IReadOnlyList<IndexRecord> Entries, CacheTreeNode? CacheTree)
{
    public static readonly ParsedIndex Empty = new([], null);
}
