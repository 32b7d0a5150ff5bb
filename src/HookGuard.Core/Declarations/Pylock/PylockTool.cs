namespace HookGuard.Core.Declarations.Pylock;

/// <summary>
/// The commands for a PEP 751 lock. Installing: <c>uv pip sync FILE</c>, which reads pylock files and removes what the
/// lock does not hold (https://docs.astral.sh/uv/pip/compile/#syncing-an-environment; pip itself writes but does not yet
/// install them). Relocking: the tool named in <c>created-by</c>, where its command to write this file is known
/// (<c>uv export --format pylock.toml</c>, <c>pdm export -f pylock</c>); otherwise none, since pip's <c>pip lock</c> and
/// other lockers need the inputs they were given, which the lock does not record.
/// </summary>
public static class PylockTool
{
    /// <param name="file">The lock, repo-relative; commands name it relative to the project directory they run in.</param>
    /// <param name="createdBy">The lock's <c>created-by</c>.</param>
    public static DeclarationTool For(string file, string createdBy)
    {
        var name = file[(file.LastIndexOf('/') + 1)..];
        var lockCommand = createdBy.Trim().ToLowerInvariant() switch
        {
            "uv" => $"uv export --format pylock.toml -o {name}",
            "pdm" => $"pdm export -f pylock -o {name}",
            _ => null,
        };
        return new DeclarationTool("pylock", $"uv pip sync {name}", lockCommand);
    }
}
