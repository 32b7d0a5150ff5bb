using HookGuard.Core.Drift;

namespace HookGuard.Core.Reporting;

/// <summary>
/// The report for people: per project a headline, then one line per finding naming where it applies, the package, what
/// is declared and installed, and the command that fixes it. ANSI colour only when the caller asks for it. Everything
/// taken from files is printed through <see cref="TerminalText"/>, before the colour is added, so the only escape
/// sequences in the report are its own.
/// </summary>
/// <param name="color">ANSI colour: the drift headline bold, the finding kind red (yellow for not-installed), the fix cyan, in sync green.</param>
/// <param name="quiet"><c>--quiet</c>: projects in sync say nothing, so a check that passes prints nothing.</param>
public sealed class TextReportWriter(bool color = false, bool quiet = false) : IReportWriter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Cyan = "\u001b[36m";

    /// <remarks>Projects that could not be checked are told on the error stream by the caller, in a paragraph of their own.</remarks>
    public void Write(IReadOnlyList<DriftReport> reports, IReadOnlyList<UncheckedProject> notChecked, TextWriter output)
    {
        foreach (var report in reports)
        {
            // --quiet keeps what stops the commit; a warning is for a run that is allowed to talk.
            if (quiet && !report.Blocks) continue;
            output.WriteLine(Paint(report.InSync ? Green : Bold, TerminalText.Escape(FindingText.Headline(report))));
            foreach (var finding in report.Findings)
            {
                var kind = FindingText.Kind(finding.Kind);
                output.WriteLine(
                    $"  {TerminalText.Escape(FindingText.Where(finding))}: {Paint(finding.Kind == FindingKind.NotInstalled ? Yellow : Red, kind)}: " +
                    $"{TerminalText.Escape(FindingText.Describe(report, finding))}. Fix: {Paint(Cyan, TerminalText.Escape(FixSuggestion.For(report, finding)))}");
            }

            foreach (var finding in report.Deploy)
            {
                output.WriteLine(
                    $"  {TerminalText.Escape(DeployText.Where(finding))}: {Paint(finding.Blocks ? Red : Yellow, finding.KindName)} ({DeployText.Severity(finding)}): " +
                    TerminalText.Escape(finding.Message));
            }
        }

        var drifting = reports.Count(report => !report.InSync);
        if (drifting > 0)
        {
            output.WriteLine(
                $"Drift in {drifting} of {reports.Count} project{(reports.Count == 1 ? "" : "s")}: " +
                (reports.Any(report => report.Format != Declarations.DeclarationFormat.RequirementFiles)
                    ? "the declared dependencies do not match the venvs."
                    : "the requirement files do not match the venvs."));
        }

        if (DeployText.Summary(reports) is { } deploy && !(quiet && !reports.Any(report => report.Deploy.Any(finding => finding.Blocks))))
        {
            output.WriteLine(deploy);
        }
    }

    private string Paint(string code, string text) => color ? code + text + Reset : text;
}
