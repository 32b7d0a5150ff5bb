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

    private static StagedIndex Open(TempGitRepo repo) =>
        StagedIndex.Open(RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>()), new Dictionary<string, string>(), repo.WorkTree);
}
