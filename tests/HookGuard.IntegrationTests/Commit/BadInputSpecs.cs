using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// What a commit does when something is missing or malformed (SPEC sec. 4.5, 6, 7): a missing venv warns (or blocks
/// when configured to); malformed input blocks with one paragraph naming file and line, exit 2, no stack trace, and
/// nothing changed; paths with spaces and non-ASCII characters just work.
/// </summary>
public sealed class BadInputSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    [Fact]
    public void A_project_without_a_venv_is_reported_and_the_commit_passes_by_default()
    {
        using var repo = new GuardedRepo(venvs);
        repo.InstallHook();
        repo.WriteAndStage(("api/requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Contains("api: no virtualenv found", result.StandardError);
        Assert.Equal("alpha==1.0\n", repo.HeadText("api/requirements.txt"));
    }

    [Fact]
    public void A_project_without_a_venv_blocks_the_commit_when_configured_to()
    {
        using var repo = new GuardedRepo(venvs);
        repo.CommitWithoutHook("config", (".hookguard.toml", "on-missing-venv = \"block\"\n"));
        repo.InstallHook();
        repo.WriteAndStage(("api/requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("no virtualenv found", result.StandardError);
        Assert.Contains("blocked", result.StandardError);
        Assert.Equal(1, repo.CommitCount());
    }

    [Fact]
    public async Task A_malformed_requirement_line_blocks_the_commit_naming_file_and_line()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("api", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(("api/requirements.txt", "alpha==1.0\nbeta==1.0 and junk\n"));

        var commit = repo.GitCommit();
        var check = repo.HookGuard("check");

        UserFacing.AssertBlocked(commit);
        Assert.Contains("api/requirements.txt:2", commit.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains("api/requirements.txt:2", check.StandardError);
    }

    [Fact]
    public async Task A_malformed_requirement_line_changes_nothing_even_with_autostage()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\nbeta[\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("requirements.txt:2", result.StandardError);
        Assert.Equal("alpha==1.0\nbeta[\n", repo.IndexText("requirements.txt"));
        Assert.Equal("alpha==1.0\nbeta[\n", repo.WorkTreeText("requirements.txt"));
    }

    [Fact]
    public async Task A_malformed_configuration_blocks_the_commit_naming_file_line_and_key()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.Write(".hookguard.toml", "policy = \"freeze\"\nautostage = \"yes please\"\n");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var commit = repo.GitCommit();
        var check = repo.HookGuard("check");

        UserFacing.AssertBlocked(commit);
        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains(".hookguard.toml", check.StandardError);
        Assert.Contains("2", check.StandardError);
        Assert.Contains("autostage", check.StandardError);
        Assert.Null(repo.Head());
    }

    [Fact]
    public async Task A_missing_include_blocks_the_commit_naming_the_including_line()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n-r missing.txt\n"));

        var check = repo.HookGuard("check");
        var commit = repo.GitCommit();

        UserFacing.AssertBlocked(commit);
        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains("requirements.txt:2", check.StandardError);
        Assert.Contains("missing.txt", check.StandardError);
    }

    [Fact]
    public async Task A_repository_and_project_with_spaces_quotes_and_non_ASCII_in_their_paths_work()
    {
        using var repo = new GuardedRepo(venvs, "my repo ünïcødé 'q'");
        const string project = "services/sérvice one";
        await repo.VenvAsync(project, "alpha==2.0", "beta==1.0");
        repo.InstallHook();
        repo.WriteAndStage(($"{project}/requirements.txt", "alpha==1.0\nbeta==1.0\n"));

        var blocked = repo.GitCommit();
        repo.InstallHook("--autostage");
        var fixedCommit = repo.GitCommit();

        UserFacing.AssertBlocked(blocked);
        Assert.Contains($"{project}/requirements.txt:1", blocked.StandardError);
        UserFacing.AssertPassed(fixedCommit);
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.HeadText($"{project}/requirements.txt"));
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.WorkTreeText($"{project}/requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_malformed_pyvenv_cfg_blocks_the_commit_naming_file_and_line()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        var config = Path.Combine(repo.VenvPath(""), "pyvenv.cfg");
        File.AppendAllText(config, "this line is not key = value\n".Replace(" = ", " "));
        var line = File.ReadAllLines(config).Length;
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var commit = repo.GitCommit();
        var check = repo.HookGuard("check");

        UserFacing.AssertBlocked(commit);
        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains($"pyvenv.cfg:{line}", check.StandardError);
    }

    [Fact]
    public async Task Installed_metadata_without_a_version_blocks_the_commit_naming_the_file()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        var metadata = Path.Combine(repo.VenvPath(""), "lib", $"python{WheelhouseVenvs.PythonVersion}", "site-packages", "alpha-1.0.dist-info", "METADATA");
        File.WriteAllText(metadata, "Metadata-Version: 2.1\nName: alpha\n");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var commit = repo.GitCommit();
        var check = repo.HookGuard("check");

        UserFacing.AssertBlocked(commit);
        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains(metadata, check.StandardError);
        Assert.Contains("Version", check.StandardError);
    }
}
