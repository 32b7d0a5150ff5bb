namespace HookGuard.Core.Requirements;

/// <summary>
/// Every requirement a project declares, following <c>-r</c> includes from its root files.
/// Constraint files (<c>-c</c>) are read for validity but declare nothing. CONTRACT.
/// </summary>
/// <param name="Files">Every file read, repo-relative, in the order pip first reaches them.</param>
/// <param name="Requirements">The declared requirements, in pip's order (each file's lines once, even if included twice).</param>
public sealed record DeclaredSet(IReadOnlyList<string> Files, IReadOnlyList<RequirementEntry> Requirements)
{
    /// <summary>Requirements met in <c>-c</c> constraint files: they restrict versions but declare nothing.</summary>
    public IReadOnlyList<RequirementEntry> Constraints { get; init; } = [];

    /// <summary>Each file as parsed, by repo-relative path, so an editor can rewrite the one a requirement came from.</summary>
    public IReadOnlyDictionary<string, ParsedRequirementFile> ParsedFiles { get; init; } = new Dictionary<string, ParsedRequirementFile>();

    /// <summary>
    /// Whether <c>pip install -r</c> of these files runs in hash-checking mode: one file with <c>--hash</c> or
    /// <c>--require-hashes</c> makes pip demand a hash for every requirement, in every file.
    /// </summary>
    public bool UsesHashes => ParsedFiles.Values.Any(f => f.UsesHashes);
}
