using System.Text;
using HookGuard.Cli;
using HookGuard.Git.Objects;

namespace HookGuard.Git;

/// <summary>
/// Compares the entries of a parsed index with a tree, the way <c>git diff --cached --no-renames</c> does, skipping
/// every directory whose cache-tree entry says it would write the very tree HEAD already has (git's own shortcut).
/// The cost follows the directories the staged change touches, not the size of the repository.
/// </summary>
/// <remarks>
/// Trees are read raw from the <see cref="ObjectDatabase"/> and their entries compared as bytes: a name becomes a
/// string only when it is reported.
/// </remarks>
internal sealed class StagedDiff
{
    private readonly ObjectDatabase _objects;
    private readonly IReadOnlyList<IndexRecord> _entries;
    private readonly List<StagedChange> _changes = [];

    private StagedDiff(ObjectDatabase objects, IReadOnlyList<IndexRecord> entries)
    {
        _objects = objects;
        _entries = entries;
    }

    /// <param name="objects">Where HEAD's trees are read.</param>
    /// <param name="index">The index being committed.</param>
    /// <param name="headTree">HEAD's root tree id, or <c>null</c> for the empty tree (an unborn branch).</param>
    public static IReadOnlyList<StagedChange> Compare(ObjectDatabase objects, ParsedIndex index, byte[]? headTree)
    {
        var diff = new StagedDiff(objects, index.Entries);
        diff.Walk(headTree, [], 0, index.Entries.Count, index.CacheTree);
        return diff._changes;
    }

    /// <param name="treeId">HEAD's tree id for this directory (null: absent in HEAD).</param>
    /// <param name="prefix">The directory's path with a trailing slash, as UTF-8 ("" for the root).</param>
    /// <param name="start">First index entry under the directory.</param>
    /// <param name="end">One past the last.</param>
    /// <param name="cache">The directory's cache-tree node, if any.</param>
    private void Walk(ReadOnlySpan<byte> treeId, byte[] prefix, int start, int end, CacheTreeNode? cache)
    {
        if (!treeId.IsEmpty && cache is { IsValid: true } && cache.EntryCount == end - start
            && cache.TreeId!.Value.Span.SequenceEqual(treeId))
        {
            return;
        }

        var tree = treeId.IsEmpty ? [] : ReadTree(treeId, prefix);
        var entries = treeId.IsEmpty ? [] : Parse(tree, prefix);
        var matched = new bool[entries.Length];

        var position = start;
        while (position < end)
        {
            var path = _entries[position].PathBytes.Span;
            var rest = path[prefix.Length..];
            var slash = rest.IndexOf((byte)'/');
            if (slash < 0)
            {
                var found = Find(tree, entries, rest);
                if (found >= 0)
                {
                    matched[found] = true;
                }

                CompareFile(_entries[position], tree, found >= 0 ? entries[found] : null, prefix);
                position++;
                continue;
            }

            var directoryName = rest[..slash];
            var childPrefix = path[..(prefix.Length + slash + 1)].ToArray();
            var childCache = cache is null ? null : cache.Children.GetValueOrDefault(Encoding.UTF8.GetString(directoryName));
            var childEnd = EndOfDirectory(childPrefix, position, end, childCache);
            var old = Find(tree, entries, directoryName);
            if (old >= 0)
            {
                matched[old] = true;
            }

            if (old >= 0 && entries[old].IsDirectory)
            {
                Walk(tree.AsSpan(entries[old].IdStart, 20), childPrefix, position, childEnd, childCache);
            }
            else
            {
                if (old >= 0)
                {
                    _changes.Add(new StagedChange(StagedChangeKind.Deleted, Encoding.UTF8.GetString(childPrefix.AsSpan(0, childPrefix.Length - 1))));
                }

                for (var added = position; added < childEnd; added++)
                {
                    _changes.Add(new StagedChange(StagedChangeKind.Added, _entries[added].Path));
                }
            }

            position = childEnd;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (!matched[i])
            {
                DeleteAll(tree, entries[i], prefix);
            }
        }
    }

