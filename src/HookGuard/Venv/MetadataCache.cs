using System.Buffers.Binary;
using System.Text;
using HookGuard.Core.Installed;

namespace HookGuard.Venv;

/// <summary>
/// Remembers the parsed header block of every METADATA file of a venv between runs, keyed by the file's path, size
/// and modification time, so that a commit reads a file again only when it changed: the way git trusts its index's
/// stat data instead of re-hashing the work tree. A venv of 2,000 distributions otherwise costs 2,000 file reads on
/// every commit.
/// </summary>
/// <remarks>
/// pip never edits METADATA in place: installing, upgrading or reinstalling writes a new <c>*.dist-info</c>, so a
/// new file with a new time. The cache lives outside the venv (HookGuard never writes the venv), in
/// <c>$XDG_CACHE_HOME/hookguard</c> (else <c>~/.cache/hookguard</c>, <c>%LOCALAPPDATA%\hookguard</c>); it is
/// skipped when none of those is known or <c>HOOKGUARD_NO_CACHE=1</c>. A cache file that cannot be read is ignored
/// and one that cannot be written is not written: the cache only ever saves time, it never decides anything.
/// The file is a small binary format (<see cref="CacheFileFormat"/>) rather than JSON: it is read on every commit,
/// and in a process that lives for milliseconds every allocated byte is a page fault; the Requires-Dist strings,
/// which only the <c>top-level</c> policy reads, stay encoded until something asks for them.
/// </remarks>
internal sealed class MetadataCache
{
    private readonly string? _file;
    private readonly string _venvPath;
    private readonly Dictionary<string, CachedMetadata> _previous;
    private readonly Dictionary<string, CachedMetadata>.AlternateLookup<ReadOnlySpan<char>> _previousByPath;
    private readonly Dictionary<string, CachedMetadata> _current;
    private bool _changed;
    private char[] _key = new char[256];

    private MetadataCache(string? file, string venvPath, Dictionary<string, CachedMetadata> previous)
    {
        _file = file;
        _venvPath = venvPath;
        _previous = previous;
        _previousByPath = previous.GetAlternateLookup<ReadOnlySpan<char>>();
        _current = new(previous.Count, StringComparer.Ordinal);
    }

    public static MetadataCache Load(string venvPath, Func<string, string?> environment)
    {
        if (environment("HOOKGUARD_NO_CACHE") is "1" || CacheDirectory(environment) is not { } directory)
        {
            return new MetadataCache(null, venvPath, new(StringComparer.Ordinal));
        }

        var file = Path.Combine(directory, "metadata", FileNameOf(venvPath) + ".bin");
        try
        {
            // The venv path is stored and compared, so that a hash collision can never mix two venvs.
            if (CacheFileFormat.Read(File.ReadAllBytes(file), venvPath) is { } entries)
            {
                return new MetadataCache(file, venvPath, entries);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No cache yet, or one that cannot be read: read everything, and write a fresh one.
        }

        return new MetadataCache(file, venvPath, new(StringComparer.Ordinal));
    }

    /// <summary>
    /// The header block of the file <c>child/file</c> (<c>child</c> when <paramref name="file"/> is null) under the
    /// probe's directory: from the cache when the file's size and time are those it was parsed with, else parsed by
    /// <paramref name="parse"/> (given the full path); null when the file does not exist.
    /// </summary>
    public DistributionMetadata? Read(FileProbe probe, string child, string? file, Func<string, DistributionMetadata?> parse)
    {
        string FullPath() => file is null ? Path.Join(probe.Directory, child) : Path.Join(probe.Directory, child, file);
        if (_file is null || probe.Stat(child, file) is not { } stamp)
        {
            return parse(FullPath()); // without a stamp, the parser's own answer (null, or an error) for what is not a file
        }

        var key = Key(probe.Directory, child, file);
        if (_previousByPath.TryGetValue(key, out var cached) && cached.Size == stamp.Size && cached.Ticks == stamp.LastWriteTicks)
        {
            _current.TryAdd(cached.Path, cached);
            return cached.Metadata;
        }

        var metadata = parse(FullPath());
        if (metadata is not null)
        {
            var path = key.ToString();
            _current[path] = new CachedMetadata(path, stamp.Size, stamp.LastWriteTicks, metadata);
            _changed = true;
        }

        return metadata;
    }

    /// <summary>
    /// The cache key of a file: its path relative to the venv (most files are inside it: shorter to store), else
    /// absolute; built in a reused buffer, so that a lookup makes no string.
    /// </summary>
    private ReadOnlySpan<char> Key(string directory, string child, string? file)
    {
        var relative = directory.AsSpan();
        if (relative.StartsWith(_venvPath, StringComparison.Ordinal) && (relative.Length == _venvPath.Length
            || relative[_venvPath.Length] == Path.DirectorySeparatorChar || relative[_venvPath.Length] == Path.AltDirectorySeparatorChar))
        {
            relative = relative[Math.Min(relative.Length, _venvPath.Length + 1)..];
        }

        var length = relative.Length + child.Length + (file?.Length ?? 0) + 2;
        if (_key.Length < length)
        {
            _key = new char[length];
        }

        var written = 0;
        void Append(ReadOnlySpan<char> part)
        {
            if (written > 0)
            {
                _key[written++] = Path.DirectorySeparatorChar;
            }

            part.CopyTo(_key.AsSpan(written));
            written += part.Length;
        }

        Append(relative);
        Append(child);
        if (file is not null)
        {
            Append(file);
        }

        return _key.AsSpan(0, written);
    }

    /// <summary>Writes what this run read (and only that: removed distributions drop out), if anything changed.</summary>
    public void SaveIfChanged()
    {
        if (_file is null || (!_changed && _current.Count == _previous.Count))
        {
            return;
        }

        var temporary = $"{_file}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            File.WriteAllBytes(temporary, CacheFileFormat.Write(_venvPath, _current.Values));
            File.Move(temporary, _file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Best effort: the temporary file is named after the process.
            }
        }
    }

