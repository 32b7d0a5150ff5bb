using HookGuard.Git;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>
/// The staged-change reader against git itself on generated trees and changes: names that sort around '/', nested
/// directories replaced by files and back, symlinks, mode changes, deletions of whole directories, index versions 2-4.
/// </summary>
public sealed class StagedDiffDifferentialSpecs
{
    private static readonly string[] Names = ["a", "a.b", "a-b", "a0", "b", "ü", "sp ace", "requirements.txt"];

    [Theory]
    [InlineData(1, 2, "loose")]
    [InlineData(2, 3, "loose")]
    [InlineData(3, 4, "gc")]
    [InlineData(4, 2, "gc")]
    [InlineData(5, 4, "ref-deltas")]
    [InlineData(6, 3, "ref-deltas")]
    public void Lists_the_same_changes_as_git_diff_cached(int seed, int indexVersion, string layout)
    {
        var random = new Random(seed);
        using var repo = new TempGitRepo();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            files[RandomPath(random)] = $"content {random.Next(5)}\n";
        }

        WriteTree(repo, files);
        repo.GitOk("add", "-A");
        repo.GitOk("commit", "--quiet", "--no-verify", "-m", "base");
        Pack(repo, layout);
        repo.GitOk("update-index", "--index-version", indexVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));

        for (var i = 0; i < 12; i++)
        {
            var path = files.Keys.ElementAt(random.Next(files.Count));
            switch (random.Next(5))
            {
                case 0:
                    File.Delete(Path.Combine(repo.WorkTree, path));
                    files.Remove(path);
                    break;
                case 1:
                    files[path] = $"changed {i}\n";
                    repo.WriteFile(path, files[path]);
                    break;
                case 2 when !OperatingSystem.IsWindows():
                    File.SetUnixFileMode(Path.Combine(repo.WorkTree, path), (UnixFileMode)Convert.ToInt32("755", 8));
                    break;
                case 3 when !OperatingSystem.IsWindows():
                    File.Delete(Path.Combine(repo.WorkTree, path));
                    File.CreateSymbolicLink(Path.Combine(repo.WorkTree, path), "target");
                    files.Remove(path); // never written through afterwards
                    break;
                default:
                    var added = RandomPath(random);
                    if (!files.Keys.Any(existing => existing.StartsWith(added + "/", StringComparison.Ordinal) || added.StartsWith(existing + "/", StringComparison.Ordinal)))
                    {
                        files[added] = "added\n";
                        repo.WriteFile(added, "added\n");
                    }

                    break;
            }
        }

        // Replace a whole directory by a file: git must see every file under it deleted.
        var directory = files.Keys.Where(path => path.Contains('/')).Select(path => path[..path.IndexOf('/')]).FirstOrDefault();
        if (directory is not null)
        {
            Directory.Delete(Path.Combine(repo.WorkTree, directory), recursive: true);
            repo.WriteFile(directory, "now a file\n");
        }

        repo.GitOk("add", "-A");

        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
        using var index = StagedIndex.Open(location, location.DefaultIndexFile);
        var readers = index.ListStagedChanges();

        Assert.Equal(Sorted(GitsChanges(repo)), Sorted(readers));
        Assert.NotEmpty(readers);
    }

    [Fact]
    public void An_index_without_a_cache_tree_gives_the_same_answer()
    {
        using var repo = new TempGitRepo();
        repo.Commit("base", ("x/y/z.txt", "z\n"), ("x/w.txt", "w\n"), ("top.txt", "t\n"));
        repo.WriteFile("x/y/z.txt", "changed\n");
        // read-tree without --index-output keeps no cache tree for the changed directories; rm --cached drops it too.
        repo.GitOk("add", "x/y/z.txt");
        repo.GitOk("rm", "--cached", "--quiet", "top.txt");

        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
        using var index = StagedIndex.Open(location, location.DefaultIndexFile);

        Assert.Equal(Sorted(GitsChanges(repo)), Sorted(index.ListStagedChanges()));
    }

    [Theory]
    [InlineData("loose")]
    [InlineData("gc")]
    public void Submodules_and_symlinks_differ_as_git_says(string layout)
    {
        using var repo = new TempGitRepo();
        repo.Commit("first", ("a.txt", "a\n"));
        var first = repo.GitOk("rev-parse", "HEAD").Trim();
        repo.Commit("second", ("b.txt", "b\n"));
        var second = repo.GitOk("rev-parse", "HEAD").Trim();
        repo.GitOk("update-index", "--add", "--cacheinfo", $"160000,{first},sub/module");
        repo.GitOk("update-index", "--add", "--cacheinfo", $"160000,{first},becomes-file");
        repo.GitOk("update-index", "--add", "--cacheinfo", $"120000,{repo.GitOk("hash-object", "-w", "a.txt").Trim()},link");
        repo.GitOk("update-index", "--add", "--cacheinfo", $"160000,{first},gone");
        repo.GitOk("commit", "--quiet", "--no-verify", "-m", "gitlinks");
        Pack(repo, layout);

        repo.GitOk("update-index", "--cacheinfo", $"160000,{second},sub/module");
        repo.GitOk("update-index", "--force-remove", "becomes-file");
        repo.GitOk("update-index", "--add", "--cacheinfo", $"100644,{repo.GitOk("hash-object", "-w", "b.txt").Trim()},becomes-file");
        repo.GitOk("update-index", "--cacheinfo", $"100644,{repo.GitOk("hash-object", "-w", "a.txt").Trim()},link");
        repo.GitOk("update-index", "--force-remove", "gone");

        var location = RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
        using var index = StagedIndex.Open(location, location.DefaultIndexFile);

        Assert.Equal(Sorted(GitsChanges(repo)), Sorted(index.ListStagedChanges()));
        Assert.Equal(4, index.ListStagedChanges().Count);
    }

    /// <summary>Moves HEAD's objects into the layout under test, so the diff reads its trees from there.</summary>
    private static void Pack(TempGitRepo repo, string layout)
    {
        switch (layout)
        {
            case "gc":
                repo.GitOk("gc", "--quiet", "--aggressive", "--prune=now");
                break;
            case "ref-deltas":
                repo.GitOk("-c", "pack.useDeltaBaseOffset=false", "repack", "-adf", "--quiet");
                repo.GitOk("prune-packed");
                break;
        }
    }

    private static IReadOnlyList<StagedChange> GitsChanges(TempGitRepo repo)
    {
        var fields = repo.GitOk("diff", "--cached", "--no-renames", "--name-status", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var changes = new List<StagedChange>();
        for (var i = 0; i < fields.Length; i += 2)
        {
            changes.Add(new StagedChange(fields[i] switch
            {
                "A" => StagedChangeKind.Added,
                "M" => StagedChangeKind.Modified,
                "D" => StagedChangeKind.Deleted,
                "T" => StagedChangeKind.TypeChanged,
                var other => throw new InvalidOperationException($"Unexpected status {other}"),
            }, fields[i + 1]));
        }

        return changes;
    }

    private static IReadOnlyList<StagedChange> Sorted(IEnumerable<StagedChange> changes) =>
        changes.OrderBy(change => change.Path, StringComparer.Ordinal).ThenBy(change => change.Kind).ToArray();

    private static string RandomPath(Random random) =>
        string.Join('/', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Names[random.Next(Names.Length)]));

    private static void WriteTree(TempGitRepo repo, Dictionary<string, string> files)
    {
        // Drop paths that would need a file and a directory of the same name.
        foreach (var path in files.Keys.ToArray())
        {
            if (files.Keys.Any(other => other.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                files.Remove(path);
            }
        }

        foreach (var (path, content) in files)
        {
            repo.WriteFile(path, content);
        }
    }
}
