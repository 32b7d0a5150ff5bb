using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// The reason HookGuard exists: after an autostaged commit, a deploy that builds a fresh venv from the committed
/// requirements file (<c>pip install -r</c>) gets exactly the distributions, at exactly the versions, the developer ran.
/// </summary>
public sealed class ReproductionSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private static readonly string[] DeveloperVenv = ["alpha==2.0", "beta==1.5", "gamma==0.3", "Delta_Pkg==4.0", "parent==1.0", "child==1.0"];

    private async Task AssertCommittedFileRebuildsTheDeveloperVenv(GuardedRepo repo, string file)
    {
        var committed = Path.Combine(repo.Repo.Scratch, "committed-requirements.txt");
        File.WriteAllBytes(committed, repo.Blob("HEAD:" + file));

        var rebuilt = await venvs.VenvFromRequirementsAsync(committed);

        var developer = await venvs.FreezeAsync(repo.VenvPath(""));
        Assert.Equal(6, developer.Count);
        Assert.Equal(developer, await venvs.FreezeAsync(rebuilt));
    }

    [Fact]
    public async Task A_fresh_venv_built_from_the_committed_file_freezes_exactly_like_the_developer_venv()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", DeveloperVenv);
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", "# app\nalpha==1.0\nparent==1.0\n"), ("app.py", "import alpha\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        await AssertCommittedFileRebuildsTheDeveloperVenv(repo, "requirements.txt");
    }

    [Fact]
    public async Task Under_the_top_level_policy_the_committed_file_still_rebuilds_the_developer_venv_through_dependencies()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", DeveloperVenv);
        repo.InstallHook("--autostage", "--policy", "top-level");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\nparent==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.DoesNotContain("child", repo.HeadText("requirements.txt"));
        await AssertCommittedFileRebuildsTheDeveloperVenv(repo, "requirements.txt");
    }
}
