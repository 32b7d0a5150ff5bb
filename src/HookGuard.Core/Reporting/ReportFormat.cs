namespace HookGuard.Core.Reporting;

/// <summary>The <c>--format</c> of a check's report (SPEC 4.7).</summary>
public enum ReportFormat
{
    /// <summary>For people: per project, what differs and the command that fixes it.</summary>
    Text,

    /// <summary>The same facts for machines, in a versioned schema.</summary>
    Json,

    /// <summary>GitHub Actions workflow commands: one annotation per finding.</summary>
    GitHub,

    /// <summary>GitHub-flavoured Markdown tables, for a CI job summary.</summary>
    Markdown,
}
