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

    /// <summary>One sentence: the package, what is declared, what is installed.</summary>
    public static string Describe(Finding finding) => finding.Kind switch
    {
        FindingKind.Undeclared =>
            $"{finding.Name} {finding.InstalledVersion} is installed but not declared",
        FindingKind.VersionMismatch =>
            $"{finding.Name}: declared '{Declared(finding)}', installed {finding.InstalledVersion}",
        _ =>
            $"{finding.Name}: declared '{Declared(finding)}', not installed",
    };

    /// <summary>A one-line summary of a project's verdict.</summary>
    public static string Headline(DriftReport report)
    {
        var project = RepoPath.Display(report.ProjectPath);
        return report.InSync
            ? $"{project}: in sync with {report.VenvPath}"
            : $"{project}: {report.Findings.Count} difference{(report.Findings.Count == 1 ? "" : "s")} from {report.VenvPath}";
    }
}
