using HookGuard.Core.Drift;

namespace HookGuard.Core.Reporting;

/// <summary>Writes the verdicts of one check to a writer the caller owns (the console, or a test's StringWriter).</summary>
public interface IReportWriter
{
    void Write(IReadOnlyList<DriftReport> reports, TextWriter output) => Write(reports, [], output);

    /// <summary>Writes the verdicts, and the projects that could not be checked, so every format tells the same facts.</summary>
    void Write(IReadOnlyList<DriftReport> reports, IReadOnlyList<UncheckedProject> notChecked, TextWriter output);
}

/// <summary>Picks the writer for a <see cref="ReportFormat"/>.</summary>
public static class ReportWriters
{
    /// <param name="format">The requested format.</param>
    /// <param name="color">ANSI colour in the text format; the caller decides (terminal, <c>NO_COLOR</c>, <c>FORCE_COLOR</c>).
    /// Never in json or github: those are read by machines, which an escape sequence would only confuse.</param>
    /// <param name="quiet"><c>--quiet</c>: nothing for projects in sync in text and github; json and markdown, which a
    /// machine or a job summary asked for, are always whole.</param>
    public static IReportWriter For(ReportFormat format, bool color = false, bool quiet = false) => format switch
    {
        ReportFormat.Json => new JsonReportWriter(),
        ReportFormat.GitHub => new GitHubReportWriter(quiet),
        ReportFormat.Markdown => new MarkdownReportWriter(),
        _ => new TextReportWriter(color, quiet),
    };
}
