using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// <c>git merge</c> runs <c>pre-merge-commit</c>, not <c>pre-commit</c> (SPEC sec. 10): <c>hookguard install</c> writes
/// that hook too, chaining a foreign one, and a real no-fast-forward merge that brings drift in is blocked. git writes
/// the merge's tree before it runs the hook, so autostage cannot fix a merge in flight: the merge is blocked and stays
/// in progress, and <c>git commit</c> concludes it through pre-commit, where autostage fixes the drift.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes and sh hooks
public sealed class MergeCommitSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private const string ForeignHook = "#!/bin/sh\r\n# someone's merge hook, CRLF and all\r\necho foreign-merge-hook-ran >&2\r\n";

    /// <summary>main has the project in sync with alpha==2.0; branch 'other' changes the requirement file to <paramref name="otherRequirements"/>.</summary>
    private static async Task<GuardedRepo> RepoWithBranchAsync(WheelhouseVenvs venvs, string otherRequirements, params string[] installOptions)
    {
        var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.CommitWithoutHook("start", ("requirements.txt", "alpha==2.0\n"));
        repo.Repo.GitOk("checkout", "--quiet", "-b", "other");
        repo.CommitWithoutHook("other side", ("requirements.txt", otherRequirements), ("other.py", "x = 1\n"));
        repo.Repo.GitOk("checkout", "--quiet", "main");
        repo.CommitWithoutHook("main side", ("main.py", "y = 1\n"));
        repo.InstallHook(installOptions);
        return repo;
    }

    private static GitCommandResult Merge(GuardedRepo repo) => repo.Repo.Git(["merge", "--no-ff", "--no-edit", "other"]);

    private static bool MergeInProgress(GuardedRepo repo) => File.Exists(Path.Combine(repo.WorkTree, ".git", "MERGE_HEAD"));

    [Fact]
    public void Install_writes_a_pre_merge_commit_hook_and_installing_again_changes_nothing()
    {
        using var repo = new GuardedRepo(venvs);
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-merge-commit");

        var first = repo.HookGuard("install");
        var bytes = File.ReadAllBytes(hook);
        var second = repo.HookGuard("install");

        UserFacing.AssertPassed(first);
        Assert.Contains("Installed the HookGuard pre-merge-commit hook", first.StandardOutput);
        Assert.Contains("already installed, unchanged", second.StandardOutput);
        Assert.Equal(bytes, File.ReadAllBytes(hook));
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("# hookguard-managed-hook v1", text);
        Assert.Contains("pre-merge-commit.hookguard-previous", text);
        Assert.DoesNotContain("pre-commit.hookguard-previous", text);
        Assert.Contains(" check '--merge-commit'", text);
    }

    [Fact]
    public async Task A_merge_that_brings_a_drifting_requirement_file_is_blocked_and_stays_in_progress()
    {
        using var repo = await RepoWithBranchAsync(venvs, "alpha==1.0\n");
        var headBefore = repo.Head();

        var merge = Merge(repo);

        UserFacing.AssertBlocked(merge);
        Assert.Contains("alpha", merge.StandardOutput + merge.StandardError);
        Assert.Equal(headBefore, repo.Head());
        Assert.True(MergeInProgress(repo), "a blocked merge stays in progress, so the user can fix it and 'git commit'");
        Assert.Equal("alpha==1.0\n", repo.IndexText("requirements.txt"));
    }

    [Fact]
    public async Task A_merge_that_keeps_the_requirement_file_in_sync_is_committed()
    {
        using var repo = await RepoWithBranchAsync(venvs, "# pinned\nalpha==2.0\n");

        var merge = Merge(repo);

        UserFacing.AssertPassed(merge);
        Assert.Equal(4, repo.CommitCount()); // start, other side, main side and the merge
        Assert.Equal(2, repo.Repo.GitOk("rev-list", "--parents", "-n", "1", "HEAD").Trim().Split(' ').Length - 1);
        Assert.Equal("# pinned\nalpha==2.0\n", repo.HeadText("requirements.txt"));
    }

    [Fact]
    public async Task With_autostage_a_drifting_merge_is_blocked_and_git_commit_concludes_it_with_the_fix()
    {
        using var repo = await RepoWithBranchAsync(venvs, "# from other\nalpha==1.0\n", "--autostage");
        var headBefore = repo.Head();

        var merge = Merge(repo);

        UserFacing.AssertBlocked(merge);
        Assert.Contains("autostage cannot fix a merge", merge.StandardError);
        Assert.Contains("git commit", merge.StandardError);
        Assert.Equal(headBefore, repo.Head());
        Assert.Equal("# from other\nalpha==1.0\n", repo.IndexText("requirements.txt"));
        Assert.Equal("# from other\nalpha==1.0\n", repo.WorkTreeText("requirements.txt"));

        var conclude = repo.Repo.Git(["commit", "--no-edit"]);

        UserFacing.AssertPassed(conclude);
        Assert.Contains("autostaged", conclude.StandardError);
        Assert.False(MergeInProgress(repo));
        Assert.Equal(2, repo.Repo.GitOk("rev-list", "--parents", "-n", "1", "HEAD").Trim().Split(' ').Length - 1);
        Assert.Equal("# from other\nalpha==2.0\n", repo.HeadText("requirements.txt"));
        Assert.Equal("# from other\nalpha==2.0\n", repo.WorkTreeText("requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public void A_foreign_pre_merge_commit_hook_is_chained_and_uninstall_restores_it_byte_for_byte()
    {
        using var repo = new GuardedRepo(venvs);
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-merge-commit");
        File.WriteAllText(hook, ForeignHook);
        File.SetUnixFileMode(hook, (UnixFileMode)Convert.ToInt32("750", 8));

        var install = repo.HookGuard("install");

        UserFacing.AssertPassed(install);
        Assert.Equal(ForeignHook, File.ReadAllText(hook + ".hookguard-previous"));
        Assert.Contains("# hookguard-managed-hook", File.ReadAllText(hook));

        var uninstall = repo.HookGuard("uninstall");

        UserFacing.AssertPassed(uninstall);
        Assert.Equal(ForeignHook, File.ReadAllText(hook));
        Assert.Equal((UnixFileMode)Convert.ToInt32("750", 8), File.GetUnixFileMode(hook));
        Assert.False(File.Exists(hook + ".hookguard-previous"));
        Assert.False(File.Exists(Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit")));
    }

    [Fact]
    public async Task The_chained_foreign_merge_hook_runs_first_in_a_real_merge()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-merge-commit");
        TempGitRepo.WriteScript(hook, "#!/bin/sh\necho foreign-merge-hook-ran >&2\nexit 0\n");
        repo.CommitWithoutHook("start", ("requirements.txt", "alpha==2.0\n"));
        repo.Repo.GitOk("checkout", "--quiet", "-b", "other");
        repo.CommitWithoutHook("other side", ("other.py", "x = 1\n"));
        repo.Repo.GitOk("checkout", "--quiet", "main");
        repo.CommitWithoutHook("main side", ("main.py", "y = 1\n"));
        repo.InstallHook();

        var merge = Merge(repo);

        UserFacing.AssertPassed(merge);
        Assert.Contains("foreign-merge-hook-ran", merge.StandardError);
    }

    [Fact]
    public void A_foreign_pre_merge_commit_hook_without_a_saved_one_is_left_alone_by_uninstall()
    {
        using var repo = new GuardedRepo(venvs);
        repo.InstallHook();
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-merge-commit");
        File.Delete(hook);
        TempGitRepo.WriteScript(hook, "#!/bin/sh\nexit 0\n");

        var uninstall = repo.HookGuard("uninstall");

        UserFacing.AssertPassed(uninstall);
        Assert.Contains("not HookGuard's; it was left untouched", uninstall.StandardOutput);
        Assert.Equal("#!/bin/sh\nexit 0\n", File.ReadAllText(hook));
        Assert.False(File.Exists(Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit")));
    }
}
