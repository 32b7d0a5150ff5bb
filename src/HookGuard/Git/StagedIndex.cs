using System.Text;
using HookGuard.Cli;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// The index a commit is being made from, compared with <c>HEAD</c>: the staged change a pre-commit check looks at
/// (SPEC sec. 4.1). Reads only; see <see cref="IndexWriter"/> for writing. No LibGit2Sharp type leaves this class.
/// </summary>
/// <remarks>
/// The index file is parsed here (<see cref="IndexFileParser"/>), not by libgit2: one file read, then
/// <see cref="Find"/>, <see cref="Contains"/> and <see cref="PathsUnder"/> are binary searches over the entries in
/// git's byte order, and <see cref="ListStagedChanges"/> uses the cache tree to skip unchanged directories, so its
/// cost follows the staged change rather than the repository. LibGit2Sharp only reads objects (HEAD's trees, blobs).
/// </remarks>
public sealed class StagedIndex : IDisposable
{
    private readonly Repository _repository;
    private readonly ParsedIndex _index;

    private StagedIndex(Repository repository, ParsedIndex index, RepositoryLocation location, string indexFile)
    {
        _repository = repository;
        _index = index;
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
        // The index is named explicitly: LibGit2Sharp does not follow GIT_INDEX_FILE, and a `git commit -a` or
        // `git commit -- path` hook must see the commit's temporary index, not the repository's.
        // The repository first: a format libgit2 refuses (e.g. SHA-256 objects) is reported as such, not as a
        // "damaged" index whose entries were read with the wrong hash length.
        var repository = GitErrors.Translate(
            () => new Repository(location.GitDir, new RepositoryOptions { WorkingDirectoryPath = location.WorkTreeRoot }),
            $"Cannot open the git repository at '{location.GitDir}'");
        try
        {
            return new StagedIndex(repository, IndexFileParser.Read(indexFile), location, indexFile);
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The paths that differ between the index and <c>HEAD</c> (the empty tree before the first commit), as
    /// <c>git diff --cached --no-renames</c> lists them.
    /// </summary>
    /// <remarks>
    /// Under <c>git commit --amend</c> the pre-commit hook still sees <c>HEAD</c> as the commit being amended, and
    /// <c>git diff --cached</c> in that hook compares with it; this does the same (a hook cannot tell an amend from a
    /// normal commit).
    /// </remarks>
    public IReadOnlyList<StagedChange> ListStagedChanges() =>
        GitErrors.Translate(
            () => StagedDiff.Compare(_repository, _index, _repository.Head.Tip?.Tree),
            $"Cannot compare the index '{IndexFile}' with HEAD");

    /// <summary>Whether <paramref name="path"/> (work-tree-relative, <c>/</c> separators) is staged.</summary>
    public bool Contains(string path) => Find(path) is not null;

    /// <summary>The stage-0 index entry of <paramref name="path"/>, or <c>null</c> when it is not in the index.</summary>
    public StagedEntry? Find(string path)
    {
        var key = Encoding.UTF8.GetBytes(path);
        var position = LowerBound(key);
        return position < _index.Entries.Count && _index.Entries[position].PathBytes.Span.SequenceEqual(key)
            ? ToStagedEntry(_index.Entries[position])
            : null;
    }

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
        var trimmed = directory.Replace('\\', '/').Trim('/');
        var prefix = trimmed.Length == 0 ? [] : Encoding.UTF8.GetBytes(trimmed + "/");
        var paths = new List<string>();
        for (var position = LowerBound(prefix);
             position < _index.Entries.Count && _index.Entries[position].PathBytes.Span.StartsWith(prefix);
             position++)
        {
            paths.Add(_index.Entries[position].Path);
        }

        return paths;
    }

    public void Dispose() => _repository.Dispose();

    /// <summary>The first entry whose path is not below <paramref name="key"/> in git's order (bytewise, like memcmp).</summary>
    private int LowerBound(ReadOnlySpan<byte> key)
    {
        int low = 0, high = _index.Entries.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_index.Entries[middle].PathBytes.Span.SequenceCompareTo(key) < 0)
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

    private static StagedEntry ToStagedEntry(IndexRecord entry) => new(entry.Path, (GitFileMode)entry.Mode, entry.ObjectIdHex);
}
