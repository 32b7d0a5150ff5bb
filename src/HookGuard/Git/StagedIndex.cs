using HookGuard.Cli;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// The index a commit is being made from, compared with <c>HEAD</c>: the staged change a pre-commit check looks at
/// (SPEC sec. 4.1). Reads only; see <see cref="IndexWriter"/> for writing. No LibGit2Sharp type leaves this class.
/// </summary>
/// <remarks>
/// Cost: opening parses the whole index file (as git itself does). <see cref="ListStagedChanges"/> walks the
/// index against the HEAD tree in libgit2 (linear in the number of index entries, in native code);
/// <see cref="Find"/> and <see cref="Contains"/> are binary searches; <see cref="PathsUnder"/> copies the index
/// paths once, then binary-searches.
/// </remarks>
public sealed class StagedIndex : IDisposable
{
    private readonly Repository _repository;
    private string[]? _sortedPaths;

    private StagedIndex(Repository repository, RepositoryLocation location, string indexFile)
    {
        _repository = repository;
        Location = location;
        IndexFile = indexFile;
    }

    /// <summary>The repository this index belongs to.</summary>
    public RepositoryLocation Location { get; }

    /// <summary>The index file being read (absolute).</summary>
    public string IndexFile { get; }

    /// <summary>
    /// Opens the index being committed: <c>$GIT_INDEX_FILE</c> when set, else the repository's index
    /// (see <see cref="IndexFileLocator"/>).
    /// </summary>
    public static StagedIndex Open(RepositoryLocation location, IReadOnlyDictionary<string, string> environment, string workingDirectory) =>
        Open(location, IndexFileLocator.Resolve(location, environment, workingDirectory));

    /// <summary>Opens <paramref name="indexFile"/> as the index of the repository at <paramref name="location"/>.</summary>
    /// <exception cref="UserError">The repository or the index cannot be read.</exception>
    public static StagedIndex Open(RepositoryLocation location, string indexFile)
    {
        // LibGit2Sharp does not follow GIT_INDEX_FILE by itself: the index must be named explicitly, or a
        // `git commit -a` / `git commit -- path` hook would see the repository's index instead of the commit's.
        var options = new RepositoryOptions
        {
            WorkingDirectoryPath = location.WorkTreeRoot,
            // A missing index file reads as an empty index (a fresh repository), as in git.
            IndexPath = indexFile,
        };
        var repository = GitErrors.Translate(
            () => new Repository(location.GitDir, options),
            $"Cannot open the git repository at '{location.GitDir}'");
        return new StagedIndex(repository, location, indexFile);
    }

    /// <summary>
    /// The paths that differ between the index and <c>HEAD</c> (the empty tree before the first commit), with
    /// renames detected as <c>git diff --cached</c> does by default (<c>diff.renames=true</c>).
    /// </summary>
    /// <remarks>
    /// Under <c>git commit --amend</c> the pre-commit hook still sees <c>HEAD</c> as the commit being amended, and
    /// <c>git diff --cached</c> in that hook compares with it; this does the same (a hook cannot tell an amend from a
    /// normal commit).
    /// </remarks>
    public IReadOnlyList<StagedChange> ListStagedChanges() =>
        GitErrors.Translate(
            () =>
            {
                var head = _repository.Head.Tip?.Tree;
                var options = new CompareOptions { Similarity = SimilarityOptions.Renames };
                // TreeChanges, never Patch: Diff.Compare<Patch> crashes under NativeAOT, and the content is not needed.
                using var changes = _repository.Diff.Compare<TreeChanges>(head, DiffTargets.Index, null, null, options);
                return changes.Select(ToStagedChange).OfType<StagedChange>().ToArray();
            },
            $"Cannot compare the index '{IndexFile}' with HEAD");

    /// <summary>Whether <paramref name="path"/> (work-tree-relative, <c>/</c> separators) is staged.</summary>
    public bool Contains(string path) => Find(path) is not null;

    /// <summary>The stage-0 index entry of <paramref name="path"/>, or <c>null</c> when it is not in the index.</summary>
    public StagedEntry? Find(string path) =>
        GitErrors.Translate(
            () => _repository.Index[path] is { StageLevel: StageLevel.Staged } entry ? ToStagedEntry(entry) : null,
            $"Cannot read the index '{IndexFile}'");

    /// <summary>The staged bytes of <paramref name="path"/>, or <c>null</c> when it is not in the index.</summary>
    /// <exception cref="UserError">The blob is missing from the object database.</exception>
    public byte[]? ReadStagedBytes(string path)
    {
        var entry = Find(path);
        return entry is null ? null : ReadBlob(entry.BlobId, path);
    }

    /// <summary>The bytes of the blob <paramref name="blobId"/>.</summary>
    /// <param name="blobId">A 40-hex object id, e.g. from <see cref="StagedEntry.BlobId"/>.</param>
    /// <param name="pathForMessages">Named in the error if the blob cannot be read.</param>
    public byte[] ReadBlob(string blobId, string pathForMessages) =>
        GitErrors.Translate(
            () =>
            {
                var blob = _repository.Lookup<Blob>(new ObjectId(blobId))
                    ?? throw new UserError($"The staged content of '{pathForMessages}' (blob {blobId}) is missing from the git object database.");
                using var content = blob.GetContentStream();
                using var buffer = new MemoryStream(checked((int)blob.Size));
                content.CopyTo(buffer);
                return buffer.ToArray();
            },
            $"Cannot read the staged content of '{pathForMessages}'");

    /// <summary>
    /// The staged paths under <paramref name="directory"/> (work-tree-relative, <c>/</c> separators, <c>""</c> for
    /// the root), in git's order.
    /// </summary>
    public IReadOnlyList<string> PathsUnder(string directory)
    {
        var paths = _sortedPaths ??= GitErrors.Translate(
            () => _repository.Index.Where(entry => entry.StageLevel == StageLevel.Staged)
                .Select(entry => entry.Path.Replace('\\', '/'))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray(),
            $"Cannot read the index '{IndexFile}'");
        var prefix = directory.Trim('/');
        if (prefix.Length == 0)
        {
            return paths;
        }

        prefix += "/";
        var first = LowerBound(paths, prefix);
        var end = first;
        while (end < paths.Length && paths[end].StartsWith(prefix, StringComparison.Ordinal))
        {
            end++;
        }

        return new ArraySegment<string>(paths, first, end - first);
    }

    public void Dispose() => _repository.Dispose();

    private static int LowerBound(string[] sorted, string value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(sorted[middle], value) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static StagedChange? ToStagedChange(TreeEntryChanges change)
    {
        var path = change.Path.Replace('\\', '/');
        var oldPath = change.OldPath.Replace('\\', '/');
        return change.Status switch
        {
            ChangeKind.Added => new StagedChange(StagedChangeKind.Added, path),
            ChangeKind.Deleted => new StagedChange(StagedChangeKind.Deleted, oldPath),
            ChangeKind.Modified => new StagedChange(StagedChangeKind.Modified, path),
            ChangeKind.Renamed => new StagedChange(StagedChangeKind.Renamed, path, oldPath),
            ChangeKind.Copied => new StagedChange(StagedChangeKind.Copied, path, oldPath),
            ChangeKind.TypeChanged => new StagedChange(StagedChangeKind.TypeChanged, path),
            // Unmodified/Ignored/Untracked/Unreadable do not appear in a tree-to-index diff; Conflicted cannot be committed.
            _ => null,
        };
    }

    private static StagedEntry ToStagedEntry(IndexEntry entry) =>
        new(entry.Path.Replace('\\', '/'), (GitFileMode)(int)entry.Mode, entry.Id.Sha);
}
