namespace HookGuard.Core.Requirements;

/// <summary>Where something was written: a repo-relative path (forward slashes) and a 1-based line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
