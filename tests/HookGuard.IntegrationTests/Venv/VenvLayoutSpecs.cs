using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// Layouts no local interpreter makes: Windows' <c>Lib/site-packages</c>, a distinct <c>lib64</c> (Fedora's
/// platlibdir), a virtualenv-style pyvenv.cfg. Written by hand and read with the platform given explicitly.
/// </summary>
public sealed class VenvLayoutSpecs : IDisposable
{
    private readonly string _venv = Path.Combine(Path.GetTempPath(), "hookguard-layout-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_venv)) Directory.Delete(_venv, recursive: true);
    }

    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void I_read_a_Windows_venv_from_Lib_site_packages()
    {
        PythonVenv.WriteFile(Path.Combine(_venv, "pyvenv.cfg"), "home = C:\\Python312\r\ninclude-system-site-packages = false\r\nversion = 3.12.1\r\n");
        PythonVenv.WriteFile(Path.Combine(_venv, "Lib", "site-packages", "Win_Pkg-1.0.dist-info", "METADATA"), PythonVenv.Metadata("Win_Pkg", "1.0"));

        var installed = VenvReader.Read(_venv, NoEnvironment, Hosts.Windows);

        Assert.Equal(["Win_Pkg"], installed.Distributions.Select(d => d.Name));
        Assert.Equal("3.12.1", installed.Environment.PythonFullVersion);
    }

    [Fact]
    public void A_distinct_lib64_site_packages_comes_first()
    {
        PythonVenv.WriteFile(Path.Combine(_venv, "pyvenv.cfg"), "home = /usr/bin\nimplementation = CPython\nversion_info = 3.12.1.final.0\nvirtualenv = 20.25.0\n");
        PythonVenv.WriteFile(Path.Combine(_venv, "lib64", "python3.12", "site-packages", "both-64.dist-info", "METADATA"), PythonVenv.Metadata("both", "64"));
        PythonVenv.WriteFile(Path.Combine(_venv, "lib64", "python3.12", "site-packages", "only64-1.dist-info", "METADATA"), PythonVenv.Metadata("only64", "1"));
        PythonVenv.WriteFile(Path.Combine(_venv, "lib", "python3.12", "site-packages", "both-32.dist-info", "METADATA"), PythonVenv.Metadata("both", "32"));

        var installed = VenvReader.Read(_venv, NoEnvironment, Hosts.Linux);

        Assert.Equal([("both", "64"), ("only64", "1")], installed.Distributions.Select(d => (d.Name, d.Version)).Order());
        Assert.Equal("3.12.1", installed.Environment.PythonFullVersion);
    }

    [Fact]
    public void A_lib64_symlink_to_lib_is_read_once()
    {
        PythonVenv.WriteFile(Path.Combine(_venv, "pyvenv.cfg"), "home = /usr/bin\nversion = 3.12.1\n");
        PythonVenv.WriteFile(Path.Combine(_venv, "lib", "python3.12", "site-packages", "once-1.dist-info", "METADATA"), PythonVenv.Metadata("once", "1"));
        Directory.CreateSymbolicLink(Path.Combine(_venv, "lib64"), "lib");

        var installed = VenvReader.Read(_venv, NoEnvironment, Hosts.Linux);

        Assert.Equal("once", Assert.Single(installed.Distributions).Name);
        Assert.Equal(Path.Combine(_venv, "lib", "python3.12", "site-packages"), installed.Distributions[0].Location);
    }
}
