using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using HookGuard.Cli;
using HookGuard.Git.Objects;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Objects;

/// <summary>
/// Packs written by hand that no git writes: size headers and deltas that claim gigabytes, and REF_DELTA cycles. Each is
/// a <see cref="UserError"/> naming the pack, within a bounded allocation and without exhausting the stack.
/// </summary>
public sealed class HostilePackSpecs : IDisposable
{
    private const long AllocationLimit = 64L << 20;
    private readonly TempGitRepo _repo = new();

    private static readonly byte[] A = [.. Enumerable.Repeat((byte)0xAA, 20)];
    private static readonly byte[] B = [.. Enumerable.Repeat((byte)0xBB, 20)];

    [Fact]
    public void A_delta_claiming_a_result_of_almost_2_GB_is_damage_not_a_2_GB_allocation()
    {
        // Base "abc"; the delta says base 3 bytes, result 0x7FFFFF00 bytes, then copies the 3 bytes once.
        byte[] delta = [0x03, .. Varint(0x7FFFFF00), 0x90, 0x03];
        var pack = WritePack(
            (A, Entry(3, 3, Deflate("abc"u8.ToArray()))),
            (B, Entry(7, delta.Length, [.. A, .. Deflate(delta)])));

        AssertDamagedWithin(pack, B);
    }

    [Fact]
    public void A_blob_whose_size_header_claims_4_GB_is_damage()
    {
        var pack = WritePack((A, Entry(3, 4L << 30, Deflate("abc"u8.ToArray()))));

        AssertDamagedWithin(pack, A);
    }

    [Fact]
    public void A_blob_claiming_2_GB_in_a_large_pack_costs_what_its_data_holds()
    {
        // Found by reading the inflater's bound: the rest of the pack (here 3 MB of incompressible bytes in a second
        // entry) times deflate's 1032:1 limit made the 3-byte blob's claim believable and allocated 2 GB at once.
        var noise = new byte[3_000_000];
        new Random(11).NextBytes(noise);
        var pack = WritePack(
            (A, Entry(3, 0x7FFFFF00, Deflate("abc"u8.ToArray()))),
            (B, Entry(3, noise.Length, Deflate(noise))));

        AssertDamagedWithin(pack, A);
    }

    [Fact]
    public async Task A_cycle_of_ref_deltas_is_damage_not_a_stack_overflow()
    {
        byte[] delta = [0x03, 0x03, 0x90, 0x03];
        var pack = WritePack(
            (A, Entry(7, delta.Length, [.. B, .. Deflate(delta)])),
            (B, Entry(7, delta.Length, [.. A, .. Deflate(delta)])));

        // A thread-pool thread's stack (1.5 MB), smaller than the main thread's: where the hook's reads may run.
        await Task.Run(() => AssertDamagedWithin(pack, A)).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private void AssertDamagedWithin(string pack, byte[] id)
    {
        using var database = new ObjectDatabase([Path.Combine(_repo.WorkTree, ".git", "objects")]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<UserError>(() => database.TryRead(id));

        Assert.Contains(pack, error.Message, StringComparison.Ordinal);
        Assert.Contains("is damaged", error.Message, StringComparison.Ordinal);
        var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(used < AllocationLimit, $"allocated {used:N0} bytes");
    }

    /// <summary>A version 2 pack of <paramref name="entries"/> and its version 2 index (ids need not be the entries' hashes: HookGuard does not check them).</summary>
    private string WritePack(params (byte[] Id, byte[] Entry)[] entries)
    {
        var pack = new List<byte>("PACK"u8.ToArray());
        pack.AddRange(BigEndian(2));
        pack.AddRange(BigEndian((uint)entries.Length));
        var offsets = new Dictionary<byte[], uint>();
        foreach (var (id, entry) in entries)
        {
            offsets[id] = (uint)pack.Count;
            pack.AddRange(entry);
        }

        var packHash = SHA1.HashData([.. pack]);
        pack.AddRange(packHash);

        var sorted = entries.Select(e => e.Id).OrderBy(Convert.ToHexString, StringComparer.Ordinal).ToArray();
        var idx = new List<byte>([0xFF, (byte)'t', (byte)'O', (byte)'c']);
        idx.AddRange(BigEndian(2));
        for (var first = 0; first < 256; first++)
        {
            idx.AddRange(BigEndian((uint)sorted.Count(id => id[0] <= first)));
        }

        foreach (var id in sorted) idx.AddRange(id);
        foreach (var _ in sorted) idx.AddRange(BigEndian(0));
        foreach (var id in sorted) idx.AddRange(BigEndian(offsets[id]));
        idx.AddRange(packHash);
        idx.AddRange(SHA1.HashData([.. idx]));

        var directory = Directory.CreateDirectory(Path.Combine(_repo.WorkTree, ".git", "objects", "pack")).FullName;
        var name = Path.Combine(directory, $"pack-{Convert.ToHexStringLower(packHash)}");
        File.WriteAllBytes(name + ".pack", [.. pack]);
        File.WriteAllBytes(name + ".idx", [.. idx]);
        return name + ".pack";
    }

    /// <summary>A pack entry header (type in bits 4-6, size in 4 then 7 bits a byte) followed by <paramref name="body"/>.</summary>
    private static byte[] Entry(int type, long size, byte[] body)
    {
        var header = new List<byte>();
        var first = (byte)((type << 4) | (int)(size & 0x0F));
        size >>= 4;
        header.Add((byte)(first | (size != 0 ? 0x80 : 0)));
        while (size != 0)
        {
            var next = (byte)(size & 0x7F);
            size >>= 7;
            header.Add((byte)(next | (size != 0 ? 0x80 : 0)));
        }

        return [.. header, .. body];
    }

    /// <summary>A delta's little-endian base-128 size.</summary>
    private static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        do
        {
            var next = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add((byte)(next | (value != 0 ? 0x80 : 0)));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Deflate(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var deflate = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(payload);
        }

        return output.ToArray();
    }

    public void Dispose() => _repo.Dispose();
}
