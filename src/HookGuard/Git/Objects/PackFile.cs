using Microsoft.Win32.SafeHandles;

namespace HookGuard.Git.Objects;

/// <summary>
/// One packfile (<c>pack-*.pack</c> with its <c>.idx</c>; gitformat-pack(5)). Both files are opened on first use and
/// read with positional reads: a lookup never reads more of the pack than the entries it needs.
/// </summary>
internal sealed class PackFile(string indexFile) : IDisposable
{
    private const int OfsDelta = 6;
    private const int RefDelta = 7;

    /// <summary>Longest delta chain followed before the pack is called damaged (git's own chains stay under 5000).</summary>
    private const int MaxChain = 10_000;

    /// <summary>
    /// Deepest nesting of REF_DELTA base lookups. Each is a recursion (the base may sit in another pack or be loose),
    /// so the bound is the stack's, not the chain's: a REF_DELTA cycle reached 10,000 levels and overflowed a 1.5 MB
    /// thread stack. OFS_DELTA chains, which git writes by default, are followed in a loop and bounded by MaxChain.
    /// </summary>
    private const int MaxRefDeltaNesting = 1_000;

    private readonly string _packFile = Path.ChangeExtension(indexFile, ".pack");
    private PackIndex? _index;
    private SafeFileHandle? _pack;
    private long _packLength;

    private PackIndex Index => _index ??= PackIndex.Open(indexFile);

    /// <summary>Whether this pack holds <paramref name="id"/>, and where.</summary>
    public long? FindOffset(ReadOnlySpan<byte> id) => Index.FindOffset(id);

    /// <summary>Reads the object at <paramref name="offset"/>, resolving deltas.</summary>
    /// <param name="offset">From <see cref="FindOffset"/>.</param>
    /// <param name="database">Where the base of a REF_DELTA is looked up (it may be in another pack, or loose).</param>
    /// <param name="depth">How many deltas led here (guards against a cycle of REF_DELTAs).</param>
    /// <param name="nesting">How many REF_DELTA base lookups enclose this read.</param>
    /// <exception cref="Cli.UserError">The pack cannot be read or is damaged.</exception>
    public GitObject Read(long offset, ObjectDatabase database, int depth, int nesting)
    {
        try
        {
            return Resolve(offset, database, depth, nesting);
        }
        catch (InvalidDataException error)
        {
            throw ObjectStoreErrors.Damaged(_packFile, error.Message, error);
        }
        catch (EndOfStreamException error)
        {
            throw ObjectStoreErrors.Damaged(_packFile, "it ends inside an entry", error);
        }
        catch (IOException error)
        {
            throw ObjectStoreErrors.Unreadable(_packFile, error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw ObjectStoreErrors.Unreadable(_packFile, error);
        }
    }

    private GitObject Resolve(long offset, ObjectDatabase database, int depth, int nesting)
    {
        if (_pack is null)
        {
            _pack = File.OpenHandle(_packFile);
            _packLength = RandomAccess.GetLength(_pack);
        }

        var deltas = new Stack<byte[]>();
        GitObject baseObject;
        while (true)
        {
            if (deltas.Count + depth > MaxChain)
            {
                throw new InvalidDataException($"a delta chain is longer than {MaxChain}");
            }

            var stream = new PositionalStream(_pack, offset);
            var (type, size) = ReadEntryHeader(stream);
            if (type is >= 1 and <= 4)
            {
                baseObject = new GitObject((GitObjectType)type, Inflater.Inflate(stream, size, _packLength - offset));
                break;
            }

            if (type == OfsDelta)
            {
                var baseOffset = offset - ReadBaseDistance(stream);
                if (baseOffset <= 0 || baseOffset >= offset)
                {
                    throw new InvalidDataException($"the delta at offset {offset} points outside the pack");
                }

                deltas.Push(Inflater.Inflate(stream, size, _packLength - offset));
                offset = baseOffset;
                continue;
            }

            if (type == RefDelta)
            {
                if (nesting >= MaxRefDeltaNesting)
                {
                    throw new InvalidDataException($"REF_DELTA bases nest deeper than {MaxRefDeltaNesting} (a cycle?) at offset {offset}");
                }

                var baseId = new byte[20];
                stream.ReadExactly(baseId);
                deltas.Push(Inflater.Inflate(stream, size, _packLength - offset));
                baseObject = database.TryRead(baseId, depth + deltas.Count, nesting + 1)
                    ?? throw new InvalidDataException($"the base {Convert.ToHexStringLower(baseId)} of the delta at offset {offset} is in no pack and not loose");
                break;
            }

            throw new InvalidDataException($"the entry at offset {offset} has the unknown type {type}");
        }

        var data = baseObject.Data;
        while (deltas.TryPop(out var delta))
        {
            data = Delta.Apply(data, delta);
        }

        return baseObject with { Data = data };
    }

    /// <summary>Type in bits 4-6 of the first byte, size in its low 4 bits then 7 bits per continuation byte.</summary>
    private static (int Type, long Size) ReadEntryHeader(Stream stream)
    {
        var current = NextByte(stream);
        var type = (current >> 4) & 7;
        long size = current & 0x0F;
        var shift = 4;
        while ((current & 0x80) != 0)
        {
            if (shift > 56)
            {
                throw new InvalidDataException("an entry's size does not fit 64 bits");
            }

            current = NextByte(stream);
            size |= (long)(current & 0x7F) << shift;
            shift += 7;
        }

        return (type, size);
    }

    /// <summary>OFS_DELTA's distance back to its base: base-128, big-endian, each continuation adding one (git's encoding).</summary>
    private static long ReadBaseDistance(Stream stream)
    {
        var current = NextByte(stream);
        long distance = current & 0x7F;
        while ((current & 0x80) != 0)
        {
            if (distance > (long.MaxValue >> 8))
            {
                throw new InvalidDataException("a delta's base offset does not fit 64 bits");
            }

            current = NextByte(stream);
            distance = ((distance + 1) << 7) | (long)(current & 0x7F);
        }

        return distance;
    }

    private static int NextByte(Stream stream)
    {
        var value = stream.ReadByte();
        return value >= 0 ? value : throw new InvalidDataException("it ends inside an entry header");
    }

    public void Dispose()
    {
        _index?.Dispose();
        _pack?.Dispose();
    }
}
