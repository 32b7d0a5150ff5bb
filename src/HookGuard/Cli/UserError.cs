namespace HookGuard.Cli;

/// <summary>
/// A failure the user can act on (bad input, bad config, git error). Thrown by commands and adapters and turned
/// into a one-paragraph message and an exit code in exactly one place (<see cref="CommandLine"/>).
/// </summary>
public sealed class UserError(string message, int exitCode = ExitCodes.CouldNotCheck, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
