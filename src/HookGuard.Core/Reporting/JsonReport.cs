using System.Text.Json.Serialization;

namespace HookGuard.Core.Reporting;

/// <summary>
/// The <c>--format json</c> document. Schema version <see cref="CurrentVersion"/>: fields are only ever added within a
/// version; renaming or removing one bumps it.
/// </summary>
public sealed record JsonReport(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("inSync")] bool InSync,
    [property: JsonPropertyName("projects")] IReadOnlyList<JsonProject> Projects,
    [property: JsonPropertyName("notChecked")] IReadOnlyList<JsonUncheckedProject> NotChecked)
{
    public const int CurrentVersion = 1;
}

/// <summary>One project's verdict. <c>path</c> is repo-relative, <c>"."</c> for the root; <c>policy</c> is <c>freeze</c> or <c>top-level</c>.</summary>
public sealed record JsonProject(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("venv")] string Venv,
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("requirementFiles")] IReadOnlyList<string> RequirementFiles,
    [property: JsonPropertyName("inSync")] bool InSync,
    [property: JsonPropertyName("findings")] IReadOnlyList<JsonFinding> Findings)
{
    /// <summary>
    /// What the venv was compared with: <c>requirements</c>, <c>uv.lock</c>, <c>poetry.lock</c>, <c>Pipfile.lock</c>,
    /// <c>pdm.lock</c>, <c>pylock.toml</c>, <c>pyproject.toml</c> or <c>Pipfile</c>; its file is <c>requirementFiles[0]</c>.
    /// </summary>
    [JsonPropertyName("declaration")]
    public string Declaration { get; init; } = "requirements";

    /// <summary>The tool that owns the declaration (<c>pip</c>, <c>uv</c>, <c>poetry</c>, <c>pipenv</c>, <c>pdm</c>, ...).</summary>
    [JsonPropertyName("tool")]
    public string Tool { get; init; } = "pip";

    /// <summary>What a deploy that rebuilds the venv would meet (imports, the target Python): SPEC sec. 11.</summary>
    [JsonPropertyName("deploy")]
    public IReadOnlyList<JsonDeployFinding> Deploy { get; init; } = [];

    /// <summary>Whether this project stops the commit: drift, or a deploy finding whose setting is <c>block</c>.</summary>
    [JsonPropertyName("blocks")]
    public bool Blocks { get; init; }
}

/// <summary>
/// One deploy finding. <c>kind</c>: <c>import-not-declared</c> | <c>import-unresolved</c> | <c>python-mismatch</c> |
/// <c>marker-mismatch</c>; <c>subject</c> the module, Python version or package; <c>severity</c> <c>error</c> (blocks
/// the commit) or <c>warning</c>; <c>line</c> null when the finding concerns the file as a whole.
/// </summary>
public sealed record JsonDeployFinding(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] int? Line,
    [property: JsonPropertyName("severity")] string Severity);

/// <summary>A project that could not be compared (no venv); <c>blocks</c>: the configuration makes that block the commit.</summary>
public sealed record JsonUncheckedProject(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("blocks")] bool Blocks);

/// <summary>
/// One finding. <c>kind</c>: <c>undeclared</c> | <c>version-mismatch</c> | <c>not-installed</c>; <c>declared</c> is the
/// line as written (null for undeclared); <c>line</c> is null when the finding concerns the file as a whole. A
/// <c>stale-lock</c> finding names the declaration file in <c>name</c> and says what differs in <c>reason</c>.
/// </summary>
public sealed record JsonFinding(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("declared")] string? Declared,
    [property: JsonPropertyName("installedVersion")] string? InstalledVersion,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] int? Line,
    [property: JsonPropertyName("fix")] string Fix)
{
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}

/// <summary>Source-generated serialization: no reflection, so it survives NativeAOT trimming.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class JsonReportContext : JsonSerializerContext;
