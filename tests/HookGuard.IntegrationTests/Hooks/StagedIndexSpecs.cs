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
    public void A_sha256_repository_is_read_through_git()
    {
        using var repo = new TempGitRepo(init: false);
        repo.GitOk("init", "--quiet", "--object-format=sha256");
        repo.Commit("base", ("a.txt", "a\n"), ("lib/b.txt", "b\n"));
        repo.WriteFile("requirements.txt", "alpha==1.0\n");
        repo.GitOk("add", "requirements.txt");
        repo.GitOk("rm", "--quiet", "a.txt");

        using var index = Open(repo);

        Assert.Contains("sha256", index.ReadByGitBecause);
        Assert.Equal(
            [new StagedChange(StagedChangeKind.Deleted, "a.txt"), new StagedChange(StagedChangeKind.Added, "requirements.txt")],
            index.ListStagedChanges());
        Assert.Equal("alpha==1.0\n"u8.ToArray(), index.ReadStagedBytes("requirements.txt"));
        Assert.Equal(64, index.Find("lib/b.txt")!.BlobId.Length);
        Assert.Equal(["lib/b.txt"], index.PathsUnder("lib"));
    }

    [Fact]
    public void A_split_index_is_read_by_HookGuard_itself_with_its_shared_index_replaced_deleted_and_added_entries()
    {
        using var repo = new TempGitRepo();
        repo.GitOk("config", "splitIndex.maxPercentChange", "100");
        repo.Commit("base", Enumerable.Range(0, 70).Select(i => ($"d{i % 7}/f{i:D2}.txt", $"{i}\n"))
            .Concat(Enumerable.Range(0, 200).Select(i => ($"big/f{i:D3}.txt", $"big {i}\n"))).ToArray());
        repo.GitOk("config", "core.splitIndex", "true");
        repo.GitOk("update-index", "--split-index");
        repo.WriteFile("d3/f03.txt", "changed\n"); // replaced
        repo.WriteFile("d0/new.txt", "new\n"); // added
        repo.WriteFile("d6/f69.txt", "changed too\n");
        repo.GitOk("add", "d3/f03.txt", "d0/new.txt", "d6/f69.txt");
        repo.GitOk("rm", "--quiet", "d1/f01.txt", "d5/f68.txt"); // deleted
        repo.GitOk("rm", "-r", "--quiet", "big"); // 200 deleted in a row: the delete bitmap holds run-length words

        using var index = Open(repo);

        Assert.Null(index.ReadByGitBecause);
        Assert.True(index.WritesThroughGit);
        var expected = repo.GitOk("ls-files", "--stage").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actual = index.PathsUnder("").Select(path => index.Find(path)!)
            .Select(entry => $"{Convert.ToString((int)entry.Mode, 8)} {entry.BlobId} 0\t{entry.Path}").ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(270 - 202 + 1, actual.Length);
        var changes = index.ListStagedChanges();
        Assert.Equal(
            repo.GitOk("diff", "--cached", "--no-renames", "--name-status").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
            changes.Select(change => $"{change.Kind.ToString()[0]}\t{change.Path}").Order(StringComparer.Ordinal)); // the walk's order is not git's
        Assert.Equal(205, changes.Count);
        Assert.Equal("changed\n"u8.ToArray(), index.ReadStagedBytes("d3/f03.txt"));
    }

    [Fact]
    public void A_sparse_index_is_read_through_git_with_every_path_it_stands_for()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("app/main.py", "x\n"), ("other/deep/requirements.txt", "alpha==1.0\n"));
        repo.GitOk("sparse-checkout", "init", "--cone", "--sparse-index");
        repo.GitOk("sparse-checkout", "set", "app");

        using var index = Open(repo);

        Assert.Contains("sdir", index.ReadByGitBecause);
        Assert.Equal(["app/main.py", "other/deep/requirements.txt"], index.PathsUnder(""));
        Assert.Equal("alpha==1.0\n"u8.ToArray(), index.ReadStagedBytes("other/deep/requirements.txt"));
        Assert.Empty(index.ListStagedChanges());
    }

    [Fact]
    public void An_unknown_required_index_extension_is_left_to_git_which_decides()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("a.txt", "a\n"));
        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
        // A lower-case extension must be understood; this git does not know "zzzz" either, and says so.
        var bytes = File.ReadAllBytes(location.DefaultIndexFile);
        byte[] extension = [.. "zzzz"u8, 0, 0, 0, 0];
        byte[] body = [.. bytes[..^20], .. extension];
        File.WriteAllBytes(location.DefaultIndexFile, [.. body, .. System.Security.Cryptography.SHA1.HashData(body)]);

        var error = Assert.Throws<HookGuard.Cli.UserError>(() => StagedIndex.Open(location, location.DefaultIndexFile));

        Assert.Contains("git ls-files failed", error.Message);
        Assert.Contains("zzzz", error.Message);
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
