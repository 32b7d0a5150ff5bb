using System.Text;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// No repository git handles is refused (issue 11): a split index, a sparse index and a SHA-256 repository, each made
/// by the real git, guarded by the real hook, with a real venv. Drift blocks, a commit in sync passes, <c>git commit
/// -a</c> and <c>git commit -- path</c> (a temporary index) are checked, and autostage fixes the commit.
/// </summary>
public sealed class RepositoryFormatCommitSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    public static TheoryData<string> Formats => ["split-index", "sparse-index", "sha256"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_commit_in_sync_passes(string format)
    {
        using var repo = await GuardedAsync(format, "alpha==1.0", "beta==1.5");
        repo.WriteAndStage(("requirements.txt", "beta==1.5\nalpha==1.0\n"), ("app/extra.py", "x = 1\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal("beta==1.5\nalpha==1.0\n", repo.HeadText("requirements.txt"));
        AssertFormatKept(repo, format);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_staged_drift_blocks_the_commit(string format)
    {
        using var repo = await GuardedAsync(format, "alpha==1.0", "gamma==0.3");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("gamma 0.3", result.StandardError);
        Assert.Equal("alpha==1.0\ngamma==0.3\n", repo.HeadText("requirements.txt")); // the base commit, unchanged
        AssertFormatKept(repo, format);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Commit_all_is_checked_on_the_index_git_builds_for_it(string format)
    {
        using var repo = await GuardedAsync(format, "alpha==1.0", "gamma==0.3");
        // Only the work tree drifts; the repository's index still matches the venv. commit -a stages it into
        // .git/index.lock, the index the hook must read.
        repo.Write("requirements.txt", "alpha==1.0\n");

        var blocked = repo.GitCommit("-a");
        UserFacing.AssertBlocked(blocked);
        Assert.Contains("gamma 0.3", blocked.StandardError);

        repo.Write("requirements.txt", "alpha==1.0\ngamma==0.3\n# same pins\n");
        UserFacing.AssertPassed(repo.GitCommit("-a"));
        Assert.Equal("alpha==1.0\ngamma==0.3\n# same pins\n", repo.HeadText("requirements.txt"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_partial_commit_is_checked_on_its_temporary_index(string format)
    {
        using var repo = await GuardedAsync(format, "alpha==1.0", "gamma==0.3");
        repo.Write("requirements.txt", "alpha==1.0\n");

        // git commit -- PATH builds next-index-PID.lock, a temporary index, and hands it to the hook.
        var result = repo.GitCommit("--", "requirements.txt");

        UserFacing.AssertBlocked(result);
        Assert.Contains("gamma 0.3", result.StandardError);
        Assert.Equal("alpha==1.0\ngamma==0.3\n", repo.HeadText("requirements.txt"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Autostage_fixes_the_commit_and_keeps_the_index_readable_by_git(string format)
    {
        using var repo = await GuardedAsync(format, "alpha==2.0", "gamma==0.3", "--autostage");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\ngamma==0.3\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal("alpha==2.0\ngamma==0.3\n", repo.HeadText("requirements.txt"));
        Assert.Equal("alpha==2.0\ngamma==0.3\n", repo.WorkTreeText("requirements.txt"));
        Assert.Empty(repo.Status());
        Assert.Equal("", repo.Repo.GitOk("fsck", "--no-progress", "--no-dangling").Trim());
        AssertFormatKept(repo, format);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_commit_in_a_linked_worktree_is_checked_on_that_worktree_s_index(string format)
    {
        using var repo = await GuardedAsync(format, "alpha==1.0", "gamma==0.3");
        var linked = repo.Repo.Sibling("linked tree");
        repo.Repo.GitOk("worktree", "add", "--quiet", "-b", "feature", linked);
        if (format == "split-index")
        {
            repo.Repo.Git(["update-index", "--split-index"], linked); // its own sharedindex.* in .git/worktrees/NAME
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(repo.WorkTree, ".git", "worktrees"), "sharedindex.*", SearchOption.AllDirectories));
        }

        await venvs.CreateVenvAsync(repo.VenvPath("", linked), "alpha==1.0", "gamma==0.3");
        var mainHead = repo.Head();

        File.WriteAllText(Path.Combine(linked, "requirements.txt"), "alpha==1.0\n");
        repo.Repo.Git(["add", "requirements.txt"], linked);
        var blocked = repo.GitCommit([], linked);
        File.WriteAllText(Path.Combine(linked, "requirements.txt"), "gamma==0.3\nalpha==1.0\n");
        repo.Repo.Git(["add", "requirements.txt"], linked);
        var passed = repo.GitCommit([], linked);

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("gamma 0.3", blocked.StandardError);
        UserFacing.AssertPassed(passed);
        Assert.Equal("gamma==0.3\nalpha==1.0\n", repo.HeadText("requirements.txt", linked));
        Assert.Equal(mainHead, repo.Head());
    }

    [Fact]
    public async Task Reading_through_git_is_silent_except_for_one_line_under_verbose()
    {
        using var repo = await GuardedAsync("sha256", "alpha==1.0", "beta==1.5");
        repo.WriteAndStage(("requirements.txt", "beta==1.5\nalpha==1.0\n"));

        var plain = repo.HookGuard("check");
        var verbose = repo.HookGuard("check", "--verbose");
        var commit = repo.GitCommit();

        UserFacing.AssertPassed(plain);
        UserFacing.AssertPassed(verbose);
        UserFacing.AssertPassed(commit);
        Assert.DoesNotContain("through git", plain.StandardOutput + plain.StandardError + commit.StandardOutput + commit.StandardError);
        Assert.Single(verbose.StandardError.Split('\n'), line => line.Contains("index read through git: sha256 object ids"));
    }

    /// <summary>
    /// A guarded repository of <paramref name="format"/> whose first commit (made without the hook) declares the venv's
    /// pins, with a directory outside the sparse cone.
    /// </summary>
    private async Task<GuardedRepo> GuardedAsync(string format, string first, string second, string? installOption = null)
    {
        var repo = format == "sha256" ? new GuardedRepo(venvs, "repo", "--object-format=sha256") : new GuardedRepo(venvs);
        if (format == "split-index")
        {
            // Every change stays in the split file (no shared index rewrite), so the link bitmaps are exercised.
            repo.Repo.GitOk("config", "splitIndex.maxPercentChange", "100");
        }

        repo.CommitWithoutHook("base", ("requirements.txt", $"{first}\n{second}\n"), ("app/main.py", "print('hi')\n"),
            ("docs/guide/index.md", "# guide\n"), ("docs/guide/more.md", "more\n"), ("setup.cfg", "[metadata]\n"));
        switch (format)
        {
            case "split-index":
                repo.Repo.GitOk("config", "core.splitIndex", "true");
                repo.Repo.GitOk("update-index", "--split-index");
                break;
            case "sparse-index":
                repo.Repo.GitOk("sparse-checkout", "init", "--cone", "--sparse-index");
                repo.Repo.GitOk("sparse-checkout", "set", "app");
                break;
        }

        await repo.VenvAsync("", first, second);
        if (installOption is null)
        {
            repo.InstallHook();
        }
        else
        {
            repo.InstallHook(installOption);
        }

        AssertFormatKept(repo, format);
        return repo;
    }

    /// <summary>The repository is still what the spec says it is (git did not quietly convert it).</summary>
    private static void AssertFormatKept(GuardedRepo repo, string format)
    {
        var index = File.ReadAllBytes(Path.Combine(repo.WorkTree, ".git", "index"));
        switch (format)
        {
            case "split-index":
                Assert.True(Contains(index, "link"), "the index should be a split index (link extension)");
                Assert.NotEmpty(Directory.GetFiles(Path.Combine(repo.WorkTree, ".git"), "sharedindex.*"));
                break;
            case "sparse-index":
                Assert.True(Contains(index, "sdir"), "the index should be a sparse index (sdir extension)");
                Assert.Contains("040000", repo.Repo.GitOk("ls-files", "--sparse", "--stage"));
                break;
            case "sha256":
                Assert.Equal("sha256", repo.Repo.GitOk("rev-parse", "--show-object-format").Trim());
                break;
        }
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;
}
