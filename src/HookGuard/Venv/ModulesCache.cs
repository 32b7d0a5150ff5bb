using System.Text;
using HookGuard.Core.Imports;
using HookGuard.Core.Installed;

namespace HookGuard.Venv;

/// <summary>
/// Remembers a venv's <see cref="ModuleProviders"/> between commits: one file beside the <see cref="MetadataCache"/>'s
/// (<c>$XDG_CACHE_HOME/hookguard/modules/</c>), valid while the installed set is the same (names, versions, locations,
/// info directories) and every file and directory the answer depended on has the size and time it had.
/// </summary>
/// <remarks>
/// <para>What the answer depends on, and what stands for it: the top-level entries of a site directory and of a
/// directory a <c>.pth</c> adds (the directory's modification time: creating, removing or renaming an entry changes
/// it); the <c>.pth</c> files and setuptools finders (their size and time); a distribution's <c>top_level.txt</c> and
/// RECORD (pip never edits them in place: an install, upgrade or reinstall makes a new info directory, which changes
/// the site directory's time; outside site directories, where a legacy <c>setup.py develop</c> rewrites
/// <c>SOURCES.txt</c> in place, the info files' own stamps).</para>
/// <para>As in git's "racy" rule, an answer is not stored while something it depends on changed in the last two
/// seconds: a change in the same clock tick could not be told apart. The cache only saves time: a file that cannot be
/// read or written is ignored, and <c>HOOKGUARD_NO_CACHE=1</c> turns it off.</para>
/// </remarks>
internal static class ModulesCache
{
    /// <summary>The format and the lookup's rules: change it whenever either changes, so that old answers are not served.</summary>
    private const string Magic = "hookguard-modules-1";
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>Something the answer depends on: a directory (its modification time) or a file (size and time).</summary>
    internal readonly record struct Dependency(string Path, bool IsDirectory);

    private readonly record struct Stamp(long Size, long Ticks);

    /// <summary>The cache file for <paramref name="venvPath"/>; null when caching is off or has nowhere to live.</summary>
    public static string? FileFor(string venvPath, Func<string, string?> environment) =>
        environment("HOOKGUARD_NO_CACHE") is "1" || MetadataCache.CacheDirectory(environment) is not { } directory
            ? null
            : Path.Combine(directory, "modules", MetadataCache.FileNameOf(venvPath) + ".bin");

    /// <summary>The stored answer, when it is still true of the venv; else null.</summary>
    public static ModuleProviders? TryLoad(string file, InstalledSet installed)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(File.ReadAllBytes(file)), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != installed.VenvPath || reader.ReadUInt64() != Fingerprint(installed)) return null;
            var dependencies = reader.ReadInt32();
            for (var i = 0; i < dependencies; i++)
            {
                var dependency = new Dependency(reader.ReadString(), reader.ReadBoolean());
                if (StampOf(dependency) != new Stamp(reader.ReadInt64(), reader.ReadInt64())) return null;
            }

            var builder = new ModuleProviders.Builder();
            var names = reader.ReadInt32();
            for (var i = 0; i < names; i++)
            {
                var name = reader.ReadString();
                var providers = reader.ReadInt32();
                for (var j = 0; j < providers; j++)
                {
                    var display = reader.ReadBoolean() ? reader.ReadString() : null;
                    var evidence = (ModuleEvidence)reader.ReadByte();
                    var path = reader.ReadBoolean() ? reader.ReadString() : null;
                    if (!Enum.IsDefined(evidence)) return null;
                    builder.Add(name, new ModuleProvider(display, evidence, path));
                }
            }
            return builder.Build();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException)
        {
            return null; // no cache yet, or one from another version or a torn write: compute afresh
        }
    }

    /// <summary>Stores <paramref name="providers"/>, unless something it depends on is too fresh to vouch for.</summary>
    public static void Save(string file, InstalledSet installed, IReadOnlyCollection<Dependency> dependencies, ModuleProviders providers)
    {
        var racyAfter = (DateTime.UtcNow - RacyWindow).Ticks;
        var stamps = new List<(Dependency, Stamp)>(dependencies.Count);
        foreach (var dependency in dependencies)
        {
            var stamp = StampOf(dependency);
            if (stamp.Ticks > racyAfter) return;
            stamps.Add((dependency, stamp));
        }

        var temporary = $"{file}.{Environment.ProcessId}.tmp";
        try
        {
            var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(installed.VenvPath);
                writer.Write(Fingerprint(installed));
                writer.Write(stamps.Count);
                foreach (var (dependency, stamp) in stamps)
                {
                    writer.Write(dependency.Path);
                    writer.Write(dependency.IsDirectory);
                    writer.Write(stamp.Size);
                    writer.Write(stamp.Ticks);
                }

                var names = providers.Names.ToList();
                writer.Write(names.Count);
                foreach (var name in names)
                {
                    var list = providers.For(name);
                    writer.Write(name);
                    writer.Write(list.Count);
                    foreach (var provider in list)
                    {
                        writer.Write(provider.DisplayName is not null);
                        if (provider.DisplayName is not null) writer.Write(provider.DisplayName);
                        writer.Write((byte)provider.Evidence);
                        writer.Write(provider.Path is not null);
                        if (provider.Path is not null) writer.Write(provider.Path);
                    }
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(temporary, buffer.ToArray());
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            try { File.Delete(temporary); }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { /* best effort */ }
        }
    }

    /// <summary>Size and modification time; a missing file or directory has its own stamp (-1, 0).</summary>
    private static Stamp StampOf(Dependency dependency)
    {
        try
        {
            FileSystemInfo info = dependency.IsDirectory ? new DirectoryInfo(dependency.Path) : new FileInfo(dependency.Path);
            if (!info.Exists) return new Stamp(-1, 0);
            return new Stamp(info is FileInfo file ? file.Length : 0, info.LastWriteTimeUtc.Ticks);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new Stamp(-2, 0);
        }
    }

    /// <summary>FNV-1a over what identifies the installed set: each distribution's name, version, location and info
    /// directory, and the interpreter (its extension suffixes decide what is a module).</summary>
    private static ulong Fingerprint(InstalledSet installed)
    {
        var hash = 14695981039346656037UL;
        void Add(string? text)
        {
            foreach (var c in text ?? "\0") hash = (hash ^ c) * 1099511628211UL;
            hash = (hash ^ 0xFFFF) * 1099511628211UL;
        }
        Add(installed.Environment.PythonFullVersion);
        Add(installed.Environment.SysPlatform);
        foreach (var site in installed.SiteDirectories) Add(site);
        foreach (var distribution in installed.Distributions.Concat(installed.Hidden))
        {
            Add(distribution.Name);
            Add(distribution.Version);
            Add(distribution.Location);
            Add(distribution.InfoName);
        }
        return hash;
    }
}
