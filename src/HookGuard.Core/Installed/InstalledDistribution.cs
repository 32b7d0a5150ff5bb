using HookGuard.Core.Packaging;

namespace HookGuard.Core.Installed;

/// <summary>
/// One distribution a venv holds, as <c>pip freeze</c> would see it. <see cref="Version"/> is the text from
/// METADATA (it may be a legacy, non-PEP 440 version). <see cref="RequiresDist"/> holds the raw PEP 508 strings:
/// only the <c>top-level</c> policy parses them, so the common path pays nothing for them. CONTRACT.
/// </summary>
public sealed record InstalledDistribution(
    string Name,
    string Version,
    string Location,
    DirectUrl? DirectUrl,
    IReadOnlyList<string> RequiresDist)
{
    public string NormalizedName => PackageName.Normalize(Name);

    /// <summary>Installed in editable mode (PEP 610 <c>dir_info.editable</c>, or a legacy <c>.egg-link</c>).</summary>
    public bool Editable => DirectUrl is { Editable: true };
}

/// <summary>PEP 610 <c>direct_url.json</c>: how a distribution was installed from a URL or directory.</summary>
public sealed record DirectUrl(string Url, bool Editable, string? VcsName, string? CommitId, string? RequestedRevision);
