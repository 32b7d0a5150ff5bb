using System.Buffers.Binary;
using System.IO.Compression;
using HookGuard.Git;
using HookGuard.Git.Objects;

namespace HookGuard.Fuzz;

/// <summary>
/// The git readers, on files the way they meet them: the index as a file, a pack beside the real <c>.idx</c> git
/// wrote for it, a loose object in an objects directory, tree objects and deltas as bytes. Seeds are the files of
/// a real repository that <c>fuzz/run.sh</c> makes with git (<see cref="RepositoryVariable"/>).
/// </summary>
internal static class GitTargets
{
    /// <summary>The git directory (<c>.git</c>) of the repository fuzz/run.sh made: a pack, its index, and the git index.</summary>
    public const string RepositoryVariable = "HOOKGUARD_FUZZ_GIT";

    private static readonly Lazy<string> Scratch = new(() => Directory.CreateTempSubdirectory("hookguard-fuzz-").FullName);

    /// <summary>The real pack index and the ids it lists, read once per process.</summary>
    private static readonly Lazy<(byte[] Index, byte[][] Ids)> PackIndex = new(() =>
    {
        var index = File.ReadAllBytes(Directory.GetFiles(Path.Combine(Repository, "objects", "pack"), "pack-*.idx").Single());
        // .idx v2: magic, version, 256 fan-out counts (the last is the object count), then the sorted 20-byte ids.
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(8 + 255 * 4));
        var ids = Enumerable.Range(0, count).Select(i => index.AsSpan(8 + 256 * 4 + i * 20, 20).ToArray()).ToArray();
        return (index, ids);
    });

    private static readonly byte[] LooseId = Convert.FromHexString("ce013625030ba8dba906f756967f9e9ca394464a");

    private static string Repository =>
        Environment.GetEnvironmentVariable(RepositoryVariable) is { Length: > 0 } directory
            ? directory
            : throw new InvalidOperationException($"{RepositoryVariable} must name the .git directory of a repository with one pack (fuzz/run.sh makes it).");

    public static void ReadIndex(byte[] bytes)
    {
        var file = Path.Combine(Scratch.Value, "index");
        File.WriteAllBytes(file, bytes);
        ParserErrors.Git(file, () => IndexFileParser.Read(file, Scratch.Value));
    }

    public static IEnumerable<byte[]> IndexSeeds() =>
        Directory.GetFiles(Repository, "index*").Select(File.ReadAllBytes);

    /// <summary>The first byte picks the reader: a tree object, a delta (its source's length next), a pack, a loose object.</summary>
    public static void ReadObject(byte[] bytes)
    {
        if (bytes.Length == 0) return;
        var payload = bytes.AsSpan(1);
        switch (bytes[0] % 4)
        {
            case 0:
                InvalidData(payload.ToArray(), tree => TreeParser.Parse(tree));
                break;
            case 1:
                var sourceLength = payload.Length == 0 ? 0 : Math.Min(payload[0], payload.Length - 1);
                var source = payload.Length == 0 ? [] : payload.Slice(1, sourceLength).ToArray();
                var delta = payload.Length == 0 ? [] : payload[(1 + sourceLength)..].ToArray();
                InvalidData(delta, d => Delta.Apply(source, d));
                break;
            case 2:
                ReadPack(payload.ToArray());
                break;
            default:
                ReadLoose(payload.ToArray());
                break;
        }
    }

    /// <summary>The payload as the pack beside the real .idx; every object the .idx lists is read.</summary>
    private static void ReadPack(byte[] pack)
    {
        var objects = Path.Combine(Scratch.Value, "pack-objects");
        var packDirectory = Directory.CreateDirectory(Path.Combine(objects, "pack")).FullName;
        var packFile = Path.Combine(packDirectory, "pack-fuzz.pack");
        File.WriteAllBytes(Path.Combine(packDirectory, "pack-fuzz.idx"), PackIndex.Value.Index);
        File.WriteAllBytes(packFile, pack);
        ParserErrors.Git(packFile, () =>
        {
            using var database = new ObjectDatabase([objects]);
            foreach (var id in PackIndex.Value.Ids)
            {
                database.TryRead(id);
            }
        });
    }

    /// <summary>The payload deflated into a loose object's file, so that the header parser meets the damage, not zlib.</summary>
    private static void ReadLoose(byte[] payload)
    {
        var objects = Path.Combine(Scratch.Value, "loose-objects");
        var hex = Convert.ToHexStringLower(LooseId);
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(objects, hex[..2])).FullName, hex[2..]);
        using (var output = File.Create(file))
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
        {
            zlib.Write(payload);
        }

        ParserErrors.Git(file, () =>
        {
            using var database = new ObjectDatabase([objects]);
            database.TryRead(LooseId);
        });
    }

    public static IEnumerable<byte[]> ObjectSeeds()
    {
        var trees = Directory.GetFiles(Repository, "tree-*").Select(File.ReadAllBytes);
        var pack = File.ReadAllBytes(Directory.GetFiles(Path.Combine(Repository, "objects", "pack"), "pack-*.pack").Single());
        byte[] delta = [1, 11, .. "hello world"u8, 11, 7, 0x90, 5, 2, (byte)'!', (byte)'?'];
        return
        [
            .. trees.Select(tree => (byte[])[0, .. tree]),
            delta,
            [2, .. pack],
            [3, .. "blob 12\0hello world\n"u8],
            [3, .. "tree 0\0"u8],
        ];
    }

    /// <summary>The tree and delta readers' contract: a result, or <see cref="InvalidDataException"/> (the object database names the file).</summary>
    private static void InvalidData(byte[] input, Action<byte[]> read)
    {
        try
        {
            read(input);
        }
        catch (InvalidDataException)
        {
        }
    }
}
