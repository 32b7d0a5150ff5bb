using HookGuard.Core.Drift;
using HookGuard.Core.Projects;

namespace HookGuard.Core.Reporting;

/// <summary>The words every format uses for a finding, spelled once so that text, JSON and annotations agree.</summary>
public static class FindingText
{
    /// <summary>The kind as the SPEC names it: <c>undeclared</c>, <c>version-mismatch</c>, <c>not-installed</c>.</summary>
    public static string Kind(FindingKind kind) => kind switch
    {
        FindingKind.Undeclared => "undeclared",
        FindingKind.VersionMismatch => "version-mismatch",
        FindingKind.NotInstalled => "not-installed",
        FindingKind.StaleLock => "stale-lock",
        _ => kind.ToString(),
    };

    /// <summary>The declaration as written, without <c>--hash</c> options (long, and no help in a report).</summary>
    public static string? Declared(Finding finding)
    {
        if (finding.Declared is null)
        {
            return null;
        }

        var text = finding.Declared.Text;
        var hash = text.IndexOf("--hash", StringComparison.Ordinal);
        var declared = (hash >= 0 ? text[..hash] : text).Trim().TrimEnd('\\').Trim();

        // The requirement-file reader keeps only the target of an editable line ("." for "-e ."); say it as written.
        return finding.Declared.Editable && !declared.StartsWith('-') ? "-e " + declared : declared;
    }

    /// <summary>Where the finding applies: <c>file:line</c>, or just the file for findings about the file as a whole.</summary>
    public static string Where(Finding finding) =>
        finding.Location.Line > 0 ? finding.Location.ToString() : finding.Location.File;

    /// <summary>
    /// One sentence: the package, what is declared (or locked), what is installed; for a stale lock, what no longer matches.
    /// </summary>
    public static string Describe(DriftReport report, Finding finding)
    {
        var declared = report.AgainstLock ? "locked" : "declared";
        return finding.Kind switch
        {
            FindingKind.Undeclared when report.AgainstLock =>
                $"{finding.Name} {finding.InstalledVersion} is installed but not in {FileName(finding.Location.File)}",
            FindingKind.Undeclared =>
                $"{finding.Name} {finding.InstalledVersion} is installed but not declared",
            FindingKind.VersionMismatch =>
                $"{finding.Name}: {declared} '{Declared(finding)}', installed {finding.InstalledVersion}",
            FindingKind.StaleLock =>
                $"{FileName(finding.Location.File)} is stale: {finding.Reason ?? $"it does not match {finding.Name}"}",
            _ =>
                $"{finding.Name}: {declared} '{Declared(finding)}', not installed",
        };
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>A one-line summary of a project's verdict.</summary>
    public static string Headline(DriftReport report)
    {
        var project = RepoPath.Display(report.ProjectPath);
        // Name the declaration when it is not the requirement files the tool started with, so a reader knows what was compared.
        var against = report.Format == Declarations.DeclarationFormat.RequirementFiles || report.RequirementFiles.Count == 0
            ? ""
            : $" ({FileName(report.RequirementFiles[0])})";
        return report.InSync
            ? $"{project}: in sync with {report.VenvPath}{against}"
            : $"{project}: {report.Findings.Count} difference{(report.Findings.Count == 1 ? "" : "s")} from {report.VenvPath}{against}";
    }
}
