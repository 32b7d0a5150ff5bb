using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations;

/// <summary>
/// A declaration or lock file HookGuard cannot read (not valid TOML or JSON, an unknown lock version, a package without
/// a version, a value of the wrong type): names the file and line, and the check exits 2 (SPEC sec. 7).
/// </summary>
public sealed class DeclarationFileError(SourceLocation location, string message)
    : Exception($"{location}: {message}")
{
    public SourceLocation Location { get; } = location;
    public string Reason { get; } = message;
}
