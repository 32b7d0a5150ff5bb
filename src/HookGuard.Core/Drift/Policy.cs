namespace HookGuard.Core.Drift;

/// <summary>How strictly the declared set must cover the installed set (SPEC 4.6).</summary>
public enum Policy
{
    /// <summary>Every installed distribution declared; every applicable declaration installed at an accepted version.</summary>
    Freeze,

    /// <summary>Like <see cref="Freeze"/>, but distributions needed (transitively) by a declared requirement need not be declared.</summary>
    TopLevel,
}
