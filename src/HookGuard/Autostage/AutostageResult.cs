using HookGuard.Core.Drift;
using HookGuard.Core.Editing;

namespace HookGuard.Autostage;

/// <summary>One requirement file autostage rewrites, and what changes in it, line by line.</summary>
public sealed record StagedFix(string File, IReadOnlyList<LineChange> Changes);

/// <summary>
/// What autostage prepared for one project, before anything is written: the files it would fix, the findings it cannot
/// fix (reported as drift), and, when it refuses to touch anything, why. <see cref="Autostager.Write"/> writes the
/// prepared fixes of every project at once, and only when every project is <see cref="FullyFixed"/>.
/// </summary>
public sealed record AutostageResult(IReadOnlyList<StagedFix> Fixed, IReadOnlyList<Finding> Remaining, string? Refusal)
{
    public bool FullyFixed => Refusal is null && Remaining.Count == 0;

    /// <summary>The bytes to write, in the index and the work tree.</summary>
    internal IReadOnlyList<PendingFix> Pending { get; init; } = [];
}
