using CsCheck;
using HookGuard.Cli;
using HookGuard.Git;
using HookGuard.Git.Objects;
using HookGuard.IntegrationTests.Fixtures;
using HookGuard.IntegrationTests.Objects;
using HookGuard.Tests.Fuzzing;

namespace HookGuard.IntegrationTests.Fuzzing;

/// <summary>
/// HookGuard's own git readers on damaged input: real index files (versions 2, 3 and 4, with a cache-tree, written by
/// git) and real tree objects, mutated (<see cref="HostileBytes"/>), and random deltas. The index reader returns
/// entries or a <see cref="UserError"/> naming the file; the tree and delta readers return or throw
/// <see cref="InvalidDataException"/>, which the object database turns into a <see cref="UserError"/> naming the object
/// file. Nothing else escapes.
/// </summary>
public sealed class GitReaderFuzzSpecs : IDisposable
{
    private readonly TempGitRepo _repo = new();
    private readonly List<byte[]> _indexes = [];
    private readonly List<byte[]> _trees = [];

    public GitReaderFuzzSpecs()
    {
        for (var i = 0; i < 6; i++) _repo.WriteFile($"dir{i % 3}/sub/file{i}.txt", $"content {i}\n");
        _repo.WriteFile("requirements.txt", "alpha==1.0\n");
        _repo.GitOk("add", "--all");
        _repo.GitOk("commit", "-q", "-m", "seed");
        // A cache-tree (TREE extension) as a commit leaves it, an intent-to-add entry (extended flags, so version 3),
        // then the same index in every version git writes.
        _repo.WriteFile("new.txt", "new\n");
        _repo.GitOk("add", "--intent-to-add", "--", "new.txt");
        foreach (var version in new[] { "2", "3", "4" })
        {
            _repo.GitOk("update-index", "--index-version", version);
            _indexes.Add(File.ReadAllBytes(Path.Combine(_repo.WorkTree, ".git", "index")));
        }
        _trees.AddRange(GitObjectDump.All(_repo).Values.Where(o => o.Type == "tree").Select(o => o.Data));
    }

    [Fact]
    public void A_damaged_index_reads_or_is_a_user_error_naming_it()
    {
        var file = Path.Combine(_repo.Scratch, "index");
        HostileBytes.From([.. _indexes]).Sample(bytes =>
        {
            File.WriteAllBytes(file, bytes);
            try
            {
                IndexFileParser.Read(file, _repo.Scratch);
            }
            catch (UserError error)
            {
                Assert.Contains(file, error.Message);
            }
            catch (OwnReaderCannotReadException)
            {
                // An extension HookGuard's reader leaves to git (StagedIndex then asks git, which judges the file).
            }
        }, iter: FuzzBudget.Iterations, threads: 1);
    }

    /// <summary>An index of no entries ("DIRC", version 2, the count) followed by <paramref name="extensions"/> and a hash.</summary>
    private static byte[] Index(uint count, byte[] extensions)
    {
        var header = new byte[12];
        "DIRC"u8.CopyTo(header);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), count);
        return [.. header, .. extensions, .. new byte[20]];
    }

    private static byte[] Extension(string signature, byte[] body, uint? size = null)
    {
        var head = new byte[8];
        System.Text.Encoding.ASCII.GetBytes(signature).CopyTo(head, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(4), size ?? (uint)body.Length);
        return [.. head, .. body];
    }

    public static TheoryData<string, byte[]> DamagedIndexes => new()
    {
        // Found by the fuzzer: an extension size past 31 bits escaped as an OverflowException ("internal error").
        { "an extension of 3 GB", Index(0, Extension("TREE", [], size: 0xC0000000)) },
        { "a count of 2^31 - 1 entries", Index(0x7FFFFFFF, []) },
        { "a cache-tree 100,000 deep", Index(0, Extension("TREE", [.. Enumerable.Repeat("\0-1 1\n"u8.ToArray(), 100_000).SelectMany(b => b)])) },
        { "a cache-tree count that is not a number", Index(0, Extension("TREE", [.. "\0x 0\n"u8])) },
    };

    [Theory]
    [MemberData(nameof(DamagedIndexes))]
    public void A_damaged_index_is_a_user_error_not_a_crash_nor_gigabytes(string damage, byte[] bytes)
    {
        var file = Path.Combine(_repo.Scratch, "index");
        File.WriteAllBytes(file, bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<UserError>(() => IndexFileParser.Read(file, _repo.Scratch));

        Assert.Contains("is damaged", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 64 << 20, $"{damage}: allocated {GC.GetAllocatedBytesForCurrentThread() - allocated:N0} bytes");
    }

    [Fact]
    public void A_damaged_tree_object_parses_or_is_invalid_data() =>
        HostileBytes.From([.. _trees]).Sample(bytes =>
        {
            try
            {
                TreeParser.Parse(bytes);
            }
            catch (InvalidDataException)
            {
            }
        }, iter: FuzzBudget.Iterations, threads: 1);

    [Fact]
    public void A_random_delta_applies_or_is_invalid_data() =>
        Gen.Select(Gen.Byte.Array[0, 64], HostileBytes.From([0x10, 0x20, 0x90, 0x10, 0x05, 0x02, 0x61, 0x62])).Sample((source, delta) =>
        {
            try
            {
                Delta.Apply(source, delta);
            }
            catch (InvalidDataException)
            {
            }
        }, iter: FuzzBudget.Iterations, threads: 1);

    public void Dispose() => _repo.Dispose();
}