    /// <summary>
    /// A stable 64-bit FNV-1a hash of the venv path, as the cache file's name. Not a cryptographic hash on purpose: .NET's
    /// SHA-256 loads OpenSSL, which costs more than the cache saves on a small venv. A collision is harmless: the file
    /// stores the venv's path, and a file for another venv is ignored.
    /// </summary>
    internal static string FileNameOf(string venvPath)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(venvPath))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static string? CacheDirectory(Func<string, string?> environment)
    {
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "hookguard");
        }

        if (OperatingSystem.IsWindows() && environment("LOCALAPPDATA") is { Length: > 0 } local)
        {
            return Path.Combine(local, "hookguard");
        }

        return environment("HOME") is { Length: > 0 } home && Path.IsPathRooted(home) ? Path.Combine(home, ".cache", "hookguard") : null;
    }
}

/// <summary>One cached METADATA file (its path relative to the venv, or absolute outside it): the stat data it was
/// parsed with, and what it said.</summary>
internal sealed record CachedMetadata(string Path, long Size, long Ticks, DistributionMetadata Metadata);

/// <summary>
/// The cache file: <c>HGMC</c>, a format version, the venv path, then per entry the METADATA path (relative to the
/// venv when inside it), size, time, Name,
/// Version and the Requires-Dist strings; integers little-endian, strings as a 32-bit byte length and UTF-8.
/// </summary>
internal static class CacheFileFormat
{
    private const int FormatVersion = 3;
    private static ReadOnlySpan<byte> Magic => "HGMC"u8;

    /// <summary>The entries by METADATA path, or null when the bytes are not a cache of <paramref name="venvPath"/>.</summary>
    public static Dictionary<string, CachedMetadata>? Read(byte[] bytes, string venvPath)
    {
        var reader = new Reader(bytes);
        if (!reader.Take(Magic.Length).SequenceEqual(Magic) || reader.Int32() != FormatVersion || reader.String() != venvPath)
        {
            return null;
        }

        var count = reader.Int32();
        if (count < 0 || count > bytes.Length)
        {
            return null;
        }

        var entries = new Dictionary<string, CachedMetadata>(count, StringComparer.Ordinal);
        for (var i = 0; i < count && !reader.Broken; i++)
        {
            var (path, size, ticks, name, version) = (reader.String(), reader.Int64(), reader.Int64(), reader.String(), reader.String());
            var requiresStart = reader.Position;
            var requiresCount = reader.Int32();
            for (var r = 0; r < requiresCount && !reader.Broken; r++)
            {
                reader.String();
            }

            var requires = new EncodedStrings(bytes.AsMemory(requiresStart, reader.Position - requiresStart));
            entries[path] = new CachedMetadata(path, size, ticks, new DistributionMetadata(name, version, requires));
        }

        return reader.AtEnd ? entries : null;
    }

    public static byte[] Write(string venvPath, IEnumerable<CachedMetadata> entries)
    {
        var list = entries.ToList();
        using var buffer = new MemoryStream();
        buffer.Write(Magic);
        WriteInt32(buffer, FormatVersion);
        WriteString(buffer, venvPath);
        WriteInt32(buffer, list.Count);
        foreach (var entry in list)
        {
            WriteString(buffer, entry.Path);
            WriteInt64(buffer, entry.Size);
            WriteInt64(buffer, entry.Ticks);
            WriteString(buffer, entry.Metadata.Name);
            WriteString(buffer, entry.Metadata.Version);
            if (entry.Metadata.RequiresDist is EncodedStrings encoded)
            {
                buffer.Write(encoded.Bytes.Span); // still as read: no need to decode what nobody asked for
                continue;
            }

            WriteInt32(buffer, entry.Metadata.RequiresDist.Count);
            foreach (var requirement in entry.Metadata.RequiresDist)
            {
                WriteString(buffer, requirement);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteInt64(Stream stream, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteString(Stream stream, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteInt32(stream, bytes.Length);
        stream.Write(bytes);
    }

    /// <summary>Reads the format; any inconsistency reads as the end of the data, which <see cref="Read"/> rejects.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private bool _broken;

        public int Position { get; private set; }

        public readonly bool Broken => _broken;

        public readonly bool AtEnd => !_broken && Position == _bytes.Length;

        public ReadOnlySpan<byte> Take(int length)
        {
            if (_broken || length < 0 || length > _bytes.Length - Position)
            {
                _broken = true;
                Position = _bytes.Length;
                return [];
            }

            var taken = _bytes.Slice(Position, length);
            Position += length;
            return taken;
        }

        public int Int32() => Take(4) is { Length: 4 } bytes ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : 0;

        public long Int64() => Take(8) is { Length: 8 } bytes ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : 0;

        public string String() => Encoding.UTF8.GetString(Take(Int32()));
    }

    /// <summary>Requires-Dist strings as the cache file holds them, decoded on first use.</summary>
    internal sealed class EncodedStrings(ReadOnlyMemory<byte> bytes) : IReadOnlyList<string>
    {
        private string[]? _decoded;

        public ReadOnlyMemory<byte> Bytes { get; } = bytes;

        public int Count => Decoded.Length;

        public string this[int index] => Decoded[index];

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Decoded).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private string[] Decoded => _decoded ??= Decode(Bytes.Span);

        private static string[] Decode(ReadOnlySpan<byte> bytes)
        {
            var reader = new Reader(bytes);
            var strings = new string[Math.Max(0, reader.Int32())];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = reader.String();
            }

            return strings;
        }
    }
}
