using HookGuard.Git;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>Requirement files are read as staged, from the index, not from the work tree (SPEC sec. 4.3).</summary>
public sealed class StagedIndexSpecs
{
    [Fact]
    public void Reads_the_staged_bytes_not_the_work_tree()
    {
        using var repo = new TempGitRepo();
        repo.WriteFile("requirements.txt", "\uFEFFrequests==2.31.0\r\n");
        repo.GitOk("add", "requirements.txt");
        repo.WriteFile("requirements.txt", "requests==9.9.9\n");

        using var index = Open(repo);

        Assert.Equal("\uFEFFrequests==2.31.0\r\n"u8.ToArray(), index.ReadStagedBytes("requirements.txt"));
        Assert.Null(index.ReadStagedBytes("missing.txt"));
    }

    [Fact]
    public void Tells_whether_a_path_is_staged_and_with_which_mode()
    {
        using var repo = new TempGitRepo();
        repo.WriteFile("tools/run.sh", "#!/bin/sh\n");
        repo.GitOk("add", "tools/run.sh");
        repo.GitOk("update-index", "--chmod=+x", "tools/run.sh");

        using var index = Open(repo);

        Assert.True(index.Contains("tools/run.sh"));
        Assert.False(index.Contains("tools"));
        Assert.Equal(GitFileMode.ExecutableFile, index.Find("tools/run.sh")!.Mode);
        Assert.Equal(repo.GitOk("rev-parse", ":tools/run.sh").Trim(), index.Find("tools/run.sh")!.BlobId);
    }

    [Fact]
    public void Lists_the_staged_paths_under_a_directory()
    {
        using var repo = new TempGitRepo();
        foreach (var path in new[] { "a.txt", "svc/requirements.txt", "svc/req/dev.txt", "svc-other/x.txt", "svc/ünï.txt", "svcx" })
        {
            repo.WriteFile(path, path);
        }

        repo.GitOk("add", ".");

        using var index = Open(repo);

        Assert.Equal(["svc/req/dev.txt", "svc/requirements.txt", "svc/ünï.txt"], index.PathsUnder("svc"));
        Assert.Equal(["svc/req/dev.txt"], index.PathsUnder("svc/req/"));
        Assert.Equal(6, index.PathsUnder("").Count);
        Assert.Empty(index.PathsUnder("nowhere"));
    }

    [Fact]
    public void A_repository_with_nothing_staged_has_no_changes()
    {
        using var repo = new TempGitRepo();

        using var index = Open(repo);

        Assert.Empty(index.ListStagedChanges());
        Assert.Empty(index.PathsUnder(""));
    }

    [Fact]
    public void A_damaged_index_is_a_user_error_that_names_the_file()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("a.txt", "a\n"));
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
        var bytes = File.ReadAllBytes(location.DefaultIndexFile);
        File.WriteAllBytes(location.DefaultIndexFile, bytes[..40]);

        var error = Assert.Throws<HookGuard.Cli.UserError>(() => StagedIndex.Open(location, location.DefaultIndexFile));

        Assert.Contains(location.DefaultIndexFile, error.Message);
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void A_sha256_repository_is_a_user_error_not_a_crash()
    {
        using var repo = new TempGitRepo(init: false);
        repo.GitOk("init", "--quiet", "--object-format=sha256");
        repo.Commit("base", ("a.txt", "a\n"));
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());

        var error = Assert.Throws<HookGuard.Cli.UserError>(() => StagedIndex.Open(location, location.DefaultIndexFile));

        Assert.Contains(location.GitDir, error.Message);
    }

    [Fact]
    public void A_missing_index_file_reads_as_an_empty_index()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("a.txt", "a\n"));
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());

        using var index = StagedIndex.Open(location, Path.Combine(repo.Scratch, "no-such-index"));

        Assert.Equal([new StagedChange(StagedChangeKind.Deleted, "a.txt")], index.ListStagedChanges());
    }

    private static StagedIndex Open(TempGitRepo repo) =>
        StagedIndex.Open(RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>()), new Dictionary<string, string>(), repo.WorkTree);
}
