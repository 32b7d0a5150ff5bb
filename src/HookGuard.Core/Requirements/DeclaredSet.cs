namespace HookGuard.Core.Requirements;

/// <summary>
/// Every requirement a project declares, following <c>-r</c> includes from its root files.
/// Constraint files (<c>-c</c>) are read for validity but declare nothing. CONTRACT.
/// </summary>
public sealed record DeclaredSet(IReadOnlyList<string> Files, IReadOnlyList<RequirementEntry> Requirements);
