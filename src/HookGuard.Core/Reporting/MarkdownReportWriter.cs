using System.Text;
using HookGuard.Core.Drift;
using HookGuard.Core.Projects;

namespace HookGuard.Core.Reporting;

/// <summary>
/// A GitHub-flavoured Markdown report, for CI job summaries (<c>$GITHUB_STEP_SUMMARY</c>, a merge-request note): a
/// headline, one table row per project, then per drifting project one row per finding with the command that fixes it.
/// The same facts as the text report. Everything in a cell comes from the repository (paths, package names, lines as
/// written), so it is escaped: text as literal characters, commands as code spans, and never a raw line break.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public void Write(IReadOnlyList<DriftReport> reports, IReadOnlyList<UncheckedProject> notChecked, TextWriter output)
    {
        output.WriteLine($"### {Headline(reports, notChecked)}");
        output.WriteLine();
        if (reports.Count + notChecked.Count == 0)
        {
            output.WriteLine("No project was found to check.");
            return;
        }

        output.WriteLine("| Project | Verdict | Venv | Compared with |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (var report in reports)
        {
            var verdict = report.InSync
                ? "✅ in sync"
                : $"❌ {report.Findings.Count} difference{(report.Findings.Count == 1 ? "" : "s")}";
            if (report.Deploy.Count > 0)
            {
                var blocking = report.Deploy.Count(finding => finding.Blocks);
                verdict += blocking > 0
                    ? $", ❌ {report.Deploy.Count} deploy finding{(report.Deploy.Count == 1 ? "" : "s")}"
                    : $", ⚠️ {report.Deploy.Count} deploy warning{(report.Deploy.Count == 1 ? "" : "s")}";
            }

            output.WriteLine($"| {Text(RepoPath.Display(report.ProjectPath))} | {verdict} | {Text(report.VenvPath)} | {Text(string.Join(", ", report.RequirementFiles))} |");
        }

        foreach (var project in notChecked)
        {
            var verdict = project.Blocks ? "❌ not checked" : "⚠️ not checked";
            output.WriteLine($"| {Text(RepoPath.Display(project.ProjectPath))} | {verdict}: {Text(project.Reason)} |  |  |");
        }

        foreach (var report in reports.Where(report => !report.InSync))
        {
            output.WriteLine();
            output.WriteLine($"#### {Text(FindingText.Headline(report))}");
            output.WriteLine();
            output.WriteLine("| Where | Finding | Package | Details | Fix |");
            output.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var finding in report.Findings)
            {
                output.WriteLine(
                    $"| {Text(FindingText.Where(finding))} | {Text(FindingText.Kind(finding.Kind))} | {Text(finding.Name)} | " +
                    $"{Text(FindingText.Describe(report, finding))} | {Code(FixSuggestion.For(report, finding))} |");
            }
        }

        foreach (var report in reports.Where(report => report.Deploy.Count > 0))
        {
            output.WriteLine();
            output.WriteLine($"#### {Text(RepoPath.Display(report.ProjectPath))}: what the deploy would meet");
            output.WriteLine();
            output.WriteLine("| Where | Finding | Severity | Details |");
            output.WriteLine("| --- | --- | --- | --- |");
            foreach (var finding in report.Deploy)
            {
                output.WriteLine(
                    $"| {Text(DeployText.Where(finding))} | {Text(finding.KindName)} | {DeployText.Severity(finding)} | {Text(finding.Message)} |");
            }
        }
    }

    private static string Headline(IReadOnlyList<DriftReport> reports, IReadOnlyList<UncheckedProject> notChecked)
    {
        var total = reports.Count + notChecked.Count;
        var projects = $"{total} project{(total == 1 ? "" : "s")}";
        var drifting = reports.Count(report => !report.InSync);
        var parts = new List<string>();
        if (drifting > 0)
        {
            parts.Add($"drift in {drifting} of {projects}");
        }

        var deploy = reports.Count(report => report.Deploy.Count > 0);
        if (deploy > 0)
        {
            parts.Add($"deploy findings in {deploy} of {projects}");
        }

        if (notChecked.Count > 0)
        {
            parts.Add($"{notChecked.Count} of {projects} not checked");
        }

        return parts.Count == 0
            ? total == 0 ? "HookGuard: nothing to check" : $"HookGuard: {(total == 1 ? "the project is" : $"all {projects} are")} in sync"
            : "HookGuard: " + string.Join(", ", parts);
    }

    // ASCII punctuation that CommonMark, GFM or GitHub would read as markup inside a table cell: emphasis, code, links,
    // HTML and entities, strikethrough, the cell delimiter, math ($) and emoji shortcodes (:). CommonMark lets any ASCII
    // punctuation be backslash-escaped (https://spec.commonmark.org/0.31.2/#backslash-escapes).
    private const string Markup = "\\`*_[]<>()!&~|$:#{}@";

    /// <summary>Text shown as the characters it is: markup backslash-escaped, control characters as <c>\uXXXX</c>.</summary>
    public static string Text(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            if (char.IsControl(character))
            {
                escaped.Append(@"\\u").Append(((int)character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                if (Markup.Contains(character))
                {
                    escaped.Append('\\');
                }

                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// A code span for a command: a backtick fence longer than any run of backticks inside, padded when the command starts
    /// or ends with one; pipes escaped for the table (GFM removes that escape before reading the span); control characters
    /// as <c>\uXXXX</c>. Inside a code span nothing else is markup.
    /// </summary>
    public static string Code(string command)
    {
        var content = new StringBuilder(command.Length + 8);
        var longestRun = 0;
        var run = 0;
        foreach (var character in command)
        {
            run = character == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
            if (char.IsControl(character))
            {
                content.Append(@"\u").Append(((int)character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                content.Append(character == '|' ? @"\|" : character.ToString());
            }
        }

        var fence = new string('`', longestRun + 1);
        var text = content.ToString();
        var padding = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        return fence + padding + text + padding + fence;
    }
}
