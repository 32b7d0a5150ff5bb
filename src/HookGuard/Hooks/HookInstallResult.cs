namespace HookGuard.Hooks;

/// <summary>What <see cref="HookInstaller.Install"/> did.</summary>
public enum HookInstallOutcome
{
    /// <summary>There was no HookGuard hook; one was written.</summary>
    Installed,

    /// <summary>A HookGuard hook with other settings (or an older template) was rewritten.</summary>
    Updated,

    /// <summary>The hook on disk was already exactly this one; nothing was written.</summary>
    Unchanged,
}

/// <summary>The result of installing the hook.</summary>
/// <param name="Outcome">What happened to <paramref name="HookPath"/>.</param>
/// <param name="HookPath">The pre-commit hook.</param>
/// <param name="ChainedHookPath">The earlier, foreign hook that runs first (if any).</param>
/// <param name="MovedAsideHookPath">With <c>--force</c>: where a stale saved hook was moved so nothing is lost.</param>
public sealed record HookInstallResult(
    HookInstallOutcome Outcome,
    string HookPath,
    string? ChainedHookPath,
    string? MovedAsideHookPath);
