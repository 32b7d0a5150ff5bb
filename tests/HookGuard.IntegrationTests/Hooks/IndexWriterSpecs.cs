using HookGuard.Cli;
using HookGuard.Git;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>Staging one file into an index, as git's lock protocol demands.</summary>
public sealed class IndexWriterSpecs
{
    [Fact]
    public void Stages_new_content_that_git_then_sees()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("requirements.txt", "requests==2.0\n"), ("other.txt", "other\n"));
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());

        var entry = IndexWriter.Stage(location, location.DefaultIndexFile, "requirements.txt", "requests==2.31.0\n"u8, GitFileMode.RegularFile);

        Assert.Equal("requests==2.31.0\n", repo.GitOk("show", ":requirements.txt"));
        Assert.Equal(repo.GitOk("rev-parse", ":requirements.txt").Trim(), entry.BlobId);
        Assert.Equal("M\trequirements.txt\n", repo.GitOk("diff", "--cached", "--name-status"));
        Assert.False(File.Exists(location.DefaultIndexFile + ".lock"));
    }

    [Fact]
    public void Stages_a_new_executable_file_with_its_mode()
    {
        using var repo = new TempGitRepo();
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());

        IndexWriter.Stage(location, location.DefaultIndexFile, "sub dir/ünï.sh", "#!/bin/sh\n"u8, GitFileMode.ExecutableFile);

        Assert.StartsWith("100755 ", repo.GitOk("ls-files", "--stage", "-z", "--", "sub dir/ünï.sh"));
    }

    [Fact]
    public void A_held_index_lock_fails_clearly_and_changes_nothing()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("requirements.txt", "requests==2.0\n"));
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
        var before = File.ReadAllBytes(location.DefaultIndexFile);
        File.WriteAllText(location.DefaultIndexFile + ".lock", "");

        var error = Assert.Throws<UserError>(() =>
            IndexWriter.Stage(location, location.DefaultIndexFile, "requirements.txt", "x\n"u8, GitFileMode.RegularFile));

        Assert.Contains("index.lock", error.Message);
        Assert.Equal(before, File.ReadAllBytes(location.DefaultIndexFile));
    }

    [Fact]
    public void Stages_into_the_index_named_by_GIT_INDEX_FILE_and_leaves_the_repository_index_alone()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("requirements.txt", "requests==2.0\n"));
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
        // What `git commit -a` hands its hook: a locked copy of the index that git will commit.
        var temporary = location.DefaultIndexFile + ".lock";
        File.Copy(location.DefaultIndexFile, temporary);
        var indexFile = IndexFileLocator.Resolve(location, new Dictionary<string, string> { ["GIT_INDEX_FILE"] = ".git/index.lock" }, repo.WorkTree);

        IndexWriter.Stage(location, indexFile, "requirements.txt", "requests==2.31.0\n"u8, GitFileMode.RegularFile);

        Assert.Equal(temporary, indexFile);
        Assert.Equal("requests==2.31.0\n", repo.Git(["show", ":requirements.txt"], environment: new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = temporary }).StandardOutput);
        Assert.Equal("requests==2.0\n", repo.GitOk("show", ":requirements.txt"));
    }
}
