using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// <c>installed-source = "pip"</c> (SPEC sec. 4.4): the opt-in that asks the venv's own pip for the installed set
/// instead of reading metadata.
/// </summary>
public sealed class InstalledSourceSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    [Fact]
    public async Task Asking_pip_checks_a_commit_against_what_the_venv_pip_reports()
    {
        using var repo = new GuardedRepo(venvs);
        await venvs.CreateVenvWithPipAsync(repo.VenvPath(""), "alpha==2.0", "beta==1.0");
        repo.CommitWithoutHook("config", (".hookguard.toml", "installed-source = \"pip\"\n"));
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\nbeta==1.0\n"));

        var blocked = repo.GitCommit();
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\nbeta==1.0\n"));
        var passed = repo.GitCommit();

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("installed 2.0", blocked.StandardError);
        Assert.DoesNotContain("undeclared: pip", blocked.StandardError);
        UserFacing.AssertPassed(passed);
    }

    [Fact]
    public async Task Asking_pip_of_a_venv_without_pip_is_an_error_that_says_what_to_do()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.CommitWithoutHook("config", (".hookguard.toml", "installed-source = \"pip\"\n"));
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));

        var check = repo.HookGuard("check");

        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains("pip inspect", check.StandardError);
        Assert.Contains("installed-source = \"metadata\"", check.StandardError);
    }

    [Fact]
    public async Task The_venv_python_that_pip_runs_in_gets_none_of_the_hooks_git_variables()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        // A python that records its environment and answers like an empty pip inspect.
        var dump = Path.Combine(repo.Repo.Scratch, "python-env");
        var python = Path.Combine(repo.VenvPath(""), "bin", "python");
        File.Delete(python);
        TempGitRepo.WriteScript(python, $"#!/bin/sh\nenv > '{dump}'\necho '{{\"version\": \"1\", \"pip_version\": \"24.0\", \"installed\": []}}'\n");
        repo.CommitWithoutHook("config", (".hookguard.toml", "installed-source = \"pip\"\n"));
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));

        var commit = repo.GitCommit();

        var environment = File.ReadAllLines(dump);
        Assert.NotEmpty(environment);
        Assert.DoesNotContain(environment, line => line.StartsWith("GIT_", StringComparison.Ordinal));
        Assert.Contains("alpha", commit.StandardError);
    }
}
