using HookGuard.Cli;
using HookGuard.Git;
using HookGuard.Git.Objects;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Objects;

/// <summary>A damaged or missing object is a <see cref="UserError"/> naming the file or object, never a crash.</summary>
public sealed class DamagedObjectSpecs
{
    [Fact]
    public void A_truncated_loose_object_is_a_user_error_naming_the_file()
    {
        using var repo = new TempGitRepo();
        repo.WriteFile("requirements.txt", string.Concat(Enumerable.Range(0, 200).Select(i => $"package{i}=={i}.0\n")));
        repo.GitOk("add", "requirements.txt");
        var id = repo.GitOk("rev-parse", ":requirements.txt").Trim();
        var file = Truncate(repo, id);
        using var index = Open(repo);

        var error = Assert.Throws<UserError>(() => index.ReadStagedBytes("requirements.txt"));

        Assert.Contains(file, error.Message);
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void A_missing_blob_names_the_path_and_the_blob()
    {
        using var repo = new TempGitRepo();
        repo.WriteFile("requirements.txt", "alpha==1.0\n");
        repo.GitOk("add", "requirements.txt");
        var id = repo.GitOk("rev-parse", ":requirements.txt").Trim();
        File.Delete(Path.Combine(repo.WorkTree, ".git", "objects", id[..2], id[2..]));
        using var index = Open(repo);

        var error = Assert.Throws<UserError>(() => index.ReadStagedBytes("requirements.txt"));

        Assert.Equal($"The staged content of 'requirements.txt' (blob {id}) is missing from the git object database.", error.Message);
    }

    [Fact]
    public void A_corrupt_pack_is_a_user_error_naming_the_pack()
    {
        using var repo = ObjectDatabaseSpecs.RepoWithHistory();
        var (pack, ids) = PackEverything(repo);
        var bytes = File.ReadAllBytes(pack);
        for (var i = bytes.Length / 3; i < (bytes.Length / 3) + 4096; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(pack, bytes);
        using var objects = OpenObjects(repo);

        var errors = new List<UserError>();
        foreach (var id in ids)
        {
            try
            {
                objects.TryRead(Convert.FromHexString(id));
            }
            catch (UserError error)
            {
                errors.Add(error);
            }
        }

        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Contains(pack, error.Message));
    }

    [Fact]
    public void A_pack_cut_short_is_a_user_error_naming_the_pack()
    {
        using var repo = ObjectDatabaseSpecs.RepoWithHistory();
        var (pack, ids) = PackEverything(repo);
        File.WriteAllBytes(pack, File.ReadAllBytes(pack)[..1000]);
        using var objects = OpenObjects(repo);

        var error = Assert.Throws<UserError>(() => ids.Select(id => objects.TryRead(Convert.FromHexString(id))).ToArray());

        Assert.Contains(pack, error.Message);
    }

    [Fact]
    public void Check_exits_2_without_a_stack_trace_when_a_staged_blob_is_damaged()
    {
        using var repo = new TempGitRepo();
        repo.WriteFile("requirements.txt", string.Concat(Enumerable.Range(0, 200).Select(i => $"package{i}=={i}.0\n")));
        repo.GitOk("add", "requirements.txt");
        var file = Truncate(repo, repo.GitOk("rev-parse", ":requirements.txt").Trim());

        var result = HookGuardExecutable.Run(repo, ["check"]);

        Assert.Equal(2, result.ExitCode);
        Commit.UserFacing.AssertNoStackTrace(result);
        Assert.Contains(file, result.StandardError);
    }

    private static string Truncate(TempGitRepo repo, string id)
    {
        var file = Path.Combine(repo.WorkTree, ".git", "objects", id[..2], id[2..]);
        File.SetAttributes(file, FileAttributes.Normal);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        return file;
    }

    private static StagedIndex Open(TempGitRepo repo) =>
        StagedIndex.Open(RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>()), new Dictionary<string, string>(), repo.WorkTree);

    /// <summary>Packs every object of <paramref name="repo"/> into one writable pack: its path, and the ids of all objects.</summary>
    private static (string Pack, string[] Ids) PackEverything(TempGitRepo repo)
    {
        repo.GitOk("gc", "--quiet", "--prune=now");
        var ids = GitObjectDump.All(repo).Keys.ToArray();
        var pack = Directory.GetFiles(Path.Combine(repo.WorkTree, ".git", "objects", "pack"), "*.pack").Single();
        File.SetAttributes(pack, FileAttributes.Normal);
        return (pack, ids);
    }

    private static ObjectDatabase OpenObjects(TempGitRepo repo) =>
        ObjectDatabase.Open(RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>()), new Dictionary<string, string>(), repo.WorkTree);
}
