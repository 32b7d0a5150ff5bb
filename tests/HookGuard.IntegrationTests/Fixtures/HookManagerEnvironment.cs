namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>The environment a hook manager and the commits it guards run with in these specs.</summary>
public static class HookManagerEnvironment
{
    /// <summary>
    /// PATH with the hookguard under test and <paramref name="toolDirectories"/> in front; pre-commit's and prek's
    /// caches (PRE_COMMIT_HOME, PREK_HOME) in the repository's scratch directory, so nothing is shared with the
    /// developer's own caches and every run starts from nothing (offline: they clone only local repositories).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> For(TempGitRepo repo, params string[] toolDirectories) =>
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PATH"] = HookManagerTools.PathWith([HookManagerTools.HookGuardOnPath(repo), .. toolDirectories]),
            ["PRE_COMMIT_HOME"] = Path.Combine(repo.Scratch, "pre-commit-home"),
            ["PREK_HOME"] = Path.Combine(repo.Scratch, "prek-home"),
            ["NO_COLOR"] = "1",
        };
}
