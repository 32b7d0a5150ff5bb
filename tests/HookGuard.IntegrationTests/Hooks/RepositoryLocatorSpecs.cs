using HookGuard.Cli;
using HookGuard.Git;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>HookGuard finds the repository where git would, and says so when there is none.</summary>
public sealed class RepositoryLocatorSpecs
{
    private static readonly Dictionary<string, string> NoGitVariables = [];

    [Fact]
    public void Finds_the_work_tree_root_from_a_subdirectory()
    {
        using var repo = new TempGitRepo("repo with spaces ü");
        var subdirectory = Directory.CreateDirectory(Path.Combine(repo.WorkTree, "a", "b")).FullName;

        var location = RepositoryLocator.Locate(subdirectory, NoGitVariables);

        Assert.Equal(new RepositoryLocation(repo.WorkTree, Path.Combine(repo.WorkTree, ".git"), Path.Combine(repo.WorkTree, ".git")), location);
    }

    [Fact]
    public void Agrees_with_git_in_a_linked_worktree()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base");
        var worktree = repo.Sibling("wt");
        repo.GitOk("worktree", "add", "--quiet", "-b", "wt", worktree);

        var location = RepositoryLocator.Locate(worktree, NoGitVariables);

        var git = repo.Git(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir", "--git-common-dir"], worktree).StandardOutput.Split('\n');
        Assert.Equal(new RepositoryLocation(git[0], git[1], git[2]), location);
    }

    [Fact]
    public void Agrees_with_git_in_a_submodule()
    {
        using var library = new TempGitRepo("library");
        library.Commit("library", ("lib.txt", "lib\n"));
        using var repo = new TempGitRepo();
        repo.Commit("first");
        repo.GitOk("-c", "protocol.file.allow=always", "submodule", "--quiet", "add", library.WorkTree, "vendor/library");
        var submodule = Path.Combine(repo.WorkTree, "vendor", "library");

        var location = RepositoryLocator.Locate(submodule, NoGitVariables);

        var git = repo.Git(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir", "--git-common-dir"], submodule).StandardOutput.Split('\n');
        Assert.Equal(new RepositoryLocation(git[0], git[1], git[2]), location);
    }

    [Fact]
    public void Honours_GIT_DIR_and_GIT_WORK_TREE_relative_to_the_start_directory()
    {
        using var repo = new TempGitRepo();
        var elsewhere = repo.Scratch;

        var location = RepositoryLocator.Locate(elsewhere, new Dictionary<string, string>
        {
            ["GIT_DIR"] = Path.GetRelativePath(elsewhere, Path.Combine(repo.WorkTree, ".git")),
            ["GIT_WORK_TREE"] = repo.WorkTree,
        });

        Assert.Equal(repo.WorkTree, location.WorkTreeRoot);
        Assert.Equal(Path.Combine(repo.WorkTree, ".git"), location.GitDir);
    }

    [Fact]
    public void With_GIT_DIR_alone_the_start_directory_is_the_work_tree_as_in_git()
    {
        using var repo = new TempGitRepo();

        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string> { ["GIT_DIR"] = ".git" });

        Assert.Equal(repo.WorkTree, location.WorkTreeRoot);
    }

    [Fact]
    public void Outside_a_repository_it_is_a_user_error()
    {
        using var repo = new TempGitRepo(init: false);

        var error = Assert.Throws<UserError>(() => RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>
        {
            ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(repo.WorkTree)!,
        }));

        Assert.Contains("not inside a git work tree", error.Message);
        Assert.Equal(ExitCodes.CouldNotCheck, error.ExitCode);
    }

    [Fact]
    public void A_bare_repository_is_a_user_error()
    {
        using var repo = new TempGitRepo(init: false);
        repo.GitOk("init", "--quiet", "--bare");

        var error = Assert.Throws<UserError>(() => RepositoryLocator.Locate(repo.WorkTree, NoGitVariables));

        Assert.Contains("bare", error.Message);
    }

    [Fact]
    public void A_broken_dot_git_file_is_a_user_error()
    {
        using var repo = new TempGitRepo(init: false);
        repo.WriteFile(".git", "this is not a gitdir line\n");

        var error = Assert.Throws<UserError>(() => RepositoryLocator.Locate(repo.WorkTree, NoGitVariables));

        Assert.Contains("gitdir:", error.Message);
    }
}
