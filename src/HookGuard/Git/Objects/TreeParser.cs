namespace HookGuard.Git.Objects;

/// <summary>
/// Parses a tree object: entries of <c>"MODE NAME\0"</c> followed by a 20-byte id, sorted by name with directories
/// compared as if their name ended in '/' (git's <c>base_name_compare</c>).
/// </summary>
internal static class TreeParser
{
    /// <exception cref="InvalidDataException">The bytes are not a tree.</exception>
    public static TreeEntry[] Parse(ReadOnlySpan<byte> tree)
    {
        var entries = new List<TreeEntry>();
        var position = 0;
        while (position < tree.Length)
        {
            var space = tree[position..].IndexOf((byte)' ');
            if (space <= 0)
            {
                throw new InvalidDataException("a tree entry has no mode");
            }

            var mode = 0;
            foreach (var digit in tree.Slice(position, space))
            {
                if (digit is < (byte)'0' or > (byte)'7' || mode > 0x10_0000)
                {
                    throw new InvalidDataException("a tree entry's mode is not octal");
                }

                mode = (mode << 3) | (digit - '0');
            }

            var nameStart = position + space + 1;
            var nul = tree[nameStart..].IndexOf((byte)0);
            if (nul <= 0 || nameStart + nul + 1 + 20 > tree.Length)
            {
                throw new InvalidDataException("a tree entry ends early");
            }

            entries.Add(new TreeEntry(CanonicalMode(mode), nameStart, nul, nameStart + nul + 1));
            position = nameStart + nul + 1 + 20;
        }

        return entries.ToArray();
    }

    /// <summary>
    /// Compares <paramref name="entry"/> with a name being looked for, in tree order: <paramref name="asDirectory"/>
    /// says whether the name sorts with a trailing '/'.
    /// </summary>
    public static int Compare(ReadOnlySpan<byte> tree, TreeEntry entry, ReadOnlySpan<byte> name, bool asDirectory)
    {
        var entryName = tree.Slice(entry.NameStart, entry.NameLength);
        var common = Math.Min(entryName.Length, name.Length);
        var comparison = entryName[..common].SequenceCompareTo(name[..common]);
        if (comparison != 0)
        {
            return comparison;
        }

        int left = entryName.Length > common ? entryName[common] : entry.IsDirectory ? '/' : 0;
        int right = name.Length > common ? name[common] : asDirectory ? '/' : 0;
        return left.CompareTo(right);
    }

    /// <summary>git's canon_mode: a regular file is 100644 or 100755 by its owner's execute bit; other types keep their type bits.</summary>
    private static int CanonicalMode(int mode) => (mode & 0xF000) switch
    {
        0x8000 => 0x8000 | ((mode & 0x40) != 0 ? 0x1ED : 0x1A4),
        0xA000 => 0xA000,
        0x4000 => 0x4000,
        0xE000 => 0xE000,
        _ => mode,
    };
}
