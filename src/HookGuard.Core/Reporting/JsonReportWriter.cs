using System.Text.Json;
using HookGuard.Core.Declarations;
using HookGuard.Core.Drift;
using HookGuard.Core.Projects;

namespace HookGuard.Core.Reporting;

/// <summary>Writes the <see cref="JsonReport"/> document: the same facts as the text report, for machines.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public void Write(IReadOnlyList<DriftReport> reports, IReadOnlyList<UncheckedProject> notChecked, TextWriter output)
    {
        output.WriteLine(JsonSerializer.Serialize(ToDocument(reports, notChecked), JsonReportContext.Default.JsonReport));
    }

    /// <summary>
    /// The document for <paramref name="reports"/>, for callers that embed it. <c>inSync</c> is true only when every
    /// project was checked and is in sync.
    /// </summary>
    public static JsonReport ToDocument(IReadOnlyList<DriftReport> reports, IReadOnlyList<UncheckedProject>? notChecked = null) => new(
        JsonReport.CurrentVersion,
        reports.All(report => report.InSync) && (notChecked ?? []).Count == 0,
        reports.Select(report => new JsonProject(
            RepoPath.Display(report.ProjectPath),
            report.VenvPath,
            report.Policy == Policy.TopLevel ? "top-level" : "freeze",
            report.RequirementFiles,
            report.InSync,
            report.Findings.Select(finding => new JsonFinding(
                FindingText.Kind(finding.Kind),
                finding.Name,
                FindingText.Declared(finding),
                finding.InstalledVersion,
                finding.Location.File,
                finding.Location.Line > 0 ? finding.Location.Line : null,
                FixSuggestion.For(report, finding)) { Reason = finding.Reason }).ToArray())
            {
                Declaration = DeclarationName(report),
                Tool = report.Tool.Name,
                Deploy = report.Deploy.Select(finding => new JsonDeployFinding(
                    finding.KindName,
                    finding.Subject,
                    finding.Message,
                    finding.Location.File,
                    finding.Location.Line > 0 ? finding.Location.Line : null,
                    DeployText.Severity(finding))).ToArray(),
                Blocks = report.Blocks,
            }).ToArray(),
        (notChecked ?? []).Select(project => new JsonUncheckedProject(RepoPath.Display(project.ProjectPath), project.Reason, project.Blocks)).ToArray());

    private static string DeclarationName(DriftReport report) => report.Format switch
    {
        DeclarationFormat.RequirementFiles => "requirements",
        DeclarationFormat.Pylock => "pylock.toml",
        _ => report.RequirementFiles.Count > 0 ? report.RequirementFiles[0][(report.RequirementFiles[0].LastIndexOf('/') + 1)..] : report.Format.ToString(),
    };
}
