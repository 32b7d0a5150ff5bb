using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// With <c>hookguard install --autostage</c>, drift no longer blocks: in every commit form the fix goes into the commit
/// being made and into the work tree, and afterwards <c>git status</c> is clean for the file (SPEC sec. 5), including
/// after a partial commit, where git's own index must not fall back to the unfixed file (no phantom <c>MM</c>).
/// </summary>
public sealed class AutostageCommitFormSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private static readonly string[] Venv = CommitFormSpecs.Venv;

    /// <summary>The drifted file fixed minimally: the pin updated in place, the undeclared one appended.</summary>
    private const string Drifted = "# runtime\nalpha==1.0\n";
    private const string Fixed = "# runtime\nalpha==2.0\nbeta==1.0\n";

    private static void AssertFixedEverywhere(GuardedRepo repo, GitCommandResult commit, string file = "requirements.txt", string? workTree = null)
    {
        UserFacing.AssertPassed(commit);
        Assert.Contains("autostaged", commit.StandardError);
        Assert.Equal(Fixed, repo.HeadText(file, workTree));
        Assert.Equal(Fixed, repo.IndexText(file, workTree));
        Assert.Equal(Fixed, repo.WorkTreeText(file, workTree));
        Assert.DoesNotContain(repo.Status(workTree), line => line.EndsWith(file, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plain_commit_gets_the_fix()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("app.py", "v1\n"));
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", Drifted));

        var result = repo.GitCommit();

        AssertFixedEverywhere(repo, result);
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task The_first_commit_gets_the_fix()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", Drifted), ("app.py", "v1\n"));

        var result = repo.GitCommit();

        AssertFixedEverywhere(repo, result);
        Assert.Equal(1, repo.CommitCount());
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task Commit_all_gets_the_fix_and_leaves_the_repository_index_in_step()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", "# runtime\nalpha==2.0\n"));
        repo.InstallHook("--autostage");
        repo.Write("requirements.txt", Drifted);

        var result = repo.GitCommit("-a");

        AssertFixedEverywhere(repo, result);
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_partial_commit_gets_the_fix_without_a_phantom_change_or_sweeping_in_other_staged_files()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", "# runtime\nalpha==2.0\n"));
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("notes.txt", "staged, not part of the commit\n"));
        repo.Write("requirements.txt", Drifted);

        var result = repo.GitCommit("--", "requirements.txt");

        AssertFixedEverywhere(repo, result);
        Assert.DoesNotContain("notes.txt", repo.HeadFiles());
        Assert.Equal(["A  notes.txt"], repo.Status());
        Assert.Equal(["notes.txt"], repo.StagedNames());
    }

    [Fact]
    public async Task An_amended_commit_gets_the_fix()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", "# runtime\nalpha==2.0\n"));
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", Drifted));

        var result = repo.GitCommit("--amend", "--no-edit");

        AssertFixedEverywhere(repo, result);
        Assert.Equal(1, repo.CommitCount());
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_commit_in_a_linked_worktree_gets_the_fix_in_that_worktree()
    {
        using var repo = new GuardedRepo(venvs);
        repo.CommitWithoutHook("start", ("requirements.txt", "# runtime\nalpha==2.0\n"));
        repo.InstallHook("--autostage");
        var linked = repo.Repo.Sibling("linked tree");
        repo.Repo.GitOk("worktree", "add", "--quiet", "-b", "feature", linked);
        await venvs.CreateVenvAsync(repo.VenvPath("", linked), Venv);
        File.WriteAllText(Path.Combine(linked, "requirements.txt"), Drifted);
        repo.Repo.Git(["add", "requirements.txt"], linked);

        var result = repo.GitCommit([], linked);

        AssertFixedEverywhere(repo, result, workTree: linked);
        Assert.Empty(repo.Status(linked));
        Assert.Equal("# runtime\nalpha==2.0\n", repo.WorkTreeText("requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_commit_with_the_hook_under_core_hooksPath_gets_the_fix()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.Repo.GitOk("config", "core.hooksPath", repo.Repo.Sibling("hooks"));
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", Drifted));

        var result = repo.GitCommit();

        AssertFixedEverywhere(repo, result);
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_partial_commit_of_another_file_in_the_project_takes_the_requirements_fix_along()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", Drifted), ("app.py", "v1\n"));
        repo.InstallHook("--autostage");
        repo.Write("app.py", "v2\n");

        var result = repo.GitCommit("--", "app.py");

        AssertFixedEverywhere(repo, result);
        Assert.Equal("v2\n", repo.HeadText("app.py"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_partial_commit_that_leaves_out_staged_requirement_changes_blocks_and_says_so()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", Drifted), ("app.py", "v1\n"));
        var start = repo.Head();
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", "# runtime\nalpha==2.0\n")); // staged, but not named below
        repo.Write("app.py", "v2\n");

        var result = repo.GitCommit("--", "app.py");

        UserFacing.AssertBlocked(result);
        Assert.Contains("not part of this partial commit", result.StandardError);
        Assert.DoesNotContain("unstaged changes", result.StandardError);
        Assert.Equal(start, repo.Head());
        Assert.Equal("# runtime\nalpha==2.0\n", repo.IndexText("requirements.txt"));
        Assert.Equal("# runtime\nalpha==2.0\n", repo.WorkTreeText("requirements.txt"));
        Assert.Equal([" M app.py", "M  requirements.txt"], repo.Status());
    }

    [Fact]
    public async Task A_commit_inside_a_submodule_gets_the_fix_in_the_submodule()
    {
        using var repo = new GuardedRepo(venvs);
        var origin = repo.Repo.Sibling("lib-origin");
        Directory.CreateDirectory(origin);
        repo.Repo.Git(["init", "--quiet"], origin);
        File.WriteAllText(Path.Combine(origin, "requirements.txt"), "# runtime\nalpha==2.0\n");
        repo.Repo.Git(["add", "requirements.txt"], origin);
        repo.Repo.Git(["commit", "--quiet", "-m", "lib"], origin);
        repo.Repo.GitOk("-c", "protocol.file.allow=always", "submodule", "--quiet", "add", origin, "lib");
        repo.Repo.GitOk("commit", "--quiet", "--no-verify", "-m", "submodule");
        var lib = Path.Combine(repo.WorkTree, "lib");
        var exclude = repo.Repo.Git(["rev-parse", "--path-format=absolute", "--git-path", "info/exclude"], lib).StandardOutput.Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(exclude)!);
        File.AppendAllText(exclude, ".venv/\n");
        await venvs.CreateVenvAsync(Path.Combine(lib, ".venv"), Venv);
        Assert.Equal(0, repo.HookGuardIn(lib, "install", "--autostage").ExitCode);
        File.WriteAllText(Path.Combine(lib, "requirements.txt"), Drifted);
        repo.Repo.Git(["add", "requirements.txt"], lib);

        var result = repo.GitCommit([], lib);

        AssertFixedEverywhere(repo, result, workTree: lib);
        Assert.Empty(repo.Status(lib));
    }
}
