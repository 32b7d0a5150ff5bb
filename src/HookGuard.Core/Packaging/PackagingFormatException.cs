namespace HookGuard.Core.Packaging;

/// <summary>
/// A version, specifier, marker or requirement string that does not follow PEP 440/508.
/// Callers that know the file and line wrap it into a located error for the user.
/// </summary>
public sealed class PackagingFormatException(string message) : FormatException(message);
