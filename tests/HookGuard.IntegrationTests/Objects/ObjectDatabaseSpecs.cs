using System.Security.Cryptography;
using HookGuard.Git;
using HookGuard.Git.Objects;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Objects;

/// <summary>
/// HookGuard's object reader against <c>git cat-file</c>, byte for byte, in every layout git writes: loose objects,
/// packs with deep OFS_DELTA chains, REF_DELTA packs, many packs, idx v1 and 64-bit offsets, alternates.
/// </summary>
public sealed class ObjectDatabaseSpecs
{
    [Fact]
    public void Reads_loose_objects_as_git_does()
    {
        using var repo = RepoWithHistory();

        AssertReadsEverythingGitReads(repo);
        Assert.Empty(Directory.GetFiles(Path.Combine(repo.WorkTree, ".git", "objects", "pack"), "*.pack"));
    }

    [Fact]
    public void Reads_an_aggressively_packed_repository_with_deep_delta_chains()
    {
        using var repo = RepoWithHistory();
        repo.GitOk("gc", "--quiet", "--aggressive", "--prune=now");

        AssertReadsEverythingGitReads(repo);
        var verify = repo.GitOk("verify-pack", "-v", Directory.GetFiles(Path.Combine(repo.WorkTree, ".git", "objects", "pack"), "*.idx").Single());
        Assert.Contains("chain length = 10", verify); // deltas of deltas, not just one level
    }

    [Fact]
    public void Reads_ref_deltas()
    {
        using var repo = RepoWithHistory();
        repo.GitOk("-c", "pack.useDeltaBaseOffset=false", "repack", "-adf", "--quiet");

        AssertReadsEverythingGitReads(repo);
    }

