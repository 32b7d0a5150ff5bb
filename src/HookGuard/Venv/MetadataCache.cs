using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
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
/// </remarks>
internal sealed class MetadataCache
{
    private const int FormatVersion = 1;
    private readonly string? _file;
    private readonly string _venvPath;
    private readonly Dictionary<string, CachedMetadata> _previous;
    private readonly Dictionary<string, CachedMetadata> _current = new(StringComparer.Ordinal);
    private bool _changed;

    private MetadataCache(string? file, string venvPath, Dictionary<string, CachedMetadata> previous)
    {
        _file = file;
        _venvPath = venvPath;
        _previous = previous;
    }

    public static MetadataCache Load(string venvPath, Func<string, string?> environment)
    {
        if (environment("HOOKGUARD_NO_CACHE") is "1" || CacheDirectory(environment) is not { } directory)
        {
            return new MetadataCache(null, venvPath, new(StringComparer.Ordinal));
        }

        var file = Path.Combine(directory, "metadata", FileNameOf(venvPath) + ".json");
        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllBytes(file), MetadataCacheJsonContext.Default.MetadataCacheDocument);
            if (document is { Version: FormatVersion } && document.Venv == venvPath && document.Entries is { } entries)
            {
                // The venv path is stored and compared, so that a hash collision can never mix two venvs.
                return new MetadataCache(file, venvPath, entries.Where(entry => entry.Path is not null).ToDictionary(entry => entry.Path, StringComparer.Ordinal));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
        {
            // No cache yet, or one that cannot be trusted: read everything, and write a fresh one.
        }

        return new MetadataCache(file, venvPath, new(StringComparer.Ordinal));
    }

    /// <summary>
    /// The header block of <paramref name="metadataFile"/>, from the cache when the file's size and time are those it
    /// was parsed with, else parsed by <paramref name="parse"/>; null when the file does not exist.
    /// </summary>
    public DistributionMetadata? Read(string metadataFile, Func<string, DistributionMetadata?> parse)
    {
        if (_file is null)
        {
            return parse(metadataFile);
        }

        var info = new FileInfo(metadataFile);
        if (!info.Exists)
        {
            return parse(metadataFile); // keeps the parser's own answer (null, or an error) for what is not a file
        }

        var (size, ticks) = (info.Length, info.LastWriteTimeUtc.Ticks);
        if (_previous.TryGetValue(metadataFile, out var cached) && cached.Size == size && cached.Ticks == ticks)
        {
            _current[metadataFile] = cached;
            return new DistributionMetadata(cached.Name, cached.Version, cached.RequiresDist);
        }

        var metadata = parse(metadataFile);
        if (metadata is not null)
        {
            _current[metadataFile] = new CachedMetadata(metadataFile, size, ticks, metadata.Name, metadata.Version, [.. metadata.RequiresDist]);
            _changed = true;
        }

        return metadata;
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
            var document = new MetadataCacheDocument(FormatVersion, _venvPath, [.. _current.Values]);
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(document, MetadataCacheJsonContext.Default.MetadataCacheDocument));
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
    private static string FileNameOf(string venvPath)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(venvPath))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? CacheDirectory(Func<string, string?> environment)
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

internal sealed record CachedMetadata(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("ticks")] long Ticks,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("requiresDist")] string[] RequiresDist);

internal sealed record MetadataCacheDocument(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("venv")] string Venv,
    [property: JsonPropertyName("entries")] CachedMetadata[]? Entries);

[JsonSerializable(typeof(MetadataCacheDocument))]
internal sealed partial class MetadataCacheJsonContext : JsonSerializerContext;
