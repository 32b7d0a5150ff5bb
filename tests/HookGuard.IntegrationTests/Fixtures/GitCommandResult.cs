namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>What a process run by a fixture printed and returned.</summary>
public sealed record GitCommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
