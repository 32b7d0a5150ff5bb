namespace HookGuard.Venv;

/// <summary>The size and modification time of a file, as the METADATA cache keys it (DateTime ticks, UTC).</summary>
internal readonly record struct FileStamp(long Size, long LastWriteTicks);

/// <summary>
/// Asks the file system about files inside one directory (an info directory's METADATA, its direct_url.json): is it
/// there, what are its size and time. This runs twice per installed distribution on every commit, so on Linux
/// <see cref="LinuxFileProbe"/> asks relative to an open handle on the directory, without building a path string;
/// elsewhere, and wherever that is refused, <see cref="PortableFileProbe"/> asks through <see cref="FileInfo"/>.
/// Both follow symbolic links, as Python's <c>open()</c> does.
/// </summary>
internal abstract class FileProbe : IDisposable
{
    /// <summary>A probe for files under <paramref name="directory"/>.</summary>
    public static FileProbe For(string directory) =>
        (OperatingSystem.IsLinux() ? LinuxFileProbe.TryOpen(directory) : null) ?? (FileProbe)new PortableFileProbe(directory);

    /// <summary>The directory asked about.</summary>
    public abstract string Directory { get; }

    /// <summary>
    /// The stamp of the regular file <c>child/file</c> (or <c>child</c> when <paramref name="file"/> is null) under
    /// <see cref="Directory"/>; null when there is no such file, or it is not a regular file.
    /// </summary>
    public abstract FileStamp? Stat(string child, string? file);

    public virtual void Dispose()
    {
    }
}

/// <summary><see cref="FileProbe"/> through <see cref="FileInfo"/>: one path string and one object per question.</summary>
internal sealed class PortableFileProbe(string directory) : FileProbe
{
    public override string Directory { get; } = directory;

    public override FileStamp? Stat(string child, string? file)
    {
        var info = new FileInfo(file is null ? Path.Join(Directory, child) : Path.Join(Directory, child, file));
        try
        {
            // FileInfo describes a symbolic link itself; the file read through it is its target, whose size and time
            // must key the cache (the attributes come from the same lstat, so plain files cost nothing more).
            if (info.Exists && info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            }

            return info.Exists && !info.Attributes.HasFlag(FileAttributes.Directory) ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // a link loop: the reader says what is wrong when it opens the file
        }
    }
}
