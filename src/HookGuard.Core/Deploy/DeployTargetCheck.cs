using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>
/// The deploy-target half of SPEC sec. 11 for one project: learn the target (<see cref="TargetSources"/>), compare its
/// Python with the venv's (<c>python-mismatch</c>), and evaluate the declared markers for it (<c>marker-mismatch</c>).
/// Pure: files come through <c>readFile</c>, the lock's re-read through <c>readForTarget</c>.
/// </summary>
/// <remarks>
/// A source that names the target but cannot be read (invalid JSON, <c>runtime: "python3"</c>) is reported as a
/// <c>python-mismatch</c> that says so, under the same setting: the deploy meets that file too, and a check that
/// silently skipped it would pass a commit it cannot vouch for. Several targets (Zappa stages) are each compared;
/// targets whose environments are the same are evaluated for markers once, named together.
/// </remarks>
public static class DeployTargetCheck
{
    /// <param name="projectPath">The project directory, repo-relative (<c>""</c> for the root).</param>
    /// <param name="config">The settings: <c>target-check</c> (off: nothing is read) and <c>target-python</c>.</param>
    /// <param name="readFile">Reads a repo-relative file as staged; null when there is none.</param>
    /// <param name="venv">The venv's marker environment.</param>
    /// <param name="declared">The declared set the venv was compared with.</param>
    /// <param name="readForTarget">Reads the project's lock again, selecting for another environment; null when the
    /// declared set is no lock (its requirements keep their markers, which are evaluated directly).</param>
    public static IReadOnlyList<DeployFinding> Findings(
        string projectPath,
        HookGuardConfig config,
        Func<string, byte[]?> readFile,
        MarkerEnvironment venv,
        DeclaredSet declared,
        Func<MarkerEnvironment, DeclaredSet>? readForTarget)
    {
        if (config.TargetCheck == Severity.Off)
        {
            return [];
        }

        var blocks = config.TargetCheck == Severity.Block;
        var reading = TargetSources.Find(projectPath, config, readFile);
        var findings = new List<DeployFinding>();
        foreach (var problem in reading.Problems)
        {
            findings.Add(new DeployFinding(DeployFindingKind.PythonMismatch, problem.Location, "unknown",
                $"cannot tell the deploy target's Python from {problem.Location.File}: {problem.Reason}", blocks));
        }

        foreach (var target in reading.Targets)
        {
            if (PythonComparison.Mismatch(target, venv) is { } message)
            {
                findings.Add(new DeployFinding(DeployFindingKind.PythonMismatch, target.Location, Subject(target), message, blocks));
            }
        }

        var isLock = declared.Format.IsLock();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Grouped(reading.Targets, venv).Take(MaxMarkerEnvironments))
        {
            var label = group.Label;
            var markerFindings = isLock
                ? readForTarget is null ? [] : MarkerDivergence.OfLock(declared, group.Environment, readForTarget, label, blocks)
                : MarkerDivergence.OfDeclarations(declared, venv, group.Environment, label, blocks);
            findings.AddRange(markerFindings.Where(finding => seen.Add(finding.Location + finding.Message)));
        }

        return findings;
    }

    /// <summary>
    /// The distinct target environments markers are evaluated for. A real deploy has a few (Zappa stages on one or two
    /// runtimes); the bound keeps a hostile file of thousands of runtimes from costing thousands of lock re-reads.
    /// </summary>
    private const int MaxMarkerEnvironments = 32;

    /// <summary>What a <c>python-mismatch</c> is about: the target's version (<c>3.12</c>, <c>pypy3.10</c>) or range.</summary>
    private static string Subject(DeployTarget target) =>
        target.RequiresPython is { } range ? range.Text
        : target.Implementation == "CPython" ? target.FullVersion ?? target.Python ?? target.Named
        : $"{target.Implementation.ToLowerInvariant()}{target.Python}";

    private sealed record TargetGroup(TargetEnvironment Environment, string Label);

    /// <summary>
    /// Targets with the same environments, together: two Zappa stages on python3.12 x86_64 give one finding per line, naming
    /// both. A target that is the venv itself (same environment, nothing unknown) has no marker to diverge on and is left out.
    /// </summary>
    private static IEnumerable<TargetGroup> Grouped(IReadOnlyList<DeployTarget> targets, MarkerEnvironment venv)
    {
        var groups = new List<(TargetEnvironment Environment, List<DeployTarget> Targets)>();
        foreach (var target in targets)
        {
            if (TargetEnvironment.For(target, venv) is not { } environment
                || (environment.Candidates is [var only] && only == venv))
            {
                continue;
            }

            var existing = groups.FindIndex(group => group.Environment.Candidates.SequenceEqual(environment.Candidates));
            if (existing >= 0)
            {
                groups[existing].Targets.Add(target);
            }
            else
            {
                groups.Add((environment, [target]));
            }
        }

        return groups.Select(group => new TargetGroup(group.Environment, Label(group.Targets)));
    }

    /// <summary>One target's label, or several named together: <c>python3.12, zappa_settings.json (stages 'dev', 'prod')</c>.</summary>
    private static string Label(List<DeployTarget> targets)
    {
        if (targets.Count == 1)
        {
            return targets[0].Label;
        }

        var named = string.Join(", ", targets.Select(target => target.Named).Distinct());
        var files = targets.Select(target => target.Location.File).Distinct().ToArray();
        return files.Length == 1 && targets.All(target => target.Stage is not null)
            ? $"{named}, {files[0]} (stages {string.Join(", ", targets.Select(target => $"'{target.Stage}'"))})"
            : $"{named}, {string.Join(", ", targets.Select(target => target.Source).Distinct())}";
    }
}
