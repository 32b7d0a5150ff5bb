using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations;

/// <summary>
/// A lock that no longer matches the file it was locked from (its recorded hash or requirements differ from the staged
/// declaration), found without running the tool. <see cref="Location"/> is the lock's line that records it.
/// </summary>
/// <param name="Location">The lock file and the line of its hash or recorded requirements.</param>
/// <param name="DeclarationFile">The staged file the lock was made from (repo-relative), e.g. <c>pyproject.toml</c>.</param>
/// <param name="Reason">What differs, one clause: "its content-hash does not match pyproject.toml".</param>
public sealed record StaleLock(SourceLocation Location, string DeclarationFile, string Reason);
