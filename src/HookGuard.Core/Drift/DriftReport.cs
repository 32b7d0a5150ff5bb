using HookGuard.Core.Declarations;
using HookGuard.Core.Deploy;

namespace HookGuard.Core.Drift;

/// <summary>The verdict for one project: in sync when <see cref="Findings"/> is empty.</summary>
public sealed record DriftReport(string ProjectPath, string VenvPath, IReadOnlyList<string> RequirementFiles, IReadOnlyList<Finding> Findings)
{
    public bool InSync => Findings.Count == 0;

    /// <summary>
    /// PEP 503 names of the installed distributions the declaration names itself (and the project's own, and ignored
    /// names): what the import check counts as declared. Not what top-level adds by following Requires-Dist.
    /// </summary>
    public IReadOnlySet<string> Named { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>What the deploy would meet (SPEC sec. 11): imports and the target Python. Warnings do not block.</summary>
    public IReadOnlyList<DeployFinding> Deploy { get; init; } = [];

    /// <summary>Whether this project stops the commit: drift, or a deploy finding whose setting is <c>block</c>.</summary>
    public bool Blocks => !InSync || Deploy.Any(finding => finding.Blocks);

    /// <summary>The policy the project was checked under.</summary>
    public Policy Policy { get; init; } = Policy.Freeze;

    /// <summary>The kind of file the project was compared with (<see cref="RequirementFiles"/>[0] is that file).</summary>
    public DeclarationFormat Format { get; init; } = DeclarationFormat.RequirementFiles;

    /// <summary>The tool whose commands fix the drift.</summary>
    public DeclarationTool Tool { get; init; } = DeclarationTool.Pip;

    /// <summary>Whether the declaration is a lock file (its findings are fixed by the tool, never by editing the lock).</summary>
    public bool AgainstLock => Format.IsLock();
}
