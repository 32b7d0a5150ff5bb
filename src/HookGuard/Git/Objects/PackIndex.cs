using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace HookGuard.Git.Objects;

/// <summary>
/// A pack's <c>.idx</c> file, version 1 or 2 (gitformat-pack(5)), read lazily: the 256-entry fanout table once, then
/// per lookup only the names that share the id's first byte, binary-searched, and the one offset. A lookup costs two
/// or three positional reads whatever the size of the pack.
/// </summary>
internal sealed class PackIndex : IDisposable
{
    private const int IdLength = 20;
    private static ReadOnlySpan<byte> V2Magic => [0xFF, (byte)'t', (byte)'O', (byte)'c'];

    private readonly SafeFileHandle _handle;
    private readonly int[] _fanout = new int[256];
    private readonly long _fileLength;
    private readonly int _version;

    private PackIndex(string file, SafeFileHandle handle)
    {
        File = file;
        _handle = handle;
        _fileLength = RandomAccess.GetLength(handle);
        Span<byte> head = stackalloc byte[8 + (256 * 4)];
        var read = RandomAccess.Read(handle, head, 0);
        _version = read >= 8 && head[..4].SequenceEqual(V2Magic) ? (int)BinaryPrimitives.ReadUInt32BigEndian(head[4..]) : 1;
        if (_version is not (1 or 2))
        {
            throw ObjectStoreErrors.Damaged(file, $"its version {_version} is not one HookGuard reads (1 or 2)");
        }

        var fanoutStart = _version == 2 ? 8 : 0;
        if (read < fanoutStart + (256 * 4))
        {
            throw ObjectStoreErrors.Damaged(file, "it ends inside its fanout table");
        }

        var previous = 0;
        for (var i = 0; i < 256; i++)
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(head[(fanoutStart + (i * 4))..]);
            if (count < previous || count > int.MaxValue / IdLength)
            {
                throw ObjectStoreErrors.Damaged(file, "its fanout table is not sorted");
            }

            _fanout[i] = previous = (int)count;
        }

        var expected = _version == 2
            ? 8 + (256 * 4) + ((long)Count * (IdLength + 4 + 4)) + (2 * IdLength)
            : (256 * 4) + ((long)Count * (IdLength + 4)) + (2 * IdLength);
        if (_fileLength < expected)
        {
            throw ObjectStoreErrors.Damaged(file, $"it is {_fileLength} bytes long, too short for {Count} objects");
        }
    }

    /// <summary>The <c>.idx</c> file.</summary>
    public string File { get; }

    /// <summary>How many objects the pack holds.</summary>
    public int Count => _fanout[255];

    /// <summary>Opens <paramref name="file"/> and reads its fanout table.</summary>
    /// <exception cref="Cli.UserError">The file cannot be read or is damaged.</exception>
    public static PackIndex Open(string file)
    {
        SafeFileHandle? handle = null;
        try
        {
            handle = System.IO.File.OpenHandle(file);
            return new PackIndex(file, handle);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            handle?.Dispose();
            throw ObjectStoreErrors.Unreadable(file, error);
        }
        catch
        {
            handle?.Dispose();
            throw;
        }
    }

    /// <summary>The offset in the <c>.pack</c> of the object <paramref name="id"/>, or <c>null</c> when the pack lacks it.</summary>
    public long? FindOffset(ReadOnlySpan<byte> id)
    {
        var first = id[0] == 0 ? 0 : _fanout[id[0] - 1];
        var end = _fanout[id[0]];
        if (first == end)
        {
            return null;
        }

        // The names sharing the first byte, in one read: about Count/256 ids. v2 keeps the names in a table of their
        // own; v1 keeps records of a 4-byte offset followed by the name.
        var stride = _version == 2 ? IdLength : 4 + IdLength;
        var nameAt = _version == 2 ? 0 : 4;
        var recordsStart = _version == 2 ? 8 + (256 * 4) + ((long)first * IdLength) : (256 * 4) + ((long)first * stride);
        var records = new byte[(end - first) * stride];
        Read(records, recordsStart);
        int low = 0, high = end - first;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var comparison = records.AsSpan((middle * stride) + nameAt, IdLength).SequenceCompareTo(id);
            if (comparison == 0)
            {
                return _version == 2 ? OffsetV2(first + middle) : BinaryPrimitives.ReadUInt32BigEndian(records.AsSpan(middle * stride));
            }

            if (comparison < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return null;
    }

    private long OffsetV2(int position)
    {
        var offsetsStart = 8 + (256 * 4) + ((long)Count * (IdLength + 4));
        Span<byte> word = stackalloc byte[8];
        Read(word[..4], offsetsStart + ((long)position * 4));
        var offset = BinaryPrimitives.ReadUInt32BigEndian(word);
        if ((offset & 0x8000_0000) == 0)
        {
            return offset;
        }

        // A pack over 2 GiB: the high bit selects an entry of the table of 64-bit offsets that follows.
        var large = offsetsStart + ((long)Count * 4) + ((long)(offset & 0x7FFF_FFFF) * 8);
        if (large + 8 > _fileLength - (2 * IdLength))
        {
            throw ObjectStoreErrors.Damaged(File, "a large offset points past its table");
        }

        Read(word, large);
        return checked((long)BinaryPrimitives.ReadUInt64BigEndian(word));
    }

    private void Read(Span<byte> buffer, long offset)
    {
        try
        {
            if (RandomAccess.Read(_handle, buffer, offset) != buffer.Length)
            {
                throw ObjectStoreErrors.Damaged(File, "it ends early");
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw ObjectStoreErrors.Unreadable(File, error);
        }
    }

    public void Dispose() => _handle.Dispose();
}
