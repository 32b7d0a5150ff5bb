using System.Text;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// Compares the entries of a parsed index with a tree, the way <c>git diff --cached --no-renames</c> does, skipping
/// every directory whose cache-tree entry says it would write the very tree HEAD already has (git's own shortcut).
/// The cost follows the directories the staged change touches, not the size of the repository.
/// </summary>
internal sealed class StagedDiff
{
    private readonly Repository _repository;
    private readonly IReadOnlyList<IndexRecord> _entries;
    private readonly List<StagedChange> _changes = [];

    private StagedDiff(Repository repository, IReadOnlyList<IndexRecord> entries)
    {
        _repository = repository;
        _entries = entries;
    }

    public static IReadOnlyList<StagedChange> Compare(Repository repository, ParsedIndex index, Tree? head)
    {
        var diff = new StagedDiff(repository, index.Entries);
        diff.Walk(head, [], 0, index.Entries.Count, index.CacheTree);
        return diff._changes;
    }

    /// <param name="tree">HEAD's tree for this directory (null: absent in HEAD).</param>
    /// <param name="prefix">The directory's path with a trailing slash, as UTF-8 ("" for the root).</param>
    /// <param name="start">First index entry under the directory.</param>
    /// <param name="end">One past the last.</param>
    /// <param name="cache">The directory's cache-tree node, if any.</param>
    private void Walk(Tree? tree, byte[] prefix, int start, int end, CacheTreeNode? cache)
    {
        if (tree is not null && cache is { IsValid: true } && cache.EntryCount == end - start
            && cache.TreeId!.Value.Span.SequenceEqual(tree.Id.RawId))
        {
            return;
        }

        var inTree = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        foreach (var entry in (IEnumerable<TreeEntry>?)tree ?? [])
        {
            inTree[entry.Name] = entry;
        }

        var position = start;
        while (position < end)
        {
            var path = _entries[position].PathBytes.Span;
            var rest = path[prefix.Length..];
            var slash = rest.IndexOf((byte)'/');
            if (slash < 0)
            {
                var name = Encoding.UTF8.GetString(rest);
                inTree.Remove(name, out var old);
                CompareFile(_entries[position], old, prefix);
                position++;
                continue;
            }

            var directoryName = Encoding.UTF8.GetString(rest[..slash]);
            var childPrefix = path[..(prefix.Length + slash + 1)].ToArray();
            var childCache = cache?.Children.GetValueOrDefault(directoryName);
            var childEnd = EndOfDirectory(childPrefix, position, end, childCache);
            inTree.Remove(directoryName, out var old2);
            if (old2?.TargetType == TreeEntryTargetType.Tree)
            {
                Walk((Tree)old2.Target, childPrefix, position, childEnd, childCache);
            }
            else
            {
                if (old2 is not null)
                {
                    _changes.Add(new StagedChange(StagedChangeKind.Deleted, Encoding.UTF8.GetString(prefix) + directoryName));
                }

                for (var added = position; added < childEnd; added++)
                {
                    _changes.Add(new StagedChange(StagedChangeKind.Added, _entries[added].Path));
                }
            }

            position = childEnd;
        }

        foreach (var (name, gone) in inTree)
        {
            DeleteAll(gone, Encoding.UTF8.GetString(prefix) + name);
        }
    }

    private void CompareFile(IndexRecord entry, TreeEntry? old, byte[] prefix)
    {
        if (old is null)
        {
            _changes.Add(new StagedChange(StagedChangeKind.Added, entry.Path));
            return;
        }

        if (old.TargetType == TreeEntryTargetType.Tree)
        {
            // A directory in HEAD became a file: everything under it is deleted, the file added.
            DeleteAll(old, Encoding.UTF8.GetString(prefix) + old.Name);
            _changes.Add(new StagedChange(StagedChangeKind.Added, entry.Path));
            return;
        }

        var oldMode = (int)old.Mode;
        if (ObjectType(oldMode) != ObjectType(entry.Mode))
        {
            _changes.Add(new StagedChange(StagedChangeKind.TypeChanged, entry.Path));
        }
        else if (oldMode != entry.Mode || !entry.ObjectId.Span.SequenceEqual(old.Target.Id.RawId))
        {
            _changes.Add(new StagedChange(StagedChangeKind.Modified, entry.Path));
        }
    }

    private void DeleteAll(TreeEntry gone, string path)
    {
        if (gone.TargetType != TreeEntryTargetType.Tree)
        {
            _changes.Add(new StagedChange(StagedChangeKind.Deleted, path));
            return;
        }

        foreach (var child in (Tree)gone.Target)
        {
            DeleteAll(child, path + "/" + child.Name);
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
