using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// Which venv a commit is checked against (SPEC sec. 4.5): the configured one, else <c>.venv</c>, <c>venv</c> or
/// <c>env</c> in the project, else the activated <c>$VIRTUAL_ENV</c>.
/// </summary>
public sealed class VenvDiscoverySpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    [Theory]
    [InlineData("venv")]
    [InlineData("env")]
    public async Task A_venv_under_a_conventional_name_in_the_project_is_found(string name)
    {
        using var repo = new GuardedRepo(venvs);
        await venvs.CreateVenvAsync(Path.Combine(repo.WorkTree, "api", name), "alpha==2.0");
        File.AppendAllText(Path.Combine(repo.WorkTree, ".git", "info", "exclude"), "env/\n");
        repo.InstallHook();
        repo.WriteAndStage(("api/requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("api: 1 difference from " + Path.Combine(repo.WorkTree, "api", name), result.StandardError);
    }

    [Fact]
    public async Task The_activated_VIRTUAL_ENV_is_used_when_the_project_has_no_venv_of_its_own()
    {
        using var repo = new GuardedRepo(venvs);
        var activated = repo.Repo.Sibling("activated venv");
        await venvs.CreateVenvAsync(activated, "alpha==2.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));
        var environment = new Dictionary<string, string?> { ["VIRTUAL_ENV"] = activated };

        var blocked = repo.GitCommit([], environment: environment);
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));
        var passed = repo.GitCommit([], environment: environment);

        UserFacing.AssertBlocked(blocked);
        Assert.Contains(activated, blocked.StandardError);
        UserFacing.AssertPassed(passed);
    }

    [Fact]
    public async Task A_venv_configured_for_the_project_wins_over_the_one_in_the_project()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("services/api", "alpha==1.0");
        await venvs.CreateVenvAsync(repo.Repo.Sibling("venvs/api"), "alpha==2.0");
        repo.CommitWithoutHook("config", (".hookguard.toml", "[[project]]\npath = \"services/api\"\nvenv = \"../../../venvs/api\"\n"));
        repo.InstallHook();
        repo.WriteAndStage(("services/api/requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();
        var status = repo.HookGuard("status");

        UserFacing.AssertBlocked(result);
        Assert.Contains("installed 2.0", result.StandardError);
        Assert.Contains(repo.Repo.Sibling("venvs/api") + " (configured in .hookguard.toml)", status.StandardOutput);
    }
}
