using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Imports;

/// <summary>
/// The modules cache (<c>~/.cache/hookguard/modules</c>): a second read with nothing changed gives the stored answer;
/// a new entry in site-packages, an edited .pth and a fresh (racy) venv are never served from it.
/// </summary>
public sealed class ModulesCacheSpecs : IAsyncLifetime
{
    private PythonVenv _venv = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _venv = await PythonVenv.CreateAsync("3.12");
        _source = Path.Combine(_venv.Root, "src");
        PythonVenv.WriteFile(Path.Combine(_source, "first_src", "__init__.py"), "");
        await _venv.InstallAsync(
            ModuleWheels.Build(_venv.Wheels, "cached-dist", "1.0", [("cached_mod/__init__.py", "")], topLevel: "cached_mod\n"),
            ModuleWheels.Build(_venv.Wheels, "pth-dist", "1.0", [("_pth_dist.pth", _source + "\n")]));
    }

    private string CacheDirectory => Path.Combine(_venv.Home, ".cache", "hookguard", "modules");

    private HookGuard.Core.Imports.ModuleProviders Read() => VenvModules.Read(VenvReader.Read(_venv.Path, _venv.Environment), _venv.Environment);

    /// <summary>Moves every time the cache watches two minutes back, out of the racy window.</summary>
    private void Age()
    {
        var past = DateTime.UtcNow.AddMinutes(-2);
        foreach (var path in Directory.EnumerateFileSystemEntries(_venv.SitePackages, "*", SearchOption.AllDirectories).Append(_venv.SitePackages)
                     .Concat(Directory.EnumerateFileSystemEntries(_source, "*", SearchOption.AllDirectories)).Append(_source))
        {
            if (Directory.Exists(path)) Directory.SetLastWriteTimeUtc(path, past);
            else File.SetLastWriteTimeUtc(path, past);
        }
    }

    [Fact]
    public void A_fresh_venv_is_not_cached_and_an_aged_one_is()
    {
        Directory.SetLastWriteTimeUtc(_venv.SitePackages, DateTime.UtcNow); // as just installed, however slow the setup was
        Assert.True(Read().Provides("cached_mod"));
        Assert.False(Directory.Exists(CacheDirectory) && Directory.EnumerateFiles(CacheDirectory).Any()); // changed seconds ago: racy

        Age();
        Read();

        Assert.Single(Directory.EnumerateFiles(CacheDirectory, "*.bin"));
    }

    [Fact]
    public void An_unchanged_venv_is_answered_from_the_cache()
    {
        Age();
        Read();
        // An in-place edit that keeps the stamps: only a cached answer can still say cached_mod.
        var topLevel = Directory.GetFiles(_venv.SitePackages, "top_level.txt", SearchOption.AllDirectories).Single();
        var stamp = File.GetLastWriteTimeUtc(topLevel);
        File.WriteAllText(topLevel, "other_mod\n");
        File.SetLastWriteTimeUtc(topLevel, stamp);

        var again = Read();

        Assert.True(again.Provides("cached_mod"));
        Assert.False(again.Provides("other_mod"));
        Assert.True(VenvModules.Read(VenvReader.Read(_venv.Path, _venv.Environment)).Provides("other_mod")); // uncached: the edit
    }

    [Fact]
    public void A_new_module_file_or_an_edited_pth_is_seen_at_once()
    {
        Age();
        Assert.True(Read().Provides("first_src"));

        File.WriteAllText(Path.Combine(_venv.SitePackages, "added_later.py"), "");
        Assert.True(Read().Provides("added_later"));

        var second = Path.Combine(_venv.Root, "src2");
        PythonVenv.WriteFile(Path.Combine(second, "second_src", "__init__.py"), "");
        File.AppendAllText(Path.Combine(_venv.SitePackages, "_pth_dist.pth"), second + "\n");
        var after = Read();
        Assert.True(after.Provides("second_src"));
        Assert.Equal("pth-dist", Assert.Single(after.For("second_src")).NormalizedName);
    }

    public Task DisposeAsync()
    {
        _venv.Dispose();
        return Task.CompletedTask;
    }
}
