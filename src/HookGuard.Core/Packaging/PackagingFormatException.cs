namespace HookGuard.Core.Packaging;

/// <summary>
/// A version, specifier, marker or requirement string that does not follow PEP 440/508.
/// Callers that know the file and line wrap it into a located error for the user.
/// </summary>
public sealed class PackagingFormatException : FormatException
{
    public PackagingFormatException(string message) : base(message)
    {
    }

    /// <summary>A problem at a known place: the message gains "at column N".</summary>
    public PackagingFormatException(string problem, string source, int position)
        : base($"{problem} at column {position + 1} of '{source}'")
    {
        Problem = problem;
        Input = source;
        Column = position + 1;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string? Problem { get; }

    /// <summary>The text that failed to parse, when known.</summary>
    public string? Input { get; }

    /// <summary>The 1-based column (UTF-16 code units) where the problem starts, when known.</summary>
    public int? Column { get; }
}
