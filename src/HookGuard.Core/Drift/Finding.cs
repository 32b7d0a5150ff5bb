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
}

/// <summary>
/// One difference between the declared and the installed set. <see cref="Declared"/> is the requirement line it
/// concerns (null for <see cref="FindingKind.Undeclared"/>), <see cref="Location"/> where it applies: the declaring
/// line, or for an undeclared distribution the root requirement file.
/// </summary>
public sealed record Finding(
    FindingKind Kind,
    string Name,
    string? InstalledVersion,
    RequirementEntry? Declared,
    SourceLocation Location);
