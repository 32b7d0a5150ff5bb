namespace HookGuard.Cli;

/// <summary>How much a command says.</summary>
public enum Verbosity
{
    /// <summary><c>--quiet</c>: errors and drift only; nothing when all is well.</summary>
    Quiet,

    /// <summary>The default: the verdict of each project, and what changed.</summary>
    Normal,

    /// <summary><c>--verbose</c>: also what was read (projects, venvs, declaration files) and how long it took, on stderr.</summary>
    Verbose,
}
