using HookGuard.Git;
using HookGuard.Git.Objects;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Objects;

/// <summary>HEAD resolved to its tree without libgit2, against <c>git rev-parse HEAD^{tree}</c>, in every ref layout.</summary>
public sealed class HeadResolverSpecs
{
    [Fact]
    public void Resolves_a_branch_from_its_loose_ref()
    {
        using var repo = ObjectDatabaseSpecs.RepoWithHistory();

        AssertSameTreeAsGit(repo, repo.WorkTree);
    }

    [Fact]
    public void Resolves_a_branch_only_in_packed_refs()
    {
        using var repo = ObjectDatabaseSpecs.RepoWithHistory();
        repo.GitOk("pack-refs", "--all");
        repo.GitOk("gc", "--quiet");

        Assert.False(File.Exists(Path.Combine(repo.WorkTree, ".git", "refs", "heads", "main")));
        AssertSameTreeAsGit(repo, repo.WorkTree);
    }

    [Fact]
    public void Resolves_a_detached_head_and_a_head_at_an_annotated_tag()
    {
        using var repo = ObjectDatabaseSpecs.RepoWithHistory();
        repo.GitOk("checkout", "--quiet", "--detach", "HEAD~3");
        AssertSameTreeAsGit(repo, repo.WorkTree);

        // HEAD holding a tag's id is not something git writes, but git reads it (peeling to the commit): so do we.
        File.WriteAllText(Path.Combine(repo.WorkTree, ".git", "HEAD"), repo.GitOk("rev-parse", "v19").Trim() + "\n");
        AssertSameTreeAsGit(repo, repo.WorkTree);
    }

    [Fact]
    public void Reads_the_head_of_a_linked_worktree_and_the_shared_refs()
    {
        using var repo = ObjectDatabaseSpecs.RepoWithHistory();
        var linked = repo.Sibling("linked");
        repo.GitOk("worktree", "add", "--quiet", "-b", "side", linked, "HEAD~5");
        repo.GitOk("pack-refs", "--all");

        AssertSameTreeAsGit(repo, linked);
        AssertSameTreeAsGit(repo, repo.WorkTree);
        Assert.NotEqual(repo.GitOk("rev-parse", "HEAD^{tree}").Trim(), repo.Git(["rev-parse", "HEAD^{tree}"], linked).StandardOutput.Trim());
    }

    [Fact]
    public void An_unborn_branch_has_no_tree()
    {
        using var repo = ObjectDatabaseSpecs.RepoWithHistory();
        repo.GitOk("checkout", "--quiet", "--orphan", "fresh");
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
        using var objects = ObjectDatabase.Open(location, new Dictionary<string, string>(), repo.WorkTree);

        Assert.Null(HeadResolver.HeadTree(location, objects));
    }

    [Fact]
    public void A_reftable_repository_is_left_to_git_which_decides()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("a.txt", "a\n"));
        // git 2.45+ writes this with `git init --ref-format=reftable`; the config is all HookGuard looks at. HookGuard's
        // own reader does not read reftable, so git answers: older gits refuse the extension (their message is passed
        // on), newer ones read the repository.
        repo.GitOk("config", "core.repositoryformatversion", "1");
        repo.GitOk("config", "extensions.refStorage", "reftable");
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());

        var error = Assert.Throws<HookGuard.Cli.UserError>(() => StagedIndex.Open(location, location.DefaultIndexFile));

        Assert.Contains("git ls-files failed", error.Message);
        Assert.Contains("refstorage", error.Message);
    }

    private static void AssertSameTreeAsGit(TempGitRepo repo, string workTree)
    {
        var location = RepositoryLocator.Locate(workTree, new Dictionary<string, string>());
        using var objects = ObjectDatabase.Open(location, new Dictionary<string, string>(), workTree);

        var tree = HeadResolver.HeadTree(location, objects);

        Assert.Equal(repo.Git(["rev-parse", "HEAD^{tree}"], workTree).StandardOutput.Trim(), Convert.ToHexStringLower(tree!));
    }
}
