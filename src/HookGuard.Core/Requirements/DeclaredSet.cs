using HookGuard.Core.Declarations;

namespace HookGuard.Core.Requirements;

/// <summary>
/// Every requirement a project declares, from one authoritative source (SPEC sec. 4.3, 9): pip requirement files with
/// their <c>-r</c> includes, a lock file, or <c>pyproject.toml</c> / <c>Pipfile</c> declarations. Constraint files
/// (<c>-c</c>) are read for validity but declare nothing. CONTRACT.
/// </summary>
/// <param name="Files">Every file read, repo-relative, in the order first reached (the authoritative one first).</param>
/// <param name="Requirements">The declared requirements, in file order. A lock reader gives the packages it selected for the
/// venv (by marker and group) as <c>name==version</c> entries at their lines, without markers.</param>
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

    /// <summary>What kind of file declares the set; only <see cref="DeclarationFormat.RequirementFiles"/> can be edited.</summary>
    public DeclarationFormat Format { get; init; } = DeclarationFormat.RequirementFiles;

    /// <summary>The tool whose commands fix drift against this set (and refresh a stale lock).</summary>
    public DeclarationTool Tool { get; init; } = DeclarationTool.Pip;

    /// <summary>
    /// PEP 503 names of the project's own packages (uv's editable or virtual root and workspace members, Poetry's root):
    /// never drift, declared or not.
    /// </summary>
    public IReadOnlySet<string> OwnNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Locks found stale against their declaration file.</summary>
    public IReadOnlyList<StaleLock> Stale { get; init; } = [];
}
