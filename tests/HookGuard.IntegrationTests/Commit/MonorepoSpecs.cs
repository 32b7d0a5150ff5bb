using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// A repository with several Python projects, each with its own venv (SPEC sec. 4.2): a commit checks only the projects
/// its staged paths belong to, each against its own venv.
/// </summary>
public sealed class MonorepoSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    /// <summary>api is in sync with its venv; worker declares alpha 1.0 while its venv has 2.0.</summary>
    private static async Task<GuardedRepo> TwoProjectsAsync(WheelhouseVenvs venvs, params string[] installOptions)
    {
        var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("services/api", "alpha==1.0", "gamma==0.3");
        await repo.VenvAsync("services/worker", "alpha==2.0");
        repo.CommitWithoutHook("two projects",
            ("services/api/requirements.txt", "alpha==1.0\ngamma==0.3\n"),
            ("services/api/app.py", "v1\n"),
            ("services/worker/requirements.txt", "alpha==1.0\n"),
            ("services/worker/job.py", "v1\n"));
        repo.InstallHook(installOptions);
        return repo;
    }

    [Fact]
    public async Task A_commit_touching_one_project_checks_only_that_one_though_the_other_is_drifted()
    {
        using var repo = await TwoProjectsAsync(venvs);
        repo.WriteAndStage(("services/api/app.py", "v2\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.DoesNotContain("worker", result.StandardError);
        Assert.Equal("v2\n", repo.HeadText("services/api/app.py"));
    }

    [Fact]
    public async Task A_commit_touching_the_drifted_project_is_blocked_naming_only_that_project()
    {
        using var repo = await TwoProjectsAsync(venvs);
        repo.WriteAndStage(("services/worker/job.py", "v2\n"), ("services/api/app.py", "v2\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("services/worker: 1 difference", result.StandardError);
        Assert.Contains("services/worker/requirements.txt:1", result.StandardError);
        Assert.Contains("services/api: in sync", result.StandardError);
        Assert.Equal("v1\n", repo.HeadText("services/worker/job.py"));
    }

    [Fact]
    public async Task A_file_in_a_subdirectory_belongs_to_the_nearest_project_above_it()
    {
        using var repo = await TwoProjectsAsync(venvs);
        repo.WriteAndStage(("services/worker/src/deep/module.py", "x = 1\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("services/worker", result.StandardError);
    }

    [Fact]
    public async Task Autostage_fixes_the_touched_project_with_its_own_venv_and_leaves_the_other_alone()
    {
        using var repo = await TwoProjectsAsync(venvs, "--autostage");
        repo.Write("services/api/requirements.txt", "alpha==1.0\n"); // gamma dropped: drift in api
        repo.Stage("services/api/requirements.txt");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal("alpha==1.0\ngamma==0.3\n", repo.HeadText("services/api/requirements.txt"));
        Assert.Equal("alpha==1.0\n", repo.HeadText("services/worker/requirements.txt"));
        Assert.Equal("alpha==1.0\n", repo.WorkTreeText("services/worker/requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task Autostage_changes_no_project_when_another_touched_project_stays_blocked()
    {
        using var repo = await TwoProjectsAsync(venvs, "--autostage");
        repo.WriteAndStage(("services/api/requirements.txt", "alpha==1.0\n"), ("services/worker/requirements.txt", "alpha==1.0\nbeta==1.5\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("beta", result.StandardError);
        Assert.Equal("alpha==1.0\n", repo.IndexText("services/api/requirements.txt"));
        Assert.Equal("alpha==1.0\n", repo.WorkTreeText("services/api/requirements.txt"));
        Assert.Equal("alpha==1.0\nbeta==1.5\n", repo.WorkTreeText("services/worker/requirements.txt"));
    }

    [Fact]
    public async Task A_project_nested_inside_another_is_its_own_project_and_shields_the_outer_one()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        await repo.VenvAsync("tools/lint", "gamma==0.3");
        repo.CommitWithoutHook("nested", ("requirements.txt", "alpha==1.0\n"), ("tools/lint/requirements.txt", "gamma==0.3\n"));
        repo.InstallHook();

        repo.WriteAndStage(("tools/lint/config.py", "strict = True\n"));
        var nested = repo.GitCommit();
        repo.WriteAndStage(("main.py", "print()\n"));
        var outer = repo.GitCommit();

        UserFacing.AssertPassed(nested);
        Assert.Contains("tools/lint: in sync", nested.StandardError);
        UserFacing.AssertBlocked(outer);
        Assert.Contains(".: 1 difference", outer.StandardError);
    }
}
