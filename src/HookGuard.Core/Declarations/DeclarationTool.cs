namespace HookGuard.Core.Declarations;

/// <summary>
/// The tool that owns a declaration: the command that brings the venv in line with it, and the one that rewrites a
/// stale lock. Reports print these verbatim, to be run in the project's directory.
/// </summary>
public sealed record DeclarationTool(string Name, string SyncCommand, string? LockCommand)
{
    /// <summary>pip requirement files: HookGuard itself rewrites them (<c>hookguard fix</c>).</summary>
    public static DeclarationTool Pip { get; } = new("pip", "hookguard fix", null);

    public static DeclarationTool Uv { get; } = new("uv", "uv sync", "uv lock");

    public static DeclarationTool Poetry { get; } = new("poetry", "poetry install --sync", "poetry lock");

    public static DeclarationTool Pipenv { get; } = new("pipenv", "pipenv sync", "pipenv lock");

    public static DeclarationTool Pdm { get; } = new("pdm", "pdm sync --clean", "pdm lock");
}
