using HookGuard.Git;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>
/// The staged change HookGuard reads is the one git is committing (SPEC sec. 4.1): recorded inside real
/// <c>git commit</c> runs and compared with <c>git diff --cached</c> run in the same hook.
/// </summary>
public sealed class StagedChangeSpecs
{
    [Fact]
    public void A_plain_commit_lists_additions_modifications_deletions_and_both_sides_of_a_rename_like_git()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("keep.txt", "keep\n"), ("gone.txt", "gone\n"), ("old name.txt", "same content, long enough to be a rename\n"));
        var recorder = new CommitRecorder(repo);
        repo.WriteFile("keep.txt", "changed\n");
        repo.WriteFile("ünï/new file.txt", "new\n");
        repo.GitOk("add", ".");
        repo.GitOk("rm", "--quiet", "gone.txt");
        repo.GitOk("mv", "old name.txt", "new name.txt");

        repo.Git(["commit", "-m", "recorded"]);

        Assert.Equal(
            [
                new StagedChange(StagedChangeKind.Deleted, "gone.txt"),
                new StagedChange(StagedChangeKind.Modified, "keep.txt"),
                new StagedChange(StagedChangeKind.Added, "new name.txt"),
                new StagedChange(StagedChangeKind.Deleted, "old name.txt"),
                new StagedChange(StagedChangeKind.Added, "ünï/new file.txt"),
            ],
            CommitRecorder.Sorted(recorder.ReadersStagedChanges()));
        Assert.Equal(CommitRecorder.Sorted(recorder.GitsStagedChanges), CommitRecorder.Sorted(recorder.ReadersStagedChanges()));
    }

    [Fact]
    public void Commit_all_is_read_from_the_temporary_index_git_names_in_GIT_INDEX_FILE()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("tracked.txt", "one\n"), ("other.txt", "one\n"));
        var recorder = new CommitRecorder(repo);
        repo.WriteFile("tracked.txt", "two\n"); // not staged: only `commit -a` takes it

        repo.Git(["commit", "-a", "-m", "recorded"]);

        Assert.True(recorder.Environment.ContainsKey("GIT_INDEX_FILE"));
        Assert.Equal([new StagedChange(StagedChangeKind.Modified, "tracked.txt")], recorder.ReadersStagedChanges());
        Assert.Equal(recorder.GitsStagedChanges, recorder.ReadersStagedChanges());
        var location = RepositoryLocator.Locate(recorder.WorkingDirectory, recorder.Environment);
        using var repositoryIndex = StagedIndex.Open(location, location.DefaultIndexFile);
        Assert.Empty(repositoryIndex.ListStagedChanges()); // the repository's own index never saw the change
    }

    [Fact]
    public void A_partial_commit_sees_only_the_named_paths()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("a.txt", "a\n"), ("b.txt", "b\n"));
        var recorder = new CommitRecorder(repo);
        repo.WriteFile("a.txt", "a staged, not committed\n");
        repo.GitOk("add", "a.txt");
        repo.WriteFile("b.txt", "b committed by path\n");

        repo.Git(["commit", "-m", "recorded", "--", "b.txt"]);

        var indexFile = recorder.Environment["GIT_INDEX_FILE"];
        Assert.Contains("next-index", indexFile);
        Assert.Equal([new StagedChange(StagedChangeKind.Modified, "b.txt")], recorder.ReadersStagedChanges());
        Assert.Equal(recorder.GitsStagedChanges, recorder.ReadersStagedChanges());
    }

    [Fact]
    public void The_first_commit_is_compared_with_the_empty_tree()
    {
        using var repo = new TempGitRepo();
        var recorder = new CommitRecorder(repo);
        repo.WriteFile("requirements.txt", "requests==2.31.0\n");
        repo.WriteFile("app/main.py", "print()\n");
        repo.GitOk("add", ".");

        repo.Git(["commit", "-m", "recorded"]);

        Assert.Equal(
            [new StagedChange(StagedChangeKind.Added, "app/main.py"), new StagedChange(StagedChangeKind.Added, "requirements.txt")],
            CommitRecorder.Sorted(recorder.ReadersStagedChanges()));
    }

    [Fact]
    public void An_amend_is_compared_with_the_commit_being_amended_as_git_diff_cached_does()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("a.txt", "a\n"));
        repo.Commit("to amend", ("b.txt", "b\n"));
        var recorder = new CommitRecorder(repo);
        repo.WriteFile("c.txt", "c\n");
        repo.GitOk("add", "c.txt");

        repo.Git(["commit", "--amend", "-m", "recorded"]);

        Assert.Equal([new StagedChange(StagedChangeKind.Added, "c.txt")], recorder.ReadersStagedChanges());
        Assert.Equal(recorder.GitsStagedChanges, recorder.ReadersStagedChanges());
    }

    [Fact]
    public void A_commit_in_a_linked_worktree_is_read_from_that_worktree()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("a.txt", "a\n"));
        var worktree = repo.Sibling("linked wt");
        repo.GitOk("worktree", "add", "--quiet", "-b", "linked", worktree);
        var recorder = new CommitRecorder(repo);
        File.WriteAllText(Path.Combine(worktree, "a.txt"), "changed in the worktree\n");
        repo.GitOk("-C", worktree, "add", "a.txt");
        repo.WriteFile("a.txt", "changed in the main work tree, not staged\n");

        repo.Git(["commit", "-m", "recorded"], worktree);

        var location = RepositoryLocator.Locate(recorder.WorkingDirectory, recorder.Environment);
        Assert.Equal(Path.GetFullPath(worktree), location.WorkTreeRoot);
        Assert.Equal(Path.Combine(repo.WorkTree, ".git"), location.CommonDir);
        Assert.Equal([new StagedChange(StagedChangeKind.Modified, "a.txt")], recorder.ReadersStagedChanges());
        Assert.Equal(recorder.GitsStagedChanges, recorder.ReadersStagedChanges());
    }
}