    private void CompareFile(IndexRecord entry, byte[] tree, TreeEntry? old, byte[] prefix)
    {
        if (old is not { } previous)
        {
            _changes.Add(new StagedChange(StagedChangeKind.Added, entry.Path));
            return;
        }

        if (previous.IsDirectory)
        {
            // A directory in HEAD became a file: everything under it is deleted, the file added.
            DeleteAll(tree, previous, prefix);
            _changes.Add(new StagedChange(StagedChangeKind.Added, entry.Path));
            return;
        }

        if (ObjectType(previous.Mode) != ObjectType(entry.Mode))
        {
            _changes.Add(new StagedChange(StagedChangeKind.TypeChanged, entry.Path));
        }
        else if (previous.Mode != entry.Mode || !entry.ObjectId.Span.SequenceEqual(tree.AsSpan(previous.IdStart, 20)))
        {
            _changes.Add(new StagedChange(StagedChangeKind.Modified, entry.Path));
        }
    }

    /// <summary>Reports <paramref name="gone"/> (an entry of <paramref name="tree"/>) deleted, with everything under it.</summary>
    private void DeleteAll(byte[] tree, TreeEntry gone, ReadOnlySpan<byte> prefix)
    {
        var path = new byte[prefix.Length + gone.NameLength];
        prefix.CopyTo(path);
        tree.AsSpan(gone.NameStart, gone.NameLength).CopyTo(path.AsSpan(prefix.Length));
        if (!gone.IsDirectory)
        {
            _changes.Add(new StagedChange(StagedChangeKind.Deleted, Encoding.UTF8.GetString(path)));
            return;
        }

        byte[] childPrefix = [.. path, (byte)'/'];
        var subtree = ReadTree(tree.AsSpan(gone.IdStart, 20), childPrefix);
        foreach (var child in Parse(subtree, childPrefix))
        {
            DeleteAll(subtree, child, childPrefix);
        }
    }

    /// <summary>The entry of <paramref name="tree"/> named <paramref name="name"/>, file or directory, or -1.</summary>
    /// <remarks>
    /// Entries sort as if directories' names ended in '/', so the name is searched for both ways: as a file (where a
    /// blob, symlink or gitlink would sort) and as a directory.
    /// </remarks>
    private static int Find(byte[] tree, TreeEntry[] entries, ReadOnlySpan<byte> name)
    {
        foreach (var asDirectory in (ReadOnlySpan<bool>)[false, true])
        {
            int low = 0, high = entries.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                var comparison = TreeParser.Compare(tree, entries[middle], name, asDirectory);
                if (comparison == 0)
                {
                    return middle;
                }

                if (comparison < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }
        }

        return -1;
    }

    private byte[] ReadTree(ReadOnlySpan<byte> id, ReadOnlySpan<byte> prefix)
    {
        var found = _objects.TryRead(id);
        if (found is not { Type: GitObjectType.Tree } tree)
        {
            var directory = prefix.IsEmpty ? "the root directory" : $"'{Encoding.UTF8.GetString(prefix)}'";
            throw new UserError(found is null
                ? $"HEAD's tree of {directory} (tree {Convert.ToHexStringLower(id)}) is missing from the git object database."
                : $"HEAD's tree of {directory} names {Convert.ToHexStringLower(id)}, which is a {found.Value.Type.Name()}, not a tree.");
        }

        return tree.Data;
    }

    private static TreeEntry[] Parse(byte[] tree, ReadOnlySpan<byte> prefix)
    {
        try
        {
            return TreeParser.Parse(tree);
        }
        catch (InvalidDataException error)
        {
            var directory = prefix.IsEmpty ? "the root directory" : $"'{Encoding.UTF8.GetString(prefix)}'";
            throw new UserError($"HEAD's tree of {directory} is damaged: {error.Message}. 'git fsck' will say more.", inner: error);
        }
    }

    /// <summary>
    /// One past the last entry under <paramref name="directoryPrefix"/>. A valid cache-tree node gives the count;
    /// it is checked at the boundary, and the entries are scanned when there is no trustworthy count.
    /// </summary>
    private int EndOfDirectory(byte[] directoryPrefix, int start, int end, CacheTreeNode? cache)
    {
        if (cache is { EntryCount: > 0 } && start + cache.EntryCount <= end
            && _entries[start + cache.EntryCount - 1].PathBytes.Span.StartsWith(directoryPrefix)
            && (start + cache.EntryCount == end || !_entries[start + cache.EntryCount].PathBytes.Span.StartsWith(directoryPrefix)))
        {
            return start + cache.EntryCount;
        }

        var position = start;
        while (position < end && _entries[position].PathBytes.Span.StartsWith(directoryPrefix))
        {
            position++;
        }

        return position;
    }

    /// <summary>git's object type of a mode: blob (file or symlink differ for diff), or gitlink.</summary>
    private static int ObjectType(int mode) => mode & 0xF000;
}
