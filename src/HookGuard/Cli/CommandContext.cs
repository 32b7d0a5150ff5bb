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

    /// <summary>How much a command says (<c>--quiet</c>, <c>--verbose</c>); set by <see cref="OutputOptions"/>.</summary>
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;

    /// <summary>
    /// Colour on a terminal only, unless the environment says otherwise: <c>NO_COLOR</c> with any non-empty value turns
    /// it off (https://no-color.org), and wins over everything, as SPEC sec. 2 says ("NO_COLOR disables colour");
    /// <c>FORCE_COLOR</c> with any non-empty value turns it on when the output is not a terminal (https://force-color.org).
    /// force-color.org's reference code would let FORCE_COLOR win; a user who set NO_COLOR asked for no colour at all.
    /// Empty values count as unset, as both pages say.
    /// </summary>
    public bool UseColor =>
        GetEnvironmentVariable("NO_COLOR") is null && (GetEnvironmentVariable("FORCE_COLOR") is not null || OutputIsTerminal);

    /// <summary>Whether <c>--verbose</c> asked for <see cref="Trace"/> lines; callers test it before building costly ones.</summary>
    public bool Tracing => Verbosity == Verbosity.Verbose;

    /// <summary>With <c>--verbose</c>, one line of what was read, on the error stream (stdout stays the report, for pipes).</summary>
    public void Trace(string line)
    {
        if (Tracing)
        {
            Error.WriteLine("hookguard: " + line);
        }
    }

    /// <summary>
    /// Where the coloured text report goes: standard output, but letting its own ESC colour sequences through (the
    /// report escapes every control character it takes from a file itself). Every other writer escapes ESC too.
    /// </summary>
    public TextWriter ColouredOut { get; init; } = Out;

    /// <summary>Where a command's success messages go: nowhere with <c>--quiet</c>.</summary>
    public TextWriter SuccessOut => Verbosity == Verbosity.Quiet ? TextWriter.Null : Out;

    public bool Debug => GetEnvironmentVariable("HOOKGUARD_DEBUG") is "1";

    /// <summary>The context of the running process.</summary>
    public static CommandContext FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        var context = new CommandContext(
            System.Environment.CurrentDirectory,
            StandardStreams.Output(),
            StandardStreams.Error(),
            variables,
            !Console.IsOutputRedirected);
        // "Text printed from files escapes control characters" (SPEC sec. 11), by whatever path it is printed.
        return context with
        {
            Out = new TerminalSafeWriter(context.Out, passEscape: false),
            ColouredOut = new TerminalSafeWriter(context.Out, passEscape: true),
            Error = new TerminalSafeWriter(context.Error, passEscape: false),
        };
    }
}
