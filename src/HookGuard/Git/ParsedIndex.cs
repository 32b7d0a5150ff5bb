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
/// <param name="IsSplit">Read from a split index (core.splitIndex), which libgit2 cannot write.</param>
internal sealed record ParsedIndex(IReadOnlyList<IndexRecord> Entries, CacheTreeNode? CacheTree, bool IsSplit = false)
{
    public static readonly ParsedIndex Empty = new([], null);
}

/// <summary>
/// An index file as stored, before a split index is merged with its shared index.
/// </summary>
/// <param name="Entries">Stage-0 committed entries, or every entry when <paramref name="Committed"/> is set.</param>
/// <param name="Committed">Per entry, whether it is committed (stage 0, not intent-to-add); null when only those were kept.</param>
/// <param name="CacheTree">The TREE extension.</param>
/// <param name="Link">The body of the split index's <c>link</c> extension.</param>
internal sealed record RawIndex(List<IndexRecord> Entries, List<bool>? Committed, CacheTreeNode? CacheTree, ReadOnlyMemory<byte>? Link);
