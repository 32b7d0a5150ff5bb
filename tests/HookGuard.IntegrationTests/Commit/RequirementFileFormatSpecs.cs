using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// The pip requirements-file format in a real commit (SPEC sec. 4.3, 4.6): <c>-r</c> includes relative to the
/// including file, markers evaluated for the venv's Python, names compared per PEP 503.
/// </summary>
public sealed class RequirementFileFormatSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    [Fact]
    public async Task Requirements_declared_through_an_include_count_and_drift_in_it_is_reported_at_the_included_line()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("app", "alpha==2.0", "beta==1.0");
        repo.InstallHook();
        repo.WriteAndStage(
            ("app/requirements.txt", "-r reqs/base.txt\nbeta==1.0\n"),
            ("app/reqs/base.txt", "# shared\nalpha==1.0\n"));

        var blocked = repo.GitCommit();
        repo.WriteAndStage(("app/reqs/base.txt", "# shared\nalpha==2.0\n"));
        var passed = repo.GitCommit();

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("app/reqs/base.txt:2", blocked.StandardError);
        Assert.DoesNotContain("undeclared", blocked.StandardError);
        UserFacing.AssertPassed(passed);
    }

    [Fact]
    public async Task A_requirement_whose_marker_does_not_apply_to_the_venv_need_not_be_installed()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt",
            "alpha==1.0\n" +
            "beta==1.5 ; python_version < \"3.0\"\n" +
            "gamma==0.3; sys_platform == \"win32\" and platform_system == \"Windows\"\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal(1, repo.CommitCount());
    }

    [Fact]
    public async Task A_requirement_whose_marker_applies_must_be_installed()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\nbeta==1.5 ; python_version >= \"3.8\"\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("requirements.txt:2", result.StandardError);
        Assert.Contains("not-installed", result.StandardError);
    }

    [Fact]
    public async Task Names_are_compared_normalized_and_comments_continuations_and_options_are_understood()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "Delta_Pkg==4.0", "alpha==2.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt",
            "--index-url https://example.invalid/simple\n" +
            "# a comment\n" +
            "delta-pkg==4.0  # normalized name\n" +
            "ALPHA \\\n" +
            "    >=2.0,<3\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
    }

    [Fact]
    public async Task A_requirements_file_that_is_a_symbolic_link_is_read_through_to_the_staged_file_it_names()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0", "beta==1.0");
        repo.InstallHook();
        repo.Write("requirements/prod.txt", "alpha==1.0\nbeta==1.0\n");
        File.CreateSymbolicLink(Path.Combine(repo.WorkTree, "requirements.txt"), "requirements/prod.txt");
        repo.Stage("requirements.txt", "requirements/prod.txt");

        var blocked = repo.GitCommit();
        repo.WriteAndStage(("requirements/prod.txt", "alpha==2.0\nbeta==1.0\n"));
        var passed = repo.GitCommit();

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("alpha==1.0", blocked.StandardError);
        Assert.DoesNotContain("not-installed", blocked.StandardError);
        UserFacing.AssertPassed(passed);
        Assert.Equal("requirements/prod.txt", repo.HeadText("requirements.txt"));
    }
}
