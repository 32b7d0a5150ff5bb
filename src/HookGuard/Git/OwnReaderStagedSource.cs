using HookGuard.Git.Objects;

namespace HookGuard.Git;

/// <summary>
/// The fast path: the index parsed by <see cref="IndexFileParser"/>, HEAD resolved by <see cref="HeadResolver"/>, trees
/// and blobs read by <see cref="ObjectDatabase"/>, the diff walked by <see cref="StagedDiff"/>. No child process, no libgit2.
/// </summary>
internal sealed class OwnReaderStagedSource(RepositoryLocation location, ParsedIndex index, ObjectDatabase objects) : IStagedSource
{
    public ParsedIndex Index => index;

    /// <summary>libgit2 reads no split index (the mandatory <c>link</c> extension), so neither can it write one.</summary>
    public bool WritesThroughGit => index.IsSplit;

    public IReadOnlyList<StagedChange> ListStagedChanges() =>
        StagedDiff.Compare(objects, index, HeadResolver.HeadTree(location, objects));

    public GitObject? TryRead(string objectIdHex) => objects.TryRead(Convert.FromHexString(objectIdHex));

    public void Dispose() => objects.Dispose();
}
