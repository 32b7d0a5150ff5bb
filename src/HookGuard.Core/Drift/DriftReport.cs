namespace HookGuard.Core.Drift;

/// <summary>The verdict for one project: in sync when <see cref="Findings"/> is empty.</summary>
public sealed record DriftReport(string ProjectPath, string VenvPath, IReadOnlyList<string> RequirementFiles, IReadOnlyList<Finding> Findings)
{
    public bool InSync => Findings.Count == 0;

    /// <summary>The policy the project was checked under.</summary>
    public Policy Policy { get; init; } = Policy.Freeze;
}