    [Fact]
    public void Reads_objects_spread_over_many_packs_and_loose_files()
    {
        using var repo = new TempGitRepo();
        for (var i = 0; i < 5; i++)
        {
            repo.Commit($"c{i}", ($"f{i}.txt", $"file {i}\n"), ("shared.txt", string.Concat(Enumerable.Repeat($"line {i}\n", 50 + i))));
            repo.GitOk("repack", "-d", "--quiet"); // a new pack of the new loose objects each time
        }

        repo.Commit("loose", ("loose.txt", "still loose\n"));

        Assert.True(Directory.GetFiles(Path.Combine(repo.WorkTree, ".git", "objects", "pack"), "*.pack").Length >= 5);
        AssertReadsEverythingGitReads(repo);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2,0x40")] // every offset past 0x40 goes through the table of 64-bit offsets
    public void Reads_packs_indexed_in_other_idx_layouts(string indexVersion)
    {
        using var repo = RepoWithHistory();
        repo.GitOk("gc", "--quiet", "--prune=now");
        var pack = Directory.GetFiles(Path.Combine(repo.WorkTree, ".git", "objects", "pack"), "*.pack").Single();
        var idx = Path.ChangeExtension(pack, ".idx");
        File.Delete(idx);
        repo.GitOk("index-pack", $"--index-version={indexVersion}", "-o", idx, pack);

        AssertReadsEverythingGitReads(repo);
    }

    [Fact]
    public void Reads_ref_deltas_whose_base_is_loose_or_in_another_pack()
    {
        using var repo = new TempGitRepo();
        var looseBase = RandomText(1, 3000);
        var packedBase = RandomText(2, 3000);
        repo.Commit("base", ("packed.txt", packedBase));
        repo.GitOk("repack", "-d", "--quiet");
        var packedId = repo.GitOk("rev-parse", "HEAD:packed.txt").Trim();
        repo.WriteFile("loose.txt", looseBase);
        var looseId = repo.GitOk("hash-object", "-w", "loose.txt").Trim();
        var objects = Path.Combine(repo.WorkTree, ".git", "objects");
        Assert.True(File.Exists(Path.Combine(objects, looseId[..2], looseId[2..])));

        // A pack of two REF_DELTAs, written by hand: git writes thin packs only to send them.
        var fromLoose = System.Text.Encoding.UTF8.GetBytes(looseBase + "appended to the loose one\n");
        var fromPacked = System.Text.Encoding.UTF8.GetBytes(packedBase + "appended to the packed one\n");
        var written = HandWrittenPack.WriteRefDeltas(Path.Combine(objects, "pack"), [
            (Convert.FromHexString(looseId), System.Text.Encoding.UTF8.GetBytes(looseBase), fromLoose),
            (Convert.FromHexString(packedId), System.Text.Encoding.UTF8.GetBytes(packedBase), fromPacked),
        ]);

        using var database = new ObjectDatabase([objects]);
        Assert.Equal(fromLoose, database.TryRead(written[0])!.Value.Data);
        Assert.Equal(fromPacked, database.TryRead(written[1])!.Value.Data);
        Assert.Equal(GitObjectType.Blob, database.TryRead(written[1])!.Value.Type);
    }

    [Fact]
    public void Reads_the_objects_of_alternates_and_their_alternates()
    {
        using var origin = RepoWithHistory();
        origin.GitOk("gc", "--quiet", "--prune=now");
        origin.Commit("loose in origin", ("origin-only.txt", "origin\n"));
        using var middle = new TempGitRepo(init: false);
        middle.GitOk("clone", "--quiet", "--shared", origin.WorkTree, ".");
        middle.Commit("loose in middle", ("middle-only.txt", "middle\n"));
        using var clone = new TempGitRepo(init: false);
        clone.GitOk("clone", "--quiet", "--shared", middle.WorkTree, ".");
        clone.Commit("own", ("own.txt", "own\n"));
        // A comment and a relative path are allowed too.
        var alternates = Path.Combine(clone.WorkTree, ".git", "objects", "info", "alternates");
        var relative = Path.GetRelativePath(Path.Combine(clone.WorkTree, ".git", "objects"), Path.Combine(middle.WorkTree, ".git", "objects"));
        File.WriteAllText(alternates, $"# borrowed\n{relative}\n");

        var directories = ObjectDirectories.Resolve(Locate(clone), new Dictionary<string, string>(), clone.WorkTree);

        Assert.Equal(3, directories.Count);
        AssertReadsEverythingGitReads(clone);
    }

    [Fact]
    public void Honours_the_object_directory_variables()
    {
        using var repo = new TempGitRepo();
        var location = Locate(repo);
        var elsewhere = Path.Combine(repo.Scratch, "objects");
        var extra = Path.Combine(repo.Scratch, "extra");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(extra);

        var directories = ObjectDirectories.Resolve(location, new Dictionary<string, string>
        {
            ["GIT_OBJECT_DIRECTORY"] = elsewhere,
            ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = extra + Path.PathSeparator + Path.Combine(repo.Scratch, "missing"),
        }, repo.WorkTree);

        Assert.Equal([elsewhere, extra], directories);
    }

    [Fact]
    public void An_index_whose_pack_is_gone_is_skipped_as_git_skips_it()
    {
        using var repo = RepoWithHistory();
        repo.GitOk("gc", "--quiet", "--prune=now");
        var pack = Directory.GetFiles(Path.Combine(repo.WorkTree, ".git", "objects", "pack"), "*.idx").Single();
        // A leftover of an interrupted repack: an index naming objects of a pack that is not there.
        File.Copy(pack, Path.Combine(Path.GetDirectoryName(pack)!, "pack-0000000000000000000000000000000000000000.idx"));
        File.SetLastWriteTimeUtc(Path.Combine(Path.GetDirectoryName(pack)!, "pack-0000000000000000000000000000000000000000.idx"), DateTime.UtcNow.AddDays(1));

        AssertReadsEverythingGitReads(repo);
    }

    [Fact]
    public void An_unknown_id_is_not_found()
    {
        using var repo = RepoWithHistory();
        repo.GitOk("gc", "--quiet");
        using var database = ObjectDatabase.Open(Locate(repo), new Dictionary<string, string>(), repo.WorkTree);

        Assert.Null(database.TryRead(new byte[20]));
        Assert.Null(database.TryRead(Enumerable.Repeat((byte)0xFF, 20).ToArray()));
    }

    internal static TempGitRepo RepoWithHistory()
    {
        var repo = new TempGitRepo();
        var random = new Random(7);
        var big = new byte[1_500_000];
        random.NextBytes(big);
        repo.WriteFile("big.bin", "");
        File.WriteAllBytes(Path.Combine(repo.WorkTree, "big.bin"), big);
        var lines = Enumerable.Range(0, 300).Select(i => $"line {i} {random.Next()}").ToList();
        for (var version = 0; version < 30; version++)
        {
            lines[random.Next(lines.Count)] = $"changed in {version}";
            lines.Insert(random.Next(lines.Count), $"inserted in {version}");
            repo.WriteFile("grows.txt", string.Join('\n', lines) + "\n");
            repo.WriteFile($"dir{version % 4}/sub/file{version % 7}.txt", $"version {version}\n");
            repo.GitOk("add", "-A");
            repo.GitOk("commit", "--quiet", "--no-verify", "-m", $"version {version}");
            if (version % 10 == 9)
            {
                repo.GitOk("tag", "-a", $"v{version}", "-m", $"tag {version}");
            }
        }

        return repo;
    }

    private static void AssertReadsEverythingGitReads(TempGitRepo repo)
    {
        var expected = GitObjectDump.All(repo);
        using var database = ObjectDatabase.Open(Locate(repo), new Dictionary<string, string>(), repo.WorkTree);
        Assert.NotEmpty(expected);
        foreach (var (id, (type, data)) in expected)
        {
            var found = database.TryRead(Convert.FromHexString(id));
            Assert.True(found is not null, $"{id} ({type}) not found");
            Assert.Equal(type, found.Value.Type.Name());
            Assert.True(data.AsSpan().SequenceEqual(found.Value.Data), $"{id} ({type}) differs");
        }
    }

    private static string RandomText(int seed, int lines)
    {
        var random = new Random(seed);
        return string.Concat(Enumerable.Range(0, lines).Select(i => $"{i} {random.Next()}\n"));
    }

    private static RepositoryLocation Locate(TempGitRepo repo) => RepositoryLocator.Locate(repo.WorkTree, new Dictionary<string, string>());
}

/// <summary>Writes a pack of REF_DELTA entries and its v2 idx, the way a thin pack looks before <c>index-pack --fix-thin</c>.</summary>
internal static class HandWrittenPack
{
    /// <summary>Writes one REF_DELTA per (base id, base, target): copy the whole base, insert the rest of the target.</summary>
    /// <returns>The ids of the targets, in order.</returns>
    public static byte[][] WriteRefDeltas(string packDirectory, IReadOnlyList<(byte[] BaseId, byte[] Base, byte[] Target)> deltas)
    {
        using var pack = new MemoryStream();
        pack.Write("PACK"u8);
        pack.Write([0, 0, 0, 2, 0, 0, 0, (byte)deltas.Count]);
        var entries = new List<(byte[] Id, long Offset)>();
        foreach (var (baseId, source, target) in deltas)
        {
            var delta = new MemoryStream();
            WriteSize(delta, source.Length);
            WriteSize(delta, target.Length);
            // copy(offset 0, size = source.Length): offset bytes none, size in up to 3 bytes
            delta.WriteByte(0x80 | 0x10 | 0x20 | 0x40);
            delta.Write([(byte)source.Length, (byte)(source.Length >> 8), (byte)(source.Length >> 16)]);
            var rest = target.AsSpan(source.Length);
            while (!rest.IsEmpty)
            {
                var chunk = Math.Min(rest.Length, 127);
                delta.WriteByte((byte)chunk);
                delta.Write(rest[..chunk]);
                rest = rest[chunk..];
            }

            var header = System.Text.Encoding.ASCII.GetBytes($"blob {target.Length}\0");
            entries.Add((SHA1.HashData([.. header, .. target]), pack.Position));
            var size = delta.Length;
            // Entry header: continuation bit, type 7 (REF_DELTA), the size's low 4 bits, then 7 bits per byte.
            pack.WriteByte((byte)((size > 0x0F ? 0x80 : 0) | (7 << 4) | (int)(size & 0x0F)));
            size >>= 4;
            while (size > 0)
            {
                pack.WriteByte((byte)((size > 0x7F ? 0x80 : 0) | (int)(size & 0x7F)));
                size >>= 7;
            }

            pack.Write(baseId);
            using (var zlib = new System.IO.Compression.ZLibStream(pack, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(delta.ToArray());
            }
        }

        var packChecksum = SHA1.HashData(pack.ToArray());
        pack.Write(packChecksum);
        var name = Convert.ToHexStringLower(packChecksum);
        File.WriteAllBytes(Path.Combine(packDirectory, $"pack-{name}.pack"), pack.ToArray());

        var sorted = entries.OrderBy(entry => Convert.ToHexStringLower(entry.Id), StringComparer.Ordinal).ToArray();
        using var idx = new MemoryStream();
        idx.Write([0xFF, (byte)'t', (byte)'O', (byte)'c', 0, 0, 0, 2]);
        for (var i = 0; i < 256; i++)
        {
            WriteUInt32(idx, (uint)sorted.Count(entry => entry.Id[0] <= i));
        }

        foreach (var entry in sorted)
        {
            idx.Write(entry.Id);
        }

        foreach (var entry in sorted)
        {
            WriteUInt32(idx, 0); // CRC32s: not read by HookGuard
        }

        foreach (var entry in sorted)
        {
            WriteUInt32(idx, (uint)entry.Offset);
        }

        idx.Write(packChecksum);
        idx.Write(SHA1.HashData(idx.ToArray()));
        File.WriteAllBytes(Path.Combine(packDirectory, $"pack-{name}.idx"), idx.ToArray());
        return entries.Select(entry => entry.Id).ToArray();
    }

    private static void WriteSize(Stream stream, long size)
    {
        do
        {
            var next = (byte)(size & 0x7F);
            size >>= 7;
            stream.WriteByte(size > 0 ? (byte)(next | 0x80) : next);
        }
        while (size > 0);
    }

    private static void WriteUInt32(Stream stream, uint value) =>
        stream.Write([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
