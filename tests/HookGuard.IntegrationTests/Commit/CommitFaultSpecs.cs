using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// Faults during a commit (issue 11), each with the exit status, the message, and what HEAD, the index and the work
/// tree hold afterwards: intact, or correctly updated. The hook is the real one, installed with <c>--autostage</c>
/// where the fault is in a write. The README section "Merges, bad input and faults" lists them all with the specs elsewhere that cover the rest.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes, mount, SIGKILL
public sealed class CommitFaultSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private const string Drifted = "# runtime\nalpha==1.0\n";
    private const string Fixed = "# runtime\nalpha==2.0\nbeta==1.0\n";

    /// <summary>A repository with one commit, the hook installed with autostage, and a drifting requirement file staged.</summary>
    private async Task<GuardedRepo> DriftStagedAsync()
    {
        var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", CommitFormSpecs.Venv);
        repo.CommitWithoutHook("start", ("app.py", "v1\n"));
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", Drifted));
        return repo;
    }

    private static byte[] IndexBytes(GuardedRepo repo) => File.ReadAllBytes(Path.Combine(repo.WorkTree, ".git", "index"));

    private static void AssertAsItWas(GuardedRepo repo, string? head, byte[] index)
    {
        Assert.Equal(head, repo.Head());
        Assert.Equal(index, IndexBytes(repo));
        Assert.Equal(Drifted, repo.IndexText("requirements.txt"));
        Assert.Equal(Drifted, repo.WorkTreeText("requirements.txt"));
        Assert.False(File.Exists(Path.Combine(repo.WorkTree, ".git", "index.lock")), "no lock is left behind");
    }

    [Fact]
    public async Task A_held_index_lock_stops_git_commit_and_autostage_alike_and_changes_nothing()
    {
        using var repo = await DriftStagedAsync();
        var (head, index) = (repo.Head(), IndexBytes(repo));
        var lockFile = Path.Combine(repo.WorkTree, ".git", "index.lock");
        File.WriteAllText(lockFile, "held by another process");

        var commit = repo.GitCommit();
        var check = repo.HookGuard("check", "--autostage");

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("index.lock", commit.StandardError);
        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains("index.lock", check.StandardError);
        Assert.Equal("held by another process", File.ReadAllText(lockFile));
        File.Delete(lockFile);
        AssertAsItWas(repo, head, index);
    }

    [Fact]
    public async Task A_read_only_requirement_file_is_replaced_by_rename_and_keeps_its_mode()
    {
        // The fix is a new file renamed over the old one: that needs write permission on the directory, not on the
        // file, so root and an ordinary user see the same outcome (git's own checkout replaces files the same way).
        using var repo = await DriftStagedAsync();
        var path = Path.Combine(repo.WorkTree, "requirements.txt");
        var readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(path, readOnly);

        var commit = repo.GitCommit();

        UserFacing.AssertPassed(commit);
        Assert.Contains("autostaged", commit.StandardError);
        Assert.Equal(Fixed, repo.HeadText("requirements.txt"));
        Assert.Equal(Fixed, repo.WorkTreeText("requirements.txt"));
        Assert.Equal(readOnly, File.GetUnixFileMode(path));
        Assert.Empty(repo.Status());
    }

    /// <summary>Mounts over <paramref name="target"/> for the length of a spec; mount needs root, which these runs have.</summary>
    private sealed class Mount : IDisposable
    {
        private readonly TempGitRepo _repo;
        private readonly string _target;

        public Mount(TempGitRepo repo, string target, params string[] arguments)
        {
            (_repo, _target) = (repo, target);
            var result = repo.Run("mount", [.. arguments, target]);
            Assert.True(result.ExitCode == 0, $"mount {string.Join(' ', arguments)} {target} failed (the fault specs need root and mount): {result}");
        }

        public void Remount(params string[] arguments)
        {
            var result = _repo.Run("mount", [.. arguments, _target]);
            Assert.True(result.ExitCode == 0, $"mount {string.Join(' ', arguments)} failed: {result}");
        }

        public void Dispose() => _repo.Run("umount", ["-l", _target]);
    }

    [Fact]
    public async Task A_read_only_git_directory_is_still_checked_and_autostage_fails_clearly_changing_nothing()
    {
        using var repo = await DriftStagedAsync();
        var (head, index) = (repo.Head(), IndexBytes(repo));
        var gitDirectory = Path.Combine(repo.WorkTree, ".git");
        GitCommandResult check, autostage;
        using (var mount = new Mount(repo.Repo, gitDirectory, "--bind", gitDirectory))
        {
            mount.Remount("-o", "remount,ro,bind");
            check = repo.HookGuard("check");
            autostage = repo.HookGuard("check", "--autostage");
        }

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("alpha", check.StandardOutput);
        Assert.Equal(2, autostage.ExitCode);
        UserFacing.AssertNoStackTrace(autostage);
        Assert.Contains("Cannot stage 'requirements.txt'", autostage.StandardError);
        Assert.Contains("Read-only file system", autostage.StandardError);
        AssertAsItWas(repo, head, index);
    }

    [Fact]
    public async Task A_full_disk_under_the_git_directory_fails_autostage_clearly_and_changes_nothing()
    {
        using var repo = await DriftStagedAsync();
        var full = repo.Repo.Sibling("full-disk");
        Directory.CreateDirectory(full);
        GitCommandResult autostage;
        byte[] indexBefore;
        using (new Mount(repo.Repo, full, "-t", "tmpfs", "-o", "size=4m", "tmpfs"))
        {
            // The git directory moves onto a 4 MB tmpfs (a gitfile points there), which is then filled to the last block.
            var gitDirectory = Path.Combine(full, "git");
            Assert.Equal(0, repo.Repo.Run("cp", ["-a", Path.Combine(repo.WorkTree, ".git"), gitDirectory]).ExitCode);
            Directory.Delete(Path.Combine(repo.WorkTree, ".git"), recursive: true);
            File.WriteAllText(Path.Combine(repo.WorkTree, ".git"), $"gitdir: {gitDirectory}\n");
            indexBefore = File.ReadAllBytes(Path.Combine(gitDirectory, "index"));
            repo.Repo.Run("dd", ["if=/dev/zero", $"of={Path.Combine(full, "filler-big")}", "bs=64k"]);
            repo.Repo.Run("dd", ["if=/dev/zero", $"of={Path.Combine(full, "filler-small")}", "bs=512"]);
            Assert.NotEqual(0, repo.Repo.Run("sh", ["-c", "echo x > \"$1\"", "sh", Path.Combine(full, "probe")]).ExitCode);

            autostage = repo.HookGuard("check", "--autostage");

            Assert.Equal(indexBefore, File.ReadAllBytes(Path.Combine(gitDirectory, "index")));
            Assert.False(File.Exists(Path.Combine(gitDirectory, "index.lock")));
            Assert.Empty(Directory.GetFiles(gitDirectory, "*.tmp*"));
            Assert.Equal(Drifted, repo.WorkTreeText("requirements.txt"));
            Assert.Equal(Drifted, repo.IndexText("requirements.txt"));
        }

        Assert.Equal(2, autostage.ExitCode);
        UserFacing.AssertNoStackTrace(autostage);
        Assert.Contains("No space left on device", autostage.StandardError);
    }

    public static TheoryData<string> StopPoints => new() { "index", "work-tree" };

    [Theory]
    [MemberData(nameof(StopPoints))]
    public async Task Autostage_killed_between_its_writes_loses_nothing_and_the_next_commit_completes(string step)
    {
        using var repo = await DriftStagedAsync();
        var (head, index) = (repo.Head(), IndexBytes(repo));

        var killed = repo.GitCommit([], environment: new Dictionary<string, string?> { ["HOOKGUARD_TEST_STOP_AT"] = step });

        Assert.NotEqual(0, killed.ExitCode);
        Assert.Equal(head, repo.Head());
        Assert.False(File.Exists(Path.Combine(repo.WorkTree, ".git", "index.lock")), "no lock is left behind");
        // A plain git commit has already committed its index.lock as .git/index when the hook runs, so the fix was
        // staged into the repository's index itself and a kill cannot take it back (the undo only runs on errors).
        // The index stays valid and the user's own text stays in the work tree (killed before that write) or the
        // work tree has the fix too: nothing is lost, and the next commit completes.
        Assert.NotEqual(index, IndexBytes(repo));
        Assert.Equal(Fixed, repo.IndexText("requirements.txt"));
        Assert.Equal(step == "work-tree" ? Fixed : Drifted, repo.WorkTreeText("requirements.txt"));
        Assert.Equal(step == "work-tree" ? ["A  requirements.txt"] : ["AM requirements.txt"], repo.Status());

        var again = repo.GitCommit("-a");

        UserFacing.AssertPassed(again);
        Assert.Equal(Fixed, repo.HeadText("requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task Autostage_killed_after_fixing_both_indexes_of_a_partial_commit_leaves_the_repository_index_as_it_was()
    {
        using var repo = await DriftStagedAsync();
        var (head, index) = (repo.Head(), IndexBytes(repo));

        var killed = repo.GitCommit(["--", "requirements.txt"], environment: new Dictionary<string, string?> { ["HOOKGUARD_TEST_STOP_AT"] = "main-index" });

        Assert.NotEqual(0, killed.ExitCode);
        AssertAsItWas(repo, head, index);
    }

    [Fact]
    public async Task Two_autostaged_commits_racing_in_two_worktrees_both_land_with_their_fix()
    {
        using var repo = await DriftStagedAsync();
        var linked = repo.Repo.Sibling("linked");
        repo.Repo.GitOk("worktree", "add", "--quiet", "-b", "feature", linked, "HEAD");
        await venvs.CreateVenvAsync(repo.VenvPath("", linked), CommitFormSpecs.Venv);
        File.WriteAllText(Path.Combine(linked, "requirements.txt"), Drifted);
        repo.Repo.Git(["add", "requirements.txt"], linked);

        var results = await Task.WhenAll(
            Task.Run(() => repo.GitCommit([], repo.WorkTree)),
            Task.Run(() => repo.GitCommit(["-m", "from the linked worktree"], linked)));

        UserFacing.AssertPassed(results[0]);
        UserFacing.AssertPassed(results[1]);
        Assert.Equal(Fixed, repo.HeadText("requirements.txt"));
        Assert.Equal(Fixed, repo.HeadText("requirements.txt", linked));
        Assert.NotEqual(repo.Head(), repo.Head(linked));
        Assert.Empty(repo.Status());
        Assert.Empty(repo.Status(linked));
    }

    [Fact]
    public async Task A_hook_file_broken_by_hand_blocks_the_commit_and_install_repairs_it()
    {
        using var repo = await DriftStagedAsync();
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit");
        var lines = File.ReadAllLines(hook).ToList();
        lines.Insert(2, "if then fi  # a hand edit gone wrong");
        File.WriteAllText(hook, string.Join('\n', lines) + "\n");
        var head = repo.Head();

        var broken = repo.GitCommit();
        var headAfterBroken = repo.Head();
        var workTreeAfterBroken = repo.WorkTreeText("requirements.txt");
        var install = repo.HookGuard("install", "--autostage");
        var repaired = repo.GitCommit();

        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("pre-commit", broken.StandardError); // sh names the hook file and the line it cannot parse
        Assert.Equal(head, headAfterBroken);
        Assert.Equal(Drifted, workTreeAfterBroken);
        UserFacing.AssertPassed(install);
        Assert.Contains("Updated the HookGuard pre-commit hook", install.StandardOutput);
        UserFacing.AssertPassed(repaired);
        Assert.Equal(Fixed, repo.HeadText("requirements.txt"));
    }

    [Fact]
    public async Task Core_hooksPath_pointing_nowhere_is_reported_by_status_and_install_guards_it_again()
    {
        using var repo = await DriftStagedAsync();
        var nowhere = repo.Repo.Sibling("no such dir/hooks");
        repo.Repo.GitOk("config", "core.hooksPath", nowhere);

        var status = repo.HookGuard("status");
        var install = repo.HookGuard("install");
        var commit = repo.GitCommit();

        Assert.Contains($"not installed (would go to {Path.Combine(nowhere, "pre-commit")}", status.StandardOutput);
        UserFacing.AssertPassed(install);
        Assert.True(File.Exists(Path.Combine(nowhere, "pre-commit")));
        Assert.True(File.Exists(Path.Combine(nowhere, "pre-merge-commit")));
        UserFacing.AssertBlocked(commit);
        Assert.Contains("alpha==1.0", commit.StandardError);
    }
}
