namespace HookGuard.Cli;

/// <summary>The exit codes of SPEC sec. 2. Any non-zero blocks the commit.</summary>
public static class ExitCodes
{
    /// <summary>In sync, or fixed.</summary>
    public const int InSync = 0;

    /// <summary>Drift found: the commit is blocked.</summary>
    public const int Drift = 1;

    /// <summary>Could not check: bad input, bad config, git error.</summary>
    public const int CouldNotCheck = 2;
}
