using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// The hook as a user meets it (SPEC sec. 4, 7): a real <c>hookguard install</c>, a real venv, a real <c>git commit</c>.
/// In sync passes; each kind of drift blocks and says what differs and how to fix it.
/// </summary>
public sealed class BlockingSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    [Fact]
    public async Task A_commit_whose_requirements_match_the_venv_passes()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0", "beta==1.5");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\nbeta==1.5\n"), ("app.py", "print('hi')\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal(["app.py", "requirements.txt"], repo.HeadFiles());
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task An_installed_but_undeclared_package_blocks_the_commit_naming_package_version_and_fix()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("gamma 0.3", result.StandardError);
        Assert.Contains("undeclared", result.StandardError);
        Assert.Contains("hookguard fix", result.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal(["requirements.txt"], repo.StagedNames());
    }

    [Fact]
    public async Task A_pin_the_venv_does_not_match_blocks_the_commit_naming_both_versions()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("version-mismatch", result.StandardError);
        Assert.Contains("alpha==1.0", result.StandardError);
        Assert.Contains("installed 2.0", result.StandardError);
        Assert.Contains("requirements.txt:1", result.StandardError);
        Assert.Null(repo.Head());
    }

    [Fact]
    public async Task A_declared_package_missing_from_the_venv_blocks_the_commit_with_the_pip_command_that_installs_it()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\nbeta==1.5\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("not-installed", result.StandardError);
        Assert.Contains("requirements.txt:2", result.StandardError);
        Assert.Contains("-m pip install beta==1.5", result.StandardError);
        Assert.Null(repo.Head());
    }

    [Fact]
    public void A_commit_that_touches_no_python_project_passes_without_any_venv()
    {
        using var repo = new GuardedRepo(venvs);
        repo.CommitWithoutHook("project without a venv", ("services/api/requirements.txt", "alpha==1.0\n"));
        repo.InstallHook();
        repo.WriteAndStage(("docs/readme.md", "# docs\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.DoesNotContain("virtualenv", result.StandardError);
        Assert.Contains("docs/readme.md", repo.HeadFiles());
    }

    [Fact]
    public async Task A_blocked_commit_changes_nothing_in_the_index_or_the_work_tree()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0", "beta==1.0");
        repo.CommitWithoutHook("start", ("requirements.txt", "alpha==2.0\nbeta==1.0\n"));
        var before = repo.Head();
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(before, repo.Head());
        Assert.Equal("alpha==1.0\n", repo.IndexText("requirements.txt"));
        Assert.Equal("alpha==1.0\n", repo.WorkTreeText("requirements.txt"));
        Assert.Equal(["M  requirements.txt"], repo.Status());
    }

    [Fact]
    public async Task HOOKGUARD_SKIP_lets_a_drifted_commit_through_with_a_notice()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit([], environment: new Dictionary<string, string?> { ["HOOKGUARD_SKIP"] = "1" });

        UserFacing.AssertPassed(result);
        Assert.Contains("skipped", result.StandardError);
        Assert.Equal("alpha==1.0\n", repo.HeadText("requirements.txt"));
    }
}
