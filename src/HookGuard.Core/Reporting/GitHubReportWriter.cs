using System.Text;
using HookGuard.Core.Drift;

namespace HookGuard.Core.Reporting;

/// <summary>
/// GitHub Actions workflow commands: one <c>::error file=...,line=...,title=...::message</c> per finding, so that each
/// shows as an annotation on the requirement file
/// (https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#setting-an-error-message).
/// </summary>
/// <param name="quiet"><c>--quiet</c>: no log line for a project in sync; annotations are written all the same.</param>
public sealed class GitHubReportWriter(bool quiet = false) : IReportWriter
{
    public void Write(IReadOnlyList<DriftReport> reports, IReadOnlyList<UncheckedProject> notChecked, TextWriter output)
    {
        foreach (var project in notChecked)
        {
            var title = EscapeProperty($"HookGuard: {Projects.RepoPath.Display(project.ProjectPath)} not checked");
            output.WriteLine($"::{(project.Blocks ? "error" : "warning")} title={title}::{EscapeData(project.Reason)}");
        }

        foreach (var report in reports)
        {
            // A plain line for the log, then the annotations.
            if (!(quiet && report.InSync)) output.WriteLine(TerminalText.Escape(FindingText.Headline(report)));
            foreach (var finding in report.Findings)
            {
                var message = $"{FindingText.Describe(report, finding)} (venv {report.VenvPath}). Fix: {FixSuggestion.For(report, finding)}";
                output.WriteLine(Annotation("error", finding.Location, $"HookGuard: {FindingText.Kind(finding.Kind)} {finding.Name}", message));
            }

            foreach (var finding in report.Deploy)
            {
                output.WriteLine(Annotation(DeployText.Severity(finding), finding.Location, $"HookGuard: {finding.KindName} {finding.Subject}", finding.Message));
            }
        }
    }

    /// <summary>One workflow command: <c>::LEVEL file=F[,line=N],title=T::MESSAGE</c>, every part escaped.</summary>
    private static string Annotation(string level, Requirements.SourceLocation location, string title, string message)
    {
        var properties = new StringBuilder($"file={EscapeProperty(location.File)}");
        if (location.Line > 0)
        {
            properties.Append($",line={location.Line}");
        }

        properties.Append($",title={EscapeProperty(title)}");
        return $"::{level} {properties}::{EscapeData(message)}";
    }

    /// <summary>
    /// Message text: '%', CR and LF are percent-encoded (actions/toolkit <c>escapeData</c>); any other control character
    /// from a file (ESC, BEL) is written as <c>\xNN</c>, since the runner prints the text into a log that renders ANSI.
    /// </summary>
    public static string EscapeData(string text) =>
        TerminalText.Escape(text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"));

    /// <summary>Property values: as data, plus ':' and ',' which delimit properties (actions/toolkit <c>escapeProperty</c>).</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");
}
