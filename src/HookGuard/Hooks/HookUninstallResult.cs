namespace HookGuard.Hooks;

/// <summary>What <see cref="HookInstaller.Uninstall"/> did.</summary>
public enum HookUninstallOutcome
{
    /// <summary>HookGuard's hook was removed; there was no earlier hook.</summary>
    Removed,

    /// <summary>HookGuard's hook was removed and the earlier hook put back.</summary>
    RemovedAndRestored,

    /// <summary>There was no hook, only a saved earlier one: it was put back.</summary>
    Restored,

    /// <summary>No HookGuard hook was found; nothing changed.</summary>
    NothingInstalled,
}

/// <summary>The result of uninstalling the hook.</summary>
public sealed record HookUninstallResult(HookUninstallOutcome Outcome, string HookPath);
