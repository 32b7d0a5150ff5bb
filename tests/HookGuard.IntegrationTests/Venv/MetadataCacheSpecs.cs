using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// The METADATA cache saves reading unchanged files on every commit; it must never change what is read. These venvs are
/// written by hand (a pyvenv.cfg and dist-info directories), which is all the reader looks at.
/// </summary>
public sealed class MetadataCacheSpecs : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hookguard-cache-specs-").FullName;
    private string Venv => Path.Combine(_root, "venv");
    private string Home => Path.Combine(_root, "home");
    private string Site => Path.Combine(Venv, "lib", "python3.11", "site-packages");
    private string CacheDirectory => Path.Combine(Home, ".cache", "hookguard", "metadata");

    public MetadataCacheSpecs()
    {
        Directory.CreateDirectory(Site);
        Directory.CreateDirectory(Home);
        File.WriteAllText(Path.Combine(Venv, "pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WriteDistribution(string name, string version, DateTime? modified = null)
    {
        var info = Path.Combine(Site, $"{name}-{version}.dist-info");
        Directory.CreateDirectory(info);
        var metadata = Path.Combine(info, "METADATA");
        File.WriteAllText(metadata, $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\n");
        if (modified is { } time)
        {
            File.SetLastWriteTimeUtc(metadata, time);
        }

        return metadata;
    }

    private IReadOnlyList<string> Read(params (string Name, string Value)[] extra)
    {
        var variables = new Dictionary<string, string> { ["HOME"] = Home };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return VenvReader.Read(Venv, name => variables.GetValueOrDefault(name))
            .Distributions.Select(distribution => $"{distribution.Name}=={distribution.Version}").Order().ToArray();
    }

    [Fact]
    public void A_second_read_takes_unchanged_metadata_from_the_cache()
    {
        WriteDistribution("alpha", "1.0");
        Assert.Equal(["alpha==1.0"], Read());
        var cacheFile = Assert.Single(Directory.GetFiles(CacheDirectory));

        // Tamper with the cached version: only a read served from the cache can return it.
        var bytes = File.ReadAllBytes(cacheFile);
        var at = bytes.AsSpan().IndexOf("\u0003\0\0\01.0"u8); // the version, after its 32-bit length
        Assert.True(at >= 0);
        "9.9"u8.CopyTo(bytes.AsSpan(at + 4));
        File.WriteAllBytes(cacheFile, bytes);

        Assert.Equal(["alpha==9.9"], Read());
    }

    [Fact]
    public void Requires_Dist_read_from_the_cache_is_what_METADATA_says()
    {
        var metadata = WriteDistribution("alpha", "1.0");
        File.WriteAllText(metadata, "Metadata-Version: 2.1\nName: alpha\nVersion: 1.0\nRequires-Dist: beta>=2\nRequires-Dist: gamma; extra == \"x\"\n\n");
        string[] RequiresDist() => VenvReader.Read(Venv, name => name == "HOME" ? Home : null).Distributions.Single(d => d.Name == "alpha").RequiresDist.ToArray();

        Assert.Equal(["beta>=2", "gamma; extra == \"x\""], RequiresDist());
        Assert.Single(Directory.GetFiles(CacheDirectory));
        Assert.Equal(["beta>=2", "gamma; extra == \"x\""], RequiresDist()); // served from the cache
        WriteDistribution("zeta", "1.0"); // the cache is written again, with alpha's entry copied as it was read
        Assert.Equal(["beta>=2", "gamma; extra == \"x\""], RequiresDist());
        Assert.Equal(["beta>=2", "gamma; extra == \"x\""], RequiresDist());
    }

    [Fact]
    public void Metadata_rewritten_in_place_with_the_same_size_is_read_again()
    {
        var metadata = WriteDistribution("alpha", "1.0", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(["alpha==1.0"], Read());

        File.WriteAllText(metadata, "Metadata-Version: 2.1\nName: alpha\nVersion: 2.0\n\n");
        File.SetLastWriteTimeUtc(metadata, new DateTime(2024, 1, 1, 0, 0, 1, DateTimeKind.Utc));

        Assert.Equal(["alpha==2.0"], Read());
    }

    [Fact]
    public void An_upgrade_and_a_removal_are_seen_and_the_cache_forgets_what_is_gone()
    {
        WriteDistribution("alpha", "1.0");
        WriteDistribution("beta", "1.0");
        Assert.Equal(["alpha==1.0", "beta==1.0"], Read());

        Directory.Delete(Path.Combine(Site, "alpha-1.0.dist-info"), recursive: true);
        WriteDistribution("alpha", "2.0");
        Directory.Delete(Path.Combine(Site, "beta-1.0.dist-info"), recursive: true);

        Assert.Equal(["alpha==2.0"], Read());
        var cached = File.ReadAllText(Assert.Single(Directory.GetFiles(CacheDirectory)));
        Assert.DoesNotContain("beta", cached);
    }

    [Fact]
    public void A_damaged_cache_file_is_ignored_and_replaced()
    {
        WriteDistribution("alpha", "1.0");
        Assert.Equal(["alpha==1.0"], Read());
        var cacheFile = Assert.Single(Directory.GetFiles(CacheDirectory));
        File.WriteAllText(cacheFile, "{ not a cache");

        Assert.Equal(["alpha==1.0"], Read());
        Assert.Contains("alpha", File.ReadAllText(cacheFile));

        // A truncated cache, and one whose counts run past its end, are refused as a whole.
        var complete = File.ReadAllBytes(cacheFile);
        File.WriteAllBytes(cacheFile, complete[..^3]);
        Assert.Equal(["alpha==1.0"], Read());
        var huge = File.ReadAllBytes(cacheFile);
        huge.AsSpan(huge.Length - 4).Fill(0x7f); // the Requires-Dist count of the last entry
        File.WriteAllBytes(cacheFile, huge);
        Assert.Equal(["alpha==1.0"], Read());
    }

    [Fact]
    public void HOOKGUARD_NO_CACHE_reads_everything_and_writes_no_cache()
    {
        WriteDistribution("alpha", "1.0");

        Assert.Equal(["alpha==1.0"], Read(("HOOKGUARD_NO_CACHE", "1")));
        Assert.False(Directory.Exists(CacheDirectory));
    }

    [Fact]
    public void The_cache_follows_XDG_CACHE_HOME_and_never_writes_into_the_venv()
    {
        WriteDistribution("alpha", "1.0");
        var xdg = Path.Combine(_root, "xdg");

        Assert.Equal(["alpha==1.0"], Read(("XDG_CACHE_HOME", xdg)));
        Assert.Single(Directory.GetFiles(Path.Combine(xdg, "hookguard", "metadata")));
        Assert.Empty(Directory.GetFiles(Venv, "*.bin", SearchOption.AllDirectories));
    }
}
