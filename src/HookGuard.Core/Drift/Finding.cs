using HookGuard.Core.Requirements;

namespace HookGuard.Core.Drift;

public enum FindingKind
{
    /// <summary>Installed but not declared.</summary>
    Undeclared,

    /// <summary>Declared and installed, but the installed version is not accepted by the specifier.</summary>
    VersionMismatch,

    /// <summary>Declared (and its marker applies) but not installed.</summary>
    NotInstalled,

    /// <summary>A lock file that no longer matches the declaration it was locked from (SPEC sec. 9).</summary>
    StaleLock,
}

/// <summary>
/// One difference between the declared and the installed set. <see cref="Declared"/> is the requirement line it
/// concerns (null for <see cref="FindingKind.Undeclared"/>), <see cref="Location"/> where it applies: the declaring
/// line, or for an undeclared distribution the root requirement file (or the lock). For <see cref="FindingKind.StaleLock"/>,
/// <see cref="Name"/> is the declaration file the lock no longer matches and <see cref="Reason"/> says what differs.
/// </summary>
public sealed record Finding(
    FindingKind Kind,
    string Name,
    string? InstalledVersion,
    RequirementEntry? Declared,
    SourceLocation Location)
{
    /// <summary>For a stale lock: what differs, one clause.</summary>
    public string? Reason { get; init; }
}
