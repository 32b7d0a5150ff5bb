namespace HookGuard.Core.Configuration;

/// <summary>
/// A <c>.hookguard.toml</c> that cannot be used: names the file, the 1-based line, the key (when there is one)
/// and what was expected, so that the user can fix it without guessing (SPEC sec. 6).
/// </summary>
public sealed class ConfigError(string file, int line, string? key, string reason)
    : Exception(Describe(file, line, key, reason))
{
    public string File { get; } = file;

    /// <summary>1-based line of the offending key or syntax error.</summary>
    public int Line { get; } = line;

    /// <summary>The key as written (dotted for keys inside <c>[[project]]</c>, e.g. <c>project.venv</c>); null for syntax errors.</summary>
    public string? Key { get; } = key;

    /// <summary>What is wrong and what is expected instead.</summary>
    public string Reason { get; } = reason;

    private static string Describe(string file, int line, string? key, string reason) =>
        key is null ? $"{file}:{line}: {reason}" : $"{file}:{line}: '{key}': {reason}";
}
