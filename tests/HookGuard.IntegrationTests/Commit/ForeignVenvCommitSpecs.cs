using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// A commit made from WSL or a Linux container in a project whose venv was made by Windows Python (constructed from a
/// real venv, <see cref="WindowsLayoutVenv"/>): the real <c>git commit</c> runs the installed hook, which reads the
/// venv by its Windows layout and evaluates markers for Windows, and never runs its <c>python.exe</c>.
/// </summary>
public sealed class ForeignVenvCommitSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private const string WindowsOnlyRequirements = "alpha==2.0 ; sys_platform == \"win32\"\nbeta==1.0 ; sys_platform != \"win32\"\n";

    private async Task<string> WindowsVenvAsync(GuardedRepo repo, string project, params string[] pins)
    {
        await repo.VenvAsync(project, pins);
        return WindowsLayoutVenv.Rearrange(repo.VenvPath(project), WheelhouseVenvs.PythonVersion);
    }

    [Fact]
    public async Task A_commit_against_a_Windows_venv_is_blocked_on_drift_and_passes_in_sync()
    {
        using var repo = new GuardedRepo(venvs);
        var ran = await WindowsVenvAsync(repo, "api", "alpha==2.0");
        repo.InstallHook();

        repo.WriteAndStage(("api/requirements.txt", "alpha==1.0\n"));
        var blocked = repo.GitCommit();
        repo.WriteAndStage(("api/requirements.txt", "alpha==2.0\n"));
        var passed = repo.GitCommit();

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("installed 2.0", blocked.StandardError);
        UserFacing.AssertPassed(passed);
        Assert.Equal(1, repo.CommitCount());
        Assert.False(File.Exists(ran), "the hook must not run the Windows venv's python.exe");
    }

    [Fact]
    public async Task Requirement_markers_for_win32_apply_to_the_Windows_venv_and_not_to_a_Linux_one()
    {
        using var repo = new GuardedRepo(venvs);
        await WindowsVenvAsync(repo, "windows", "alpha==2.0");
        await repo.VenvAsync("linux", "alpha==2.0");
        repo.InstallHook();

        repo.WriteAndStage(("windows/requirements.txt", WindowsOnlyRequirements));
        var windows = repo.GitCommit();
        repo.WriteAndStage(("linux/requirements.txt", WindowsOnlyRequirements));
        var linux = repo.GitCommit();

        UserFacing.AssertPassed(windows);
        UserFacing.AssertBlocked(linux);
        Assert.Contains("linux: 2 differences", linux.StandardError);
    }

    [Fact]
    public async Task A_pylock_with_win32_markers_selects_the_Windows_packages_for_the_Windows_venv()
    {
        using var repo = new GuardedRepo(venvs);
        await WindowsVenvAsync(repo, "app", "alpha==2.0", "gamma==0.3");
        repo.InstallHook();
        const string pylock = """
            lock-version = "1.0"
            requires-python = ">=3.8"
            created-by = "hookguard-tests"

            [[packages]]
            name = "alpha"
            version = "2.0"
            marker = "sys_platform == 'win32' and platform_system == 'Windows'"

            [[packages]]
            name = "alpha"
            version = "1.0"
            marker = "sys_platform != 'win32'"

            [[packages]]
            name = "gamma"
            version = "0.3"
            marker = "os_name == 'nt'"

            [[packages]]
            name = "beta"
            version = "1.5"
            marker = "sys_platform == 'linux'"
            """;

        repo.WriteAndStage(("app/pylock.toml", pylock + "\n"));
        var passed = repo.GitCommit();
        repo.WriteAndStage(("app/pylock.toml", pylock.Replace("os_name == 'nt'", "os_name == 'posix'") + "\n"));
        var blocked = repo.GitCommit();

        UserFacing.AssertPassed(passed);
        UserFacing.AssertBlocked(blocked);
        Assert.Contains("gamma", blocked.StandardError);
    }

    [Fact]
    public async Task Asking_pip_of_a_Windows_venv_from_Linux_is_refused_without_running_python_exe()
    {
        using var repo = new GuardedRepo(venvs);
        var ran = await WindowsVenvAsync(repo, "", "alpha==2.0");
        repo.CommitWithoutHook("config", (".hookguard.toml", "installed-source = \"pip\"\n"));
        repo.InstallHook();

        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));
        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("was made for Windows", result.StandardError);
        Assert.Contains("installed-source = \"metadata\"", result.StandardError);
        Assert.False(File.Exists(ran), "HookGuard must not run a Windows venv's python.exe");
    }
}
