namespace HookGuard.Hooks;

/// <summary>Which pre-commit hook a hooks directory holds (for <c>hookguard status</c>).</summary>
public enum HookPresence
{
    /// <summary>No pre-commit hook.</summary>
    None,

    /// <summary>HookGuard's hook.</summary>
    HookGuard,

    /// <summary>Someone else's hook: HookGuard is not installed.</summary>
    Foreign,
}

/// <summary>The pre-commit hook of a hooks directory, as <see cref="HookInstaller.Inspect"/> finds it.</summary>
/// <param name="HookPath">Where git runs the pre-commit hook from.</param>
/// <param name="Presence">What is there.</param>
/// <param name="ChainedHookPath">The earlier hook HookGuard's hook runs first, if there is one.</param>
public sealed record HookStatus(string HookPath, HookPresence Presence, string? ChainedHookPath);
