using HookGuard.Core.Installed;
using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>A broken venv gives a typed error naming the file and line, never a stack trace or a guess.</summary>
public sealed class VenvReaderErrorSpecs : IDisposable
{
    private readonly string _venv = Path.Combine(Path.GetTempPath(), "hookguard-broken-" + Guid.NewGuid().ToString("N")[..12]);
    private string Site => Path.Combine(_venv, "lib", "python3.11", "site-packages");

    public VenvReaderErrorSpecs() => Directory.CreateDirectory(Site);

    public void Dispose() => Directory.Delete(_venv, recursive: true);

    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void A_directory_without_pyvenv_cfg_is_not_a_venv()
    {
        var error = Assert.Throws<VenvFormatException>(() => VenvReader.Read(_venv, NoEnvironment));

        Assert.Equal(Path.Combine(_venv, "pyvenv.cfg"), error.File);
    }

    [Fact]
    public void A_malformed_pyvenv_cfg_names_its_line()
    {
        PythonVenv.WriteFile(Path.Combine(_venv, "pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = maybe\n");

        var error = Assert.Throws<VenvFormatException>(() => VenvReader.Read(_venv, NoEnvironment));

        Assert.Equal((Path.Combine(_venv, "pyvenv.cfg"), 2), (error.File, error.Line));
    }

    [Fact]
    public void A_malformed_METADATA_names_its_file_and_line()
    {
        PythonVenv.WriteFile(Path.Combine(_venv, "pyvenv.cfg"), "home = /usr/bin\nversion = 3.11.7\n");
        var metadata = Path.Combine(Site, "broken-1.0.dist-info", "METADATA");
        PythonVenv.WriteFile(metadata, "Metadata-Version: 2.1\nName: broken\nVersion 1.0\n");

        var error = Assert.Throws<VenvFormatException>(() => VenvReader.Read(_venv, NoEnvironment));

        Assert.Equal((metadata, 3), (error.File, error.Line));
    }

    [Fact]
    public void A_malformed_direct_url_json_names_its_file()
    {
        PythonVenv.WriteFile(Path.Combine(_venv, "pyvenv.cfg"), "home = /usr/bin\nversion = 3.11.7\n");
        PythonVenv.WriteFile(Path.Combine(Site, "ok-1.0.dist-info", "METADATA"), PythonVenv.Metadata("ok", "1.0"));
        var directUrl = Path.Combine(Site, "ok-1.0.dist-info", "direct_url.json");
        PythonVenv.WriteFile(directUrl, "{\"url\": ");

        var error = Assert.Throws<VenvFormatException>(() => VenvReader.Read(_venv, NoEnvironment));

        Assert.Equal(directUrl, error.File);
    }

    [Fact]
    public void Without_a_version_in_pyvenv_cfg_the_lib_directory_tells_the_python()
    {
        PythonVenv.WriteFile(Path.Combine(_venv, "pyvenv.cfg"), "home = /usr/bin\n");
        PythonVenv.WriteFile(Path.Combine(Site, "ok-1.0.dist-info", "METADATA"), PythonVenv.Metadata("ok", "1.0"));

        var installed = VenvReader.Read(_venv, NoEnvironment);

        Assert.Equal("3.11", installed.Environment.PythonVersion);
        Assert.Equal(["ok"], installed.Distributions.Select(d => d.Name));
    }
}
