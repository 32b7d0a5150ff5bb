namespace HookGuard.Core.Requirements;

/// <summary>A requirements file that pip would refuse: names the file and line of the problem.</summary>
public sealed class RequirementFileError(SourceLocation location, string message)
    : Exception($"{location}: {message}")
{
    public SourceLocation Location { get; } = location;
    public string Reason { get; } = message;
}
