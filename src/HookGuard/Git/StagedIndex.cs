using System.Text;
using HookGuard.Cli;
using HookGuard.Git.Objects;

namespace HookGuard.Git;

/// <summary>
/// The index a commit is being made from, compared with <c>HEAD</c>: the staged change a pre-commit check looks at
/// (SPEC sec. 4.1). Reads only; see <see cref="IndexWriter"/> for writing.
/// </summary>
/// <remarks>
/// Nothing here loads libgit2: the index file is parsed by <see cref="IndexFileParser"/>, <c>HEAD</c> is resolved by
/// <see cref="HeadResolver"/>, and trees and blobs are read by HookGuard's own <see cref="ObjectDatabase"/>
/// (<see cref="OwnReaderStagedSource"/>); a repository those readers do not read is read by git itself
/// (<see cref="GitCommandStagedSource"/>), silently. One file read, then <see cref="Find"/>, <see cref="Contains"/> and <see cref="PathsUnder"/> are binary searches over the
/// entries in git's byte order, and <see cref="ListStagedChanges"/> uses the cache tree to skip unchanged directories,
/// so its cost follows the staged change rather than the repository.
/// </remarks>
public sealed class StagedIndex : IDisposable
{
    private readonly IStagedSource _source;
    private readonly ParsedIndex _index;

    private StagedIndex(IStagedSource source, RepositoryLocation location, string indexFile, string? readByGitBecause)
    {
        _source = source;
        _index = source.Index;
        Location = location;
        IndexFile = indexFile;
        ReadByGitBecause = readByGitBecause;
    }

    /// <summary>The repository this index belongs to.</summary>
    public RepositoryLocation Location { get; }

    /// <summary>The index file being read (absolute).</summary>
    public string IndexFile { get; }

    /// <summary>What HookGuard's own reader does not read in this repository, so git read it; <c>null</c> on the fast path.</summary>
    public string? ReadByGitBecause { get; }

    /// <summary>Whether this index must be written by <c>git update-index</c> (libgit2 cannot write its format).</summary>
    public bool WritesThroughGit => _source.WritesThroughGit;

    /// <summary>
    /// Opens the index being committed: <c>$GIT_INDEX_FILE</c> when set, else the repository's index
    /// (see <see cref="IndexFileLocator"/>).
    /// </summary>
    public static StagedIndex Open(RepositoryLocation location, IReadOnlyDictionary<string, string> environment, string workingDirectory) =>
        Open(location, IndexFileLocator.Resolve(location, environment, workingDirectory), environment, workingDirectory);

    /// <summary>Opens <paramref name="indexFile"/> as the index of the repository at <paramref name="location"/>.</summary>
    /// <param name="location">The repository.</param>
    /// <param name="indexFile">The index file to read.</param>
    /// <param name="environment">Read for <c>GIT_OBJECT_DIRECTORY</c> and <c>GIT_ALTERNATE_OBJECT_DIRECTORIES</c>.</param>
    /// <param name="workingDirectory">What relative paths in those variables are relative to.</param>
    /// <exception cref="UserError">The repository or the index cannot be read.</exception>
    public static StagedIndex Open(RepositoryLocation location, string indexFile, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        // The format first: the index of a SHA-256 repository would be misread with SHA-1's hash length.
        var because = RepositoryFormat.WhatOwnReaderCannotRead(location);
        if (because is null)
        {
            try
            {
                var index = IndexFileParser.Read(indexFile, location.GitDir);
                var objects = ObjectDatabase.Open(location, environment ?? new Dictionary<string, string>(), workingDirectory ?? location.WorkTreeRoot);
                return new StagedIndex(new OwnReaderStagedSource(location, index, objects), location, indexFile, null);
            }
            catch (OwnReaderCannotReadException cannot)
            {
                because = cannot.Message;
            }
        }

        var git = new GitCommand(location, indexFile, environment, workingDirectory);
        return new StagedIndex(GitCommandStagedSource.Open(git), location, indexFile, because);
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
    /// <exception cref="UserError">HEAD or one of its trees cannot be read.</exception>
    public IReadOnlyList<StagedChange> ListStagedChanges() => _source.ListStagedChanges();

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
    /// <param name="blobId">A 40-hex (64-hex in a SHA-256 repository) object id, e.g. from <see cref="StagedEntry.BlobId"/>.</param>
    /// <param name="pathForMessages">Named in the error if the blob cannot be read.</param>
    /// <exception cref="UserError">The blob is missing, is not a blob, or its file is damaged.</exception>
    public byte[] ReadBlob(string blobId, string pathForMessages)
    {
        var found = _source.TryRead(blobId)
            ?? throw new UserError($"The staged content of '{pathForMessages}' (blob {blobId}) is missing from the git object database.");
        return found.Type == GitObjectType.Blob
            ? found.Data
            : throw new UserError($"The staged content of '{pathForMessages}' names {blobId}, which is a {found.Type.Name()}, not a blob.");
    }

    /// <summary>
    /// The staged paths under <paramref name="directory"/> (work-tree-relative, <c>/</c> separators, <c>""</c> for
    /// the root), in git's order.
    /// </summary>
    public IReadOnlyList<string> PathsUnder(string directory)
    {
        var trimmed = directory.Replace('\\', '/').Trim('/');
        return PathsWithPrefix(trimmed.Length == 0 ? [] : Encoding.UTF8.GetBytes(trimmed + "/"));
    }

    /// <summary>The stage-0 paths that start with <paramref name="prefix"/> (any characters, not only a directory), in index order.</summary>
    public IReadOnlyList<string> PathsStartingWith(string prefix) => PathsWithPrefix(Encoding.UTF8.GetBytes(prefix));

    /// <summary>Whether any stage-0 path starts with <paramref name="prefix"/>: one binary search, whatever the index holds.</summary>
    public bool AnyPathStartingWith(string prefix)
    {
        var key = Encoding.UTF8.GetBytes(prefix);
        var position = LowerBound(key);
        return position < _index.Entries.Count && _index.Entries[position].PathBytes.Span.StartsWith(key);
    }

    private List<string> PathsWithPrefix(byte[] prefix)
    {
        var paths = new List<string>();
        for (var position = LowerBound(prefix);
             position < _index.Entries.Count && _index.Entries[position].PathBytes.Span.StartsWith(prefix);
             position++)
        {
            paths.Add(_index.Entries[position].Path);
        }

        return paths;
    }

    public void Dispose() => _source.Dispose();

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
