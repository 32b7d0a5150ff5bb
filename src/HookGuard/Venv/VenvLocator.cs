namespace HookGuard.Venv;

/// <summary>
/// Finds the venv that belongs to a project (SPEC sec. 4.5): the configured path; else <c>.venv</c>, <c>venv</c>,
/// <c>env</c> in the project, the first that holds a <c>pyvenv.cfg</c>; else <c>$VIRTUAL_ENV</c>.
/// </summary>
public static class VenvLocator
{
    /// <summary>Directory names tried inside the project, in this order (the names <c>python -m venv</c> tutorials use).</summary>
    public static IReadOnlyList<string> ConventionalNames { get; } = [".venv", "venv", "env"];

    /// <summary>
    /// Locates the venv of the project at <paramref name="projectDirectory"/> (absolute).
    /// <paramref name="configuredVenv"/> is relative to the project (or absolute); it wins even when it has no
    /// <c>pyvenv.cfg</c>, so that reading it reports the misconfiguration instead of silently using another venv.
    /// <paramref name="environment"/> looks up environment variables (passed in so callers and tests control it).
    /// </summary>
    public static VenvLocation Locate(string projectDirectory, string? configuredVenv, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(configuredVenv))
            return new VenvLocation(Path.GetFullPath(configuredVenv, projectDirectory), VenvDiscoveryRule.Configured);

        foreach (var name in ConventionalNames)
        {
            var candidate = Path.Combine(projectDirectory, name);
            if (File.Exists(Path.Combine(candidate, "pyvenv.cfg")))
                return new VenvLocation(Path.GetFullPath(candidate), VenvDiscoveryRule.InProject);
        }

        var activated = environment("VIRTUAL_ENV");
        if (!string.IsNullOrWhiteSpace(activated))
            return new VenvLocation(Path.GetFullPath(activated, projectDirectory), VenvDiscoveryRule.ActivatedEnvironment);

        return VenvLocation.NotFound;
    }
}
