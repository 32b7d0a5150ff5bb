using HookGuard.Hooks;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>What the installed hook does when git runs it.</summary>
public sealed class HookRuntimeSpecs
{
    [Fact]
    public void A_commit_runs_hookguard_check_with_the_installed_options()
    {
        using var repo = new TempGitRepo();
        var standIn = HookTestKit.WriteRecordingHookGuard(repo.Scratch);
        HookTestKit.InstallWithStandIn(repo, standIn, autostage: true, policy: Core.Drift.Policy.TopLevel);

        var commit = repo.Git(["commit", "--allow-empty", "-m", "guarded"]);

        Assert.True(commit.ExitCode == 0, commit.ToString());
        var call = Assert.Single(HookTestKit.RecordedCalls(standIn));
        Assert.Equal(["check", "--autostage", "--policy", "top-level"], call);
    }

    [Fact]
    public void A_failing_check_blocks_the_commit()
    {
        using var repo = new TempGitRepo();
        var standIn = HookTestKit.WriteRecordingHookGuard(repo.Scratch, exitCode: 1);
        HookTestKit.InstallWithStandIn(repo, standIn);

        var commit = repo.Git(["commit", "--allow-empty", "-m", "blocked"]);

        Assert.NotEqual(0, commit.ExitCode);
        Assert.NotEqual(0, repo.Git(["rev-parse", "--verify", "--quiet", "HEAD"]).ExitCode);
    }

    [Fact]
    public void Paths_with_spaces_quotes_and_non_ascii_reach_hookguard_intact()
    {
        using var repo = new TempGitRepo(HookTestKit.HostileDirectoryName);
        var standIn = HookTestKit.WriteRecordingHookGuard(Directory.CreateDirectory(Path.Combine(repo.Scratch, HookTestKit.HostileDirectoryName)).FullName);
        HookTestKit.InstallWithStandIn(repo, standIn);
        repo.WriteFile(Path.Combine("sub dir 'x'", "requirements.txt"), "requests==2.0\n");
        repo.GitOk("add", ".");

        var commit = repo.Git(["commit", "-m", "hostile paths"]);

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Single(HookTestKit.RecordedCalls(standIn));
    }

    [Fact]
    public void I_can_install_the_real_executable_into_a_repository_whose_path_has_spaces_and_non_ascii()
    {
        using var repo = new TempGitRepo(HookTestKit.HostileDirectoryName);

        var result = HookGuardExecutable.Run(repo, ["install"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit");
        var shellCheck = repo.Run("sh", ["-n", hook]);
        Assert.True(shellCheck.ExitCode == 0, shellCheck.ToString());
    }

    [Fact]
    public void HOOKGUARD_SKIP_skips_the_check_with_a_one_line_notice()
    {
        using var repo = new TempGitRepo();
        var standIn = HookTestKit.WriteRecordingHookGuard(repo.Scratch, exitCode: 1);
        HookTestKit.InstallWithStandIn(repo, standIn);

        var commit = repo.Git(["commit", "--allow-empty", "-m", "skipped"], environment: new Dictionary<string, string?> { ["HOOKGUARD_SKIP"] = "1" });

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Empty(HookTestKit.RecordedCalls(standIn));
        Assert.Equal("hookguard: skipped (HOOKGUARD_SKIP=1); requirement files were not checked.", commit.StandardError.Trim());
    }

    [Fact]
    public void The_hook_falls_back_to_hookguard_on_PATH_when_the_recorded_executable_is_gone()
    {
        using var repo = new TempGitRepo();
        var gone = Path.Combine(repo.Scratch, "moved-away", "hookguard");
        HookTestKit.InstallWithStandIn(repo, gone);
        var onPath = Directory.CreateDirectory(Path.Combine(repo.Scratch, "path bin")).FullName;
        var standIn = HookTestKit.WriteRecordingHookGuard(onPath);

        var commit = repo.Git(["commit", "--allow-empty", "-m", "via PATH"], environment: new Dictionary<string, string?>
        {
            ["PATH"] = onPath + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        });

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Single(HookTestKit.RecordedCalls(standIn));
    }

    [Fact]
    public void A_missing_executable_blocks_the_commit_and_says_how_to_reinstall_or_skip()
    {
        using var repo = new TempGitRepo();
        var gone = Path.Combine(repo.Scratch, "moved-away", "hookguard");
        HookTestKit.InstallWithStandIn(repo, gone);
        var gitOnly = Directory.CreateDirectory(Path.Combine(repo.Scratch, "git only")).FullName;
        File.CreateSymbolicLink(Path.Combine(gitOnly, "git"), WhichGit(repo));

        var commit = repo.Git(["commit", "--allow-empty", "-m", "no hookguard"], environment: new Dictionary<string, string?>
        {
            // A thin PATH as GUI clients give hooks: git and the POSIX basics, no hookguard.
            ["PATH"] = gitOnly + Path.PathSeparator + "/usr/bin" + Path.PathSeparator + "/bin",
        });

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("cannot find hookguard", commit.StandardError);
        Assert.Contains(gone, commit.StandardError);
        Assert.Contains("HOOKGUARD_SKIP=1", commit.StandardError);
        Assert.Contains("hookguard install", commit.StandardError);
    }

    private static string WhichGit(TempGitRepo repo) => repo.Run("sh", ["-c", "command -v git"]).StandardOutput.Trim();
}
