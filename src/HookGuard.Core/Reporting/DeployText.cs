using HookGuard.Core.Deploy;
using HookGuard.Core.Drift;

namespace HookGuard.Core.Reporting;

/// <summary>The words every format uses for a deploy finding (SPEC sec. 11), so text, JSON and annotations agree.</summary>
public static class DeployText
{
    /// <summary>Where the finding applies: <c>file:line</c>, or the file alone when the line is not known.</summary>
    public static string Where(DeployFinding finding) =>
        finding.Location.Line > 0 ? finding.Location.ToString() : finding.Location.File;

    /// <summary><c>error</c> for a finding that blocks the commit, <c>warning</c> for one that is only reported.</summary>
    public static string Severity(DeployFinding finding) => finding.Blocks ? "error" : "warning";

    /// <summary>
    /// The closing line of a report that has deploy findings: how many block the commit and how many only warn, and
    /// for warnings, the setting that would make them block (a hook that warns is read; one that blocks is obeyed).
    /// Null when there are none.
    /// </summary>
    public static string? Summary(IReadOnlyList<DriftReport> reports)
    {
        var findings = reports.SelectMany(report => report.Deploy).ToList();
        if (findings.Count == 0) return null;
        var blocking = findings.Count(finding => finding.Blocks);
        var warnings = findings.Count - blocking;
        var parts = new List<string>(2);
        if (blocking > 0) parts.Add($"{blocking} block{(blocking == 1 ? "s" : "")} the commit");
        if (warnings > 0)
        {
            // Name only the settings that would turn these warnings into blockers.
            var settings = findings.Where(finding => !finding.Blocks)
                .Select(finding => finding.Kind is DeployFindingKind.ImportNotDeclared or DeployFindingKind.ImportUnresolved ? "imports" : "target-check")
                .Distinct()
                .Select(setting => $"{setting} = \"block\"");
            parts.Add($"{warnings} {(warnings == 1 ? "is a warning" : "are warnings")} ({string.Join(" or ", settings)} in .hookguard.toml makes {(warnings == 1 ? "it" : "them")} block)");
        }
        return $"Deploy check: {findings.Count} finding{(findings.Count == 1 ? "" : "s")} that a rebuilt venv would meet; " + string.Join(", ", parts) + ".";
    }
}
