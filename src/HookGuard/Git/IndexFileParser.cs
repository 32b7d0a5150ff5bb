using System.Buffers.Binary;
using System.Text;
using HookGuard.Cli;

namespace HookGuard.Git;

/// <summary>
/// Reads git's index file format (versions 2, 3 and 4; https://git-scm.com/docs/index-format) directly, so that a
/// check costs what git's own <c>git diff --cached</c> costs: one read of the file, no per-entry interop, and the
/// cache-tree extension (TREE) to skip directories whose tree is unchanged.
/// </summary>
internal static class IndexFileParser
{
    private const int HashLength = 20; // SHA-1 repositories; SHA-256 ones are read through git (RepositoryFormat).
    private const ushort ExtendedFlag = 0x4000;
    private const ushort IntentToAddFlag = 0x2000;

    /// <param name="indexFile">The index file.</param>
    /// <param name="gitDir">Where git looks first for a split index's <c>sharedindex.*</c> file (then beside the index).</param>
    /// <exception cref="UserError">The file cannot be read or is damaged.</exception>
    /// <exception cref="OwnReaderCannotReadException">The index uses an extension this reader does not read (git does).</exception>
    public static ParsedIndex Read(string indexFile, string gitDir)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(indexFile))
            {
                return ParsedIndex.Empty; // git reads a missing index as an empty one (a fresh repository)
            }

            bytes = File.ReadAllBytes(indexFile);
        }
        catch (IOException error)
        {
            throw new UserError($"Cannot read the git index '{indexFile}': {error.Message}", inner: error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new UserError($"Cannot read the git index '{indexFile}': {error.Message}", inner: error);
        }

        try
        {
            var index = Parse(bytes, indexFile, keepEveryEntry: false);
            return index.Link is not { } link ? new ParsedIndex(index.Entries, index.CacheTree)
                : SplitIndex.Merge(Parse(bytes, indexFile, keepEveryEntry: true), link, indexFile, gitDir, shared => Parse(shared, indexFile, keepEveryEntry: true));
        }
        catch (ArgumentOutOfRangeException error)
        {
            throw Corrupt(indexFile, "it ends in the middle of an entry", error);
        }
        catch (IndexOutOfRangeException error)
        {
            throw Corrupt(indexFile, "it ends in the middle of an entry", error);
        }
        catch (Exception error) when (error is FormatException or OverflowException)
        {
            // Found by the fuzzer: a count, size or cache-tree number that is not one, or past 31 bits.
            throw Corrupt(indexFile, "it holds a malformed count or size", error);
        }
    }

    /// <param name="keepEveryEntry">Keep unmerged and intent-to-add entries too, with <see cref="RawIndex.Committed"/>
    /// saying which are committed: a split index's bitmaps number every entry of its shared index.</param>
    internal static RawIndex Parse(byte[] bytes, string indexFile, bool keepEveryEntry)
    {
        var data = bytes.AsMemory();
        if (bytes.Length < 12 + HashLength || !bytes.AsSpan(0, 4).SequenceEqual("DIRC"u8))
        {
            throw Corrupt(indexFile, "it does not start with the DIRC signature");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
        if (version is < 2 or > 4)
        {
            throw Corrupt(indexFile, $"its version {version} is not one HookGuard reads (2, 3 or 4)");
        }

        var count = checked((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)));
        var end = bytes.Length - HashLength;
        // Sized by the header's count, but never past what the file can hold (an entry takes at least 40 bytes even in
        // version 4), so a damaged count cannot ask for gigabytes.
        var capacity = Math.Min(count, bytes.Length / 40);
        var entries = new List<IndexRecord>(capacity);
        var committed = keepEveryEntry ? new List<bool>(capacity) : null;
        var position = 12;
        byte[] previousPath = [];
        for (var i = 0; i < count; i++)
        {
            var start = position;
            var mode = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(start + 24));
            var objectId = data.Slice(start + 40, HashLength);
            var flags = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(start + 40 + HashLength));
            position = start + 40 + HashLength + 2;
            var extendedFlags = (ushort)0;
            if ((flags & ExtendedFlag) != 0)
            {
                if (version < 3)
                {
                    throw Corrupt(indexFile, "a version-2 entry carries extended flags");
                }

                extendedFlags = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(position));
                position += 2;
            }

            ReadOnlyMemory<byte> path;
            if (version == 4)
            {
                // v4: the path is the previous path minus N trailing bytes, plus a NUL-terminated suffix; no padding.
                var strip = ReadOffsetVarint(bytes, ref position);
                var suffixEnd = Array.IndexOf(bytes, (byte)0, position);
                if (suffixEnd < 0 || strip > previousPath.Length)
                {
                    throw Corrupt(indexFile, "a path is malformed");
                }

                var built = new byte[previousPath.Length - strip + (suffixEnd - position)];
                previousPath.AsSpan(0, previousPath.Length - strip).CopyTo(built);
                bytes.AsSpan(position, suffixEnd - position).CopyTo(built.AsSpan(previousPath.Length - strip));
                previousPath = built;
                path = built;
                position = suffixEnd + 1;
            }
            else
            {
                // v2/v3: NUL-terminated, then NULs up to a multiple of 8 bytes from the entry's start (1 to 8 in all).
                var pathEnd = Array.IndexOf(bytes, (byte)0, position);
                if (pathEnd < 0)
                {
                    throw Corrupt(indexFile, "a path is not terminated");
                }

                path = data[position..pathEnd];
                position = start + ((pathEnd - start + 8) & ~7);
            }

            if (position > end)
            {
                throw Corrupt(indexFile, "it ends in the middle of an entry");
            }

            var stage = (flags >> 12) & 3;
            // Unmerged entries (stage 1-3) cannot be committed; an intent-to-add entry is not in the commit either
            // (git diff --cached does not show it as added).
            var isCommitted = stage == 0 && (extendedFlags & IntentToAddFlag) == 0;
            if (keepEveryEntry)
            {
                entries.Add(new IndexRecord(path, mode, objectId));
                committed!.Add(isCommitted);
            }
            else if (isCommitted)
            {
                entries.Add(new IndexRecord(path, mode, objectId));
            }
        }

        CacheTreeNode? cacheTree = null;
        ReadOnlyMemory<byte>? link = null;
        while (position + 8 <= end)
        {
            var signature = Encoding.ASCII.GetString(bytes, position, 4);
            var size = checked((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position + 4)));
            var body = position + 8;
            switch (signature)
            {
                case "TREE":
                    var cursor = body;
                    cacheTree = ReadCacheTree(bytes, ref cursor, indexFile, depth: 0);
                    break;
                case "link":
                    link = data.Slice(body, size);
                    break;
                default:
                    // Upper-case extensions are optional (index-format: "ignore if not understood"); a lower-case one
                    // changes what the entries mean (sdir: some entries are whole directories), so git reads it.
                    if (signature[0] is < 'A' or > 'Z')
                    {
                        throw new OwnReaderCannotReadException($"the index extension '{signature}'");
                    }

                    break;
            }

            position = body + size;
        }

        return new RawIndex(entries, committed, cacheTree, link);
    }

    // Deeper than any tree git can write (a path of at most 4096 bytes has at most 2048 directories); a damaged
    // cache-tree claiming more would otherwise recurse until the stack overflows.
    private const int MaxCacheTreeDepth = 4096;

    private static CacheTreeNode ReadCacheTree(byte[] bytes, ref int position, string indexFile, int depth)
    {
        if (depth > MaxCacheTreeDepth)
        {
            throw Corrupt(indexFile, $"its cache-tree is nested more than {MaxCacheTreeDepth} deep");
        }

        var nameEnd = Array.IndexOf(bytes, (byte)0, position);
        var name = Encoding.UTF8.GetString(bytes, position, nameEnd - position);
        position = nameEnd + 1;
        var entryCount = ReadAsciiNumber(bytes, ref position, (byte)' ');
        var subtreeCount = ReadAsciiNumber(bytes, ref position, (byte)'\n');
        ReadOnlyMemory<byte>? treeId = null;
        if (entryCount >= 0)
        {
            treeId = bytes.AsMemory(position, HashLength);
            position += HashLength;
        }

        // A subtree takes at least 4 bytes ("\0-1 0\n" less its name), so the file bounds the capacity asked for.
        var children = new Dictionary<string, CacheTreeNode>(Math.Min(subtreeCount, (bytes.Length - position) / 4 + 1), StringComparer.Ordinal);
        for (var i = 0; i < subtreeCount; i++)
        {
            var child = ReadCacheTree(bytes, ref position, indexFile, depth + 1);
            children[child.Name] = child;
        }

        return new CacheTreeNode(name, entryCount, treeId, children);
    }

    private static int ReadAsciiNumber(byte[] bytes, ref int position, byte terminator)
    {
        var end = Array.IndexOf(bytes, terminator, position);
        var number = int.Parse(Encoding.ASCII.GetString(bytes, position, end - position), System.Globalization.CultureInfo.InvariantCulture);
        position = end + 1;
        return number;
    }

    /// <summary>git's "offset" varint (varint.c): 7 bits a byte, most significant first, each continuation adds one.</summary>
    private static int ReadOffsetVarint(byte[] bytes, ref int position)
    {
        int c = bytes[position++];
        var value = c & 127;
        while ((c & 128) != 0)
        {
            c = bytes[position++];
            value = checked(((value + 1) << 7) + (c & 127));
        }

        return value;
    }

    internal static UserError Corrupt(string indexFile, string why, Exception? inner = null) =>
        new($"The git index '{indexFile}' is damaged: {why}. 'git status' will say more; 'git reset' rebuilds the index from HEAD.", inner: inner);
}
