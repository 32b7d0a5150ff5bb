namespace HookGuard.Core.Drift;

/// <summary>
/// The project being checked: <see cref="ProjectPath"/> repo-relative (<c>""</c> for the root), and
/// <see cref="Directory"/> its absolute directory on disk, when known. The directory is how the project's own editable
/// install (<c>pip install -e .</c>, recorded in PEP 610 <c>direct_url.json</c>) and unnamed local entries such as
/// <c>-e .</c> are recognised: without it, they cannot be matched.
/// </summary>
public sealed record ProjectIdentity(string ProjectPath, string? Directory);
