namespace HookGuard.Venv;

/// <summary>Which SPEC 4.5 rule found a project's venv.</summary>
public enum VenvDiscoveryRule
{
    /// <summary>No rule found a venv: no configured path, no <c>.venv</c>/<c>venv</c>/<c>env</c>, no <c>$VIRTUAL_ENV</c>.</summary>
    NotFound,
    /// <summary>The path configured for the project in <c>.hookguard.toml</c>.</summary>
    Configured,
    /// <summary>A <c>.venv</c>, <c>venv</c> or <c>env</c> directory with a <c>pyvenv.cfg</c> in the project.</summary>
    InProject,
    /// <summary>The <c>VIRTUAL_ENV</c> environment variable (set by <c>activate</c>).</summary>
    ActivatedEnvironment,
}

/// <summary>Where a project's venv is (absolute path) and which rule said so; <see cref="Path"/> is null when none did.</summary>
public sealed record VenvLocation(string? Path, VenvDiscoveryRule Rule)
{
    public static VenvLocation NotFound { get; } = new(null, VenvDiscoveryRule.NotFound);

    public bool Found => Path is not null;
}
