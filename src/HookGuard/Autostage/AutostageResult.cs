using HookGuard.Core.Drift;
using HookGuard.Core.Editing;

namespace HookGuard.Autostage;

/// <summary>One requirement file autostage rewrote, and what changed in it, line by line.</summary>
public sealed record StagedFix(string File, IReadOnlyList<LineChange> Changes);

/// <summary>
/// What autostage did for one project: the files it fixed and staged, the findings it could not fix (reported as
/// drift), and, when it refused to touch anything, why.
/// </summary>
public sealed record AutostageResult(IReadOnlyList<StagedFix> Fixed, IReadOnlyList<Finding> Remaining, string? Refusal)
{
    public bool FullyFixed => Refusal is null && Remaining.Count == 0;
}
