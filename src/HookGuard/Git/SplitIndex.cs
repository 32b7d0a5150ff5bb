using System.Buffers.Binary;
using HookGuard.Cli;

namespace HookGuard.Git;

/// <summary>
/// Merges a split index (core.splitIndex) with its shared index the way git's <c>merge_base_index</c> does
/// (gitformat-index(5), "Split index"): the <c>link</c> extension names <c>sharedindex.HASH</c> and carries two EWAH
/// bitmaps over the shared index's entries, a delete bitmap and a replace bitmap. A replaced entry takes, in order,
/// the split file's next nameless entry (keeping the shared entry's path); the split file's remaining entries are added.
/// </summary>
internal static class SplitIndex
{
    private const int HashLength = 20;

    public static ParsedIndex Merge(RawIndex split, ReadOnlyMemory<byte> link, string indexFile, string gitDir, Func<byte[], RawIndex> parse)
    {
        var body = link.Span;
        if (body.Length < HashLength)
        {
            throw IndexFileParser.Corrupt(indexFile, "its link extension is too short");
        }

        var baseId = body[..HashLength];
        if (!baseId.ContainsAnyExcept((byte)0))
        {
            // A null base: git wrote every entry into this file (e.g. right after 'git update-index --split-index').
            return Committed(split.Entries, split.Committed!, split.CacheTree);
        }

        var shared = parse(ReadShared(Convert.ToHexStringLower(baseId), indexFile, gitDir));
        var position = HashLength;
        var deleted = new HashSet<int>();
        var replaced = new HashSet<int>();
        if (position < body.Length)
        {
            EwahBits(body, ref position, indexFile, shared.Entries.Count, deleted.Add);
            EwahBits(body, ref position, indexFile, shared.Entries.Count, replaced.Add);
        }

        var entries = new List<IndexRecord>(shared.Entries.Count + split.Entries.Count);
        var committed = new List<bool>(entries.Capacity);
        var replacing = 0;
        for (var i = 0; i < shared.Entries.Count; i++)
        {
            var entry = shared.Entries[i];
            var isCommitted = shared.Committed![i];
            if (replaced.Contains(i))
            {
                if (replacing >= split.Entries.Count || !split.Entries[replacing].PathBytes.IsEmpty)
                {
                    throw IndexFileParser.Corrupt(indexFile, "its link extension replaces an entry it does not carry");
                }

                entry = split.Entries[replacing] with { PathBytes = entry.PathBytes };
                isCommitted = split.Committed![replacing];
                replacing++;
            }

            if (!deleted.Contains(i))
            {
                entries.Add(entry);
                committed.Add(isCommitted);
            }
        }

        for (var i = replacing; i < split.Entries.Count; i++)
        {
            if (split.Entries[i].PathBytes.IsEmpty)
            {
                throw IndexFileParser.Corrupt(indexFile, "an added entry of the split index has no path");
            }

            entries.Add(split.Entries[i]);
            committed.Add(split.Committed![i]);
        }

        return Committed(entries, committed, split.CacheTree);
    }

    private static ParsedIndex Committed(List<IndexRecord> entries, List<bool> committed, CacheTreeNode? cacheTree)
    {
        var kept = new List<IndexRecord>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (committed[i])
            {
                kept.Add(entries[i]);
            }
        }

        // Added entries follow the shared ones; git's order is by path bytes (one stage-0 entry per path here).
        kept.Sort((left, right) => left.PathBytes.Span.SequenceCompareTo(right.PathBytes.Span));
        return new ParsedIndex(kept, cacheTree, IsSplit: true);
    }

    /// <summary>git looks in the git dir first, then beside the index file (read-cache.c, <c>read_index_from</c>).</summary>
    private static byte[] ReadShared(string baseHex, string indexFile, string gitDir)
    {
        var name = "sharedindex." + baseHex;
        var candidates = new[] { Path.Combine(gitDir, name), Path.Combine(Path.GetDirectoryName(Path.GetFullPath(indexFile)) ?? gitDir, name) };
        foreach (var candidate in candidates)
        {
            try
            {
                return File.ReadAllBytes(candidate);
            }
            catch (Exception absent) when (absent is FileNotFoundException or DirectoryNotFoundException)
            {
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"Cannot read the shared index '{candidate}' of the split index '{indexFile}': {error.Message}", inner: error);
            }
        }

        throw IndexFileParser.Corrupt(indexFile, $"its shared index '{name}' is missing from '{gitDir}'");
    }

    /// <summary>
    /// Calls <paramref name="set"/> for each set bit of a serialized EWAH bitmap (ewah/ewah_io.c): bit count, word
    /// count, that many big-endian 64-bit words, last-RLW position. Each run-length word holds the running bit (bit 0),
    /// the run length in words (bits 1-32) and the number of literal words after it (bits 33-63).
    /// </summary>
    /// <param name="limit">The shared index's entry count: bits past it name nothing, and a hostile run length must not
    /// cost more than the entries it could name.</param>
    private static void EwahBits(ReadOnlySpan<byte> body, ref int position, string indexFile, int limit, Func<int, bool> set)
    {
        if (position + 8 > body.Length)
        {
            throw IndexFileParser.Corrupt(indexFile, "a bitmap of its link extension is cut short");
        }

        var bitCount = BinaryPrimitives.ReadUInt32BigEndian(body[position..]);
        var wordCount = BinaryPrimitives.ReadUInt32BigEndian(body[(position + 4)..]);
        var words = position + 8;
        if (wordCount > (uint)((body.Length - words - 4) / 8))
        {
            throw IndexFileParser.Corrupt(indexFile, "a bitmap of its link extension is cut short");
        }

        long bit = 0;
        for (var word = 0L; word < wordCount;)
        {
            var marker = BinaryPrimitives.ReadUInt64BigEndian(body[(words + (int)(word * 8))..]);
            var runLength = (long)((marker >> 1) & 0xFFFFFFFF);
            var literals = (long)(marker >> 33);
            if ((marker & 1) != 0)
            {
                for (var k = 0L; k < runLength * 64 && bit + k < Math.Min(bitCount, limit); k++)
                {
                    set((int)(bit + k));
                }
            }

            bit += runLength * 64;
            if (bit >= limit)
            {
                break; // nothing further can name an entry (and a long run cannot overflow the count)
            }

            word++;
            for (var l = 0L; l < literals && word < wordCount; l++, word++)
            {
                var literal = BinaryPrimitives.ReadUInt64BigEndian(body[(words + (int)(word * 8))..]);
                for (var b = 0; b < 64; b++)
                {
                    if (((literal >> b) & 1) != 0 && bit + b < limit)
                    {
                        set((int)(bit + b));
                    }
                }

                bit += 64;
            }
        }

        position = words + (int)(wordCount * 8) + 4;
    }
}
