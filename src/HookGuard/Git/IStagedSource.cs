using HookGuard.Git.Objects;

namespace HookGuard.Git;

/// <summary>
/// Where <see cref="StagedIndex"/> gets the index being committed, its difference from <c>HEAD</c>, and objects:
/// HookGuard's own readers for the repositories they read (<see cref="OwnReaderStagedSource"/>), else <c>git</c> itself
/// (<see cref="GitCommandStagedSource"/>). <see cref="StagedIndex"/> chooses once, at open; nothing else branches on it.
/// </summary>
internal interface IStagedSource : IDisposable
{
    /// <summary>The stage-0 entries in git's byte order, and the cache tree when the source has one.</summary>
    ParsedIndex Index { get; }

    /// <summary>Whether writing this index needs <c>git update-index</c> (libgit2 cannot write the format).</summary>
    bool WritesThroughGit { get; }

    /// <summary>What <c>git diff --cached --no-renames --name-status</c> lists.</summary>
    IReadOnlyList<StagedChange> ListStagedChanges();

    /// <summary>The object <paramref name="objectIdHex"/>, or <c>null</c> when the repository does not have it.</summary>
    GitObject? TryRead(string objectIdHex);
}
