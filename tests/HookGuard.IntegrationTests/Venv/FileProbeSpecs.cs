using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// The fast Linux probe (statx relative to a directory handle) must answer every question exactly as the portable one
/// (FileInfo) and as the file system says: the METADATA cache trusts its stamps.
/// </summary>
public sealed class FileProbeSpecs : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hookguard-probe-specs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_Linux_probe_is_used_on_Linux()
    {
        using var probe = FileProbe.For(_root);
        Assert.Equal(OperatingSystem.IsLinux(), probe is LinuxFileProbe);
    }

    [Fact]
    public void Both_probes_agree_on_files_directories_links_and_missing_names()
    {
        var info = Directory.CreateDirectory(Path.Combine(_root, "naïve pkg-1.0.dist-info")).FullName;
        File.WriteAllText(Path.Combine(info, "METADATA"), "Metadata-Version: 2.1\nName: x\nVersion: 1.0\n\n");
        File.SetLastWriteTimeUtc(Path.Combine(info, "METADATA"), new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc).AddTicks(4567));
        File.WriteAllText(Path.Combine(_root, "single.egg-info"), "Name: y\n");
        Directory.CreateDirectory(Path.Combine(info, "direct_url.json")); // a directory is not the file
        File.CreateSymbolicLink(Path.Combine(info, "PKG-INFO"), Path.Combine(info, "METADATA"));
        File.CreateSymbolicLink(Path.Combine(info, "RECORD"), Path.Combine(info, "gone"));

        var questions = new (string Child, string? File)[]
        {
            ("naïve pkg-1.0.dist-info", "METADATA"),
            ("naïve pkg-1.0.dist-info", "PKG-INFO"),
            ("naïve pkg-1.0.dist-info", "RECORD"),
            ("naïve pkg-1.0.dist-info", "direct_url.json"),
            ("naïve pkg-1.0.dist-info", "missing"),
            ("naïve pkg-1.0.dist-info", null),
            ("single.egg-info", null),
            ("single.egg-info", "METADATA"),
            ("absent.dist-info", "METADATA"),
        };

        using var fast = FileProbe.For(_root);
        using var portable = new PortableFileProbe(_root);
        foreach (var (child, file) in questions)
        {
            Assert.Equal(Expected(child, file), fast.Stat(child, file));
            Assert.Equal(Expected(child, file), portable.Stat(child, file));
        }
    }

    /// <summary>What the file system says, asked through the link's final target.</summary>
    private FileStamp? Expected(string child, string? file)
    {
        var path = file is null ? Path.Combine(_root, child) : Path.Combine(_root, child, file);
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            if (info.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo { Exists: true } target)
            {
                return null;
            }

            info = target;
        }

        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : null;
    }
}
