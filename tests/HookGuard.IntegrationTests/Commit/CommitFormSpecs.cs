using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// Every way git makes a commit runs the hook against the index that commit is made from (SPEC sec. 4.1): the
/// repository's index, the temporary indexes of <c>git commit -a</c> and <c>git commit -- paths</c>, an amended
/// commit, the first commit, a linked worktree, hooks under <c>core.hooksPath</c>. In each, drift blocks and the same
/// commit in sync passes.
/// </summary>
public sealed class CommitFormSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    internal static readonly string[] Venv = ["alpha==2.0", "beta==1.0"];
    internal const string InSync = "alpha==2.0\nbeta==1.0\n";
    internal const string Drifted = "alpha==1.0\nbeta==1.0\n";

    [Fact]
    public async Task The_first_commit_of_a_repository_is_checked_against_the_empty_tree()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", Drifted));

        var blocked = repo.GitCommit();
        repo.WriteAndStage(("requirements.txt", InSync));
        var passed = repo.GitCommit();

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("alpha", blocked.StandardError);
        UserFacing.AssertPassed(passed);
        Assert.Equal(1, repo.CommitCount());
        Assert.Equal(InSync, repo.HeadText("requirements.txt"));
    }

    [Fact]
    public async Task Commit_all_checks_the_modified_work_tree_file_it_is_about_to_commit()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", InSync));
        var start = repo.Head();
        repo.InstallHook();
        repo.Write("requirements.txt", Drifted); // not staged: only -a puts it in the commit

        var blocked = repo.GitCommit("-a");
        var afterBlock = repo.Status();
        repo.Write("requirements.txt", "# pinned by pip freeze\n" + InSync);
        var passed = repo.GitCommit("-a");

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("alpha==1.0", blocked.StandardError);
        Assert.Equal([" M requirements.txt"], afterBlock);
        UserFacing.AssertPassed(passed);
        Assert.NotEqual(start, repo.Head());
        Assert.Equal("# pinned by pip freeze\n" + InSync, repo.HeadText("requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_partial_commit_checks_the_named_paths_as_they_are_in_the_work_tree()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", InSync), ("app.py", "v1\n"));
        repo.InstallHook();
        repo.WriteAndStage(("notes.txt", "not part of the commit\n"));
        repo.Write("requirements.txt", Drifted);

        var blocked = repo.GitCommit("--", "requirements.txt");
        repo.Write("requirements.txt", InSync + "# checked\n");
        var passed = repo.GitCommit("--", "requirements.txt");

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("alpha==1.0", blocked.StandardError);
        UserFacing.AssertPassed(passed);
        Assert.Equal(InSync + "# checked\n", repo.HeadText("requirements.txt"));
        Assert.DoesNotContain("notes.txt", repo.HeadFiles());
        Assert.Equal(["A  notes.txt"], repo.Status());
    }

    [Fact]
    public async Task A_partial_commit_of_a_path_outside_the_project_passes_though_drift_is_staged_elsewhere()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("api", Venv);
        repo.CommitWithoutHook("start", ("api/requirements.txt", InSync), ("README.md", "v1\n"));
        repo.InstallHook();
        repo.WriteAndStage(("api/requirements.txt", Drifted)); // staged, but not part of the partial commit
        repo.Write("README.md", "v2\n");

        var result = repo.GitCommit("--", "README.md");

        UserFacing.AssertPassed(result);
        Assert.Equal("v2\n", repo.HeadText("README.md"));
        Assert.Equal(InSync, repo.HeadText("api/requirements.txt"));
        Assert.Equal(["M  api/requirements.txt"], repo.Status());
    }

    [Fact]
    public async Task Amending_a_commit_checks_the_change_staged_for_the_amended_commit()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", InSync));
        var start = repo.Head();
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", Drifted));

        var blocked = repo.GitCommit("--amend", "--no-edit");
        var headAfterBlock = repo.Head();
        repo.WriteAndStage(("requirements.txt", InSync + "# amended\n"));
        var passed = repo.GitCommit("--amend", "--no-edit");

        UserFacing.AssertBlocked(blocked);
        Assert.Equal(start, headAfterBlock);
        UserFacing.AssertPassed(passed);
        Assert.NotEqual(start, repo.Head());
        Assert.Equal(1, repo.CommitCount());
        Assert.Equal(InSync + "# amended\n", repo.HeadText("requirements.txt"));
    }

    [Fact]
    public async Task A_commit_in_a_linked_worktree_is_checked_against_that_worktree_and_its_venv()
    {
        using var repo = new GuardedRepo(venvs);
        repo.CommitWithoutHook("start", ("requirements.txt", InSync));
        repo.InstallHook();
        var linked = repo.Repo.Sibling("linked tree");
        repo.Repo.GitOk("worktree", "add", "--quiet", "-b", "feature", linked);
        await venvs.CreateVenvAsync(repo.VenvPath("", linked), Venv);
        var mainHead = repo.Head();

        File.WriteAllText(Path.Combine(linked, "requirements.txt"), Drifted);
        repo.Repo.Git(["add", "requirements.txt"], linked);
        var blocked = repo.GitCommit([], linked);
        File.WriteAllText(Path.Combine(linked, "requirements.txt"), InSync + "# feature\n");
        repo.Repo.Git(["add", "requirements.txt"], linked);
        var passed = repo.GitCommit([], linked);

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("alpha==1.0", blocked.StandardError);
        UserFacing.AssertPassed(passed);
        Assert.Equal(InSync + "# feature\n", repo.HeadText("requirements.txt", linked));
        Assert.Equal(mainHead, repo.Head());
        Assert.Empty(repo.Status(linked));
    }

    [Fact]
    public async Task A_hook_installed_under_core_hooksPath_guards_the_commit()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        var hooks = repo.Repo.Sibling("shared hooks");
        repo.Repo.GitOk("config", "core.hooksPath", hooks);
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", Drifted));

        var blocked = repo.GitCommit();
        repo.WriteAndStage(("requirements.txt", InSync));
        var passed = repo.GitCommit();

        Assert.True(File.Exists(Path.Combine(hooks, "pre-commit")), "the hook goes where core.hooksPath says");
        Assert.False(File.Exists(Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit")));
        UserFacing.AssertBlocked(blocked);
        UserFacing.AssertPassed(passed);
        Assert.Equal(InSync, repo.HeadText("requirements.txt"));
    }
}
