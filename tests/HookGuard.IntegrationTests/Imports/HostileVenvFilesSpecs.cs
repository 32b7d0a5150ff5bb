using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Imports;

/// <summary>
/// Whatever bytes a venv's top_level.txt, RECORD, .pth or editable finder holds, and whatever odd entries sit in
/// site-packages, the lookup returns (fewer names, never an exception).
/// </summary>
public sealed class HostileVenvFilesSpecs
{
    [Fact]
    public async Task Garbage_metadata_files_give_an_answer()
    {
        using var venv = await PythonVenv.CreateAsync("3.13");
        var site = venv.SitePackages;
        var random = new Random(12);
        byte[] Garbage(int length) { var bytes = new byte[length]; random.NextBytes(bytes); return bytes; }

        for (var i = 0; i < 20; i++)
        {
            var info = Path.Combine(site, $"junk{i}-1.0.dist-info");
            PythonVenv.WriteFile(Path.Combine(info, "METADATA"), PythonVenv.Metadata($"junk{i}", "1.0"));
            if (i % 2 == 0) File.WriteAllBytes(Path.Combine(info, "top_level.txt"), Garbage(random.Next(0, 300)));
            File.WriteAllBytes(Path.Combine(info, "RECORD"), Garbage(random.Next(0, 3000)));
        }
        File.WriteAllBytes(Path.Combine(site, "__editable___junk_finder.py"), Garbage(500));
        File.WriteAllText(Path.Combine(site, "__editable___orphan_1_0_finder.py"), "MAPPING = {'orphan_pkg': '/nowhere/orphan_pkg'}\n");
        File.WriteAllBytes(Path.Combine(site, "junk.pth"), Garbage(200));
        Directory.CreateDirectory(Path.Combine(site, "real_pkg"));
        Directory.CreateDirectory(Path.Combine(site, "junk0-1.0.dist-info", "RECORD.d"));
        File.WriteAllText(Path.Combine(site, "9lives.py"), "");

        var installed = VenvReader.Read(venv.Path, venv.Environment);
        var providers = VenvModules.Read(installed);

        Assert.Equal(20, installed.Distributions.Count);
        Assert.Null(Assert.Single(providers.For("real_pkg")).NormalizedName);
        Assert.Empty(providers.For("9lives"));
        Assert.Equal(HookGuard.Core.Imports.ModuleEvidence.Unowned, Assert.Single(providers.For("orphan_pkg")).Evidence); // a finder no RECORD claims
    }
}
