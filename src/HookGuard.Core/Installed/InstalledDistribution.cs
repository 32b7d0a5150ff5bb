using HookGuard.Core.Packaging;

namespace HookGuard.Core.Installed;

/// <summary>
/// One distribution a venv holds, as <c>pip freeze</c> would see it. <see cref="Version"/> is the text from
/// METADATA (it may be a legacy, non-PEP 440 version), except where the pip that freezes the venv reads the version
/// from the <c>.dist-info</c> directory name and the two disagree: then it is the directory's text, as pip shows it. <see cref="RequiresDist"/> holds the raw PEP 508 strings:
/// only the <c>top-level</c> policy parses them, so the common path pays nothing for them. CONTRACT.
/// </summary>
public sealed record InstalledDistribution(
    string Name,
    string Version,
    string Location,
    DirectUrl? DirectUrl,
    IReadOnlyList<string> RequiresDist)
{
    /// <remarks>Computed once: the comparison looks it up many times per distribution. (Nothing copies a distribution
    /// <c>with</c> another <see cref="Name"/>; such a copy would keep this value.)</remarks>
    public string NormalizedName { get; } = PackageName.Normalize(Name);

    /// <summary>
    /// The name of its info directory (<c>NAME-VER.dist-info</c>, <c>NAME.egg-info</c>, an egg's <c>EGG-INFO</c>) in
    /// <see cref="Location"/>, where <c>top_level.txt</c> and <c>RECORD</c> are; null when the reader did not see it
    /// (<c>pip inspect</c> does not say), and then whoever needs it looks for it by name.
    /// </summary>
    public string? InfoName { get; init; }

    /// <summary>Installed in editable mode (PEP 610 <c>dir_info.editable</c>, or a legacy <c>.egg-link</c>).</summary>
    public bool Editable => DirectUrl is { Editable: true };
}

/// <summary>PEP 610 <c>direct_url.json</c>: how a distribution was installed from a URL or directory.</summary>
public sealed record DirectUrl(string Url, bool Editable, string? VcsName, string? CommitId, string? RequestedRevision)
{
    /// <summary><c>archive_info.hash</c> (legacy single <c>name=value</c> key), which pip freeze appends as a fragment.</summary>
    public string? ArchiveHash { get; init; }

    /// <summary>The <c>subdirectory</c> key: where in the URL's tree the project lives.</summary>
    public string? Subdirectory { get; init; }

    /// <summary>
    /// The line <c>pip freeze</c> writes for a non-editable direct-URL install
    /// (pip's <c>direct_url_as_pep440_direct_reference</c>): <c>name @ url</c>, VCS as <c>vcs+url@commit</c>, then
    /// <c>#hash&amp;subdirectory=...</c> fragments.
    /// </summary>
    public string PipFreezeRequirement(string name)
    {
        var requirement = name + " @ " + (VcsName is null ? Url : $"{VcsName}+{Url}@{CommitId}");
        var fragments = new List<string>(2);
        if (VcsName is null && !Editable && ArchiveHash is { Length: > 0 }) fragments.Add(ArchiveHash);
        if (Subdirectory is { Length: > 0 }) fragments.Add("subdirectory=" + Subdirectory);
        return fragments.Count == 0 ? requirement : requirement + "#" + string.Join('&', fragments);
    }
}
