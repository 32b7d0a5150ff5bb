using HookGuard.Core.Drift;

namespace HookGuard.Hooks;

/// <summary>What a generated pre-commit hook runs: which executable, and the options it passes to <c>hookguard check</c>.</summary>
/// <param name="ExecutablePath">Absolute path of the hookguard executable, recorded at install time.</param>
/// <param name="Autostage">Pass <c>--autostage</c>.</param>
/// <param name="Policy">Pass <c>--policy P</c> when set; otherwise the check uses the configured/default policy.</param>
public sealed record HookSettings(string ExecutablePath, bool Autostage, Policy? Policy)
{
    /// <summary>The arguments after <c>check</c>, in a fixed order so that the same settings always render the same bytes.</summary>
    public IReadOnlyList<string> CheckArguments =>
    [
        .. Autostage ? ["--autostage"] : Array.Empty<string>(),
        .. Policy switch
        {
            Core.Drift.Policy.Freeze => ["--policy", "freeze"],
            Core.Drift.Policy.TopLevel => ["--policy", "top-level"],
            _ => Array.Empty<string>(),
        },
    ];
}
