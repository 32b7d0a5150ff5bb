namespace HookGuard.Cli;

/// <summary>
/// What a command may know of the world it runs in. Passed in, never read from statics deep in the logic, so that
/// tests can run commands in-process and read what a user sees.
/// </summary>
public sealed record CommandContext(
    string WorkingDirectory,
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string> Environment,
    bool OutputIsTerminal)
{
    public string? GetEnvironmentVariable(string name) =>
        Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Colour only on a terminal, and never with NO_COLOR set (https://no-color.org).</summary>
    public bool UseColor => OutputIsTerminal && !Environment.ContainsKey("NO_COLOR");

    public bool Debug => GetEnvironmentVariable("HOOKGUARD_DEBUG") is "1";

    /// <summary>The context of the running process.</summary>
    public static CommandContext FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return new CommandContext(
            System.Environment.CurrentDirectory,
            Console.Out,
            Console.Error,
            variables,
            !Console.IsOutputRedirected);
    }
}
