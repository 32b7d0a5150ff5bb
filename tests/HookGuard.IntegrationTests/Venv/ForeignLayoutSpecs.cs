using HookGuard.Core.Installed;
using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// Real venvs read by the layout they have, not by the system reading them: a real venv rearranged into Windows'
/// layout (<see cref="WindowsLayoutVenv"/>: constructed, since no Windows Python runs here) read as WSL would read it,
/// and a real POSIX venv read as Windows would read it (through \\wsl$). pip freeze of the venv before it was
/// rearranged is the reference.
/// </summary>
public sealed class ForeignLayoutSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hookguard-foreign-" + Guid.NewGuid().ToString("N")[..12]);

    private string Venv => Path.Combine(_root, ".venv");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static string? NoEnvironment(string name) => null;

    private static IEnumerable<string> Pins(InstalledSet installed) =>
        installed.Distributions.Select(d => $"{d.Name}=={d.Version}").Order(StringComparer.Ordinal);

    [Theory]
    [InlineData("Lib")]
    [InlineData("lib")]
    public async Task A_Windows_venv_read_from_Linux_holds_what_pip_froze_and_has_Windows_markers(string libName)
    {
        await venvs.CreateVenvAsync(Venv, "alpha==2.0", "Delta_Pkg==4.0", "gamma==0.3");
        var frozen = await venvs.FreezeAsync(Venv);
        var ran = WindowsLayoutVenv.Rearrange(Venv, WheelhouseVenvs.PythonVersion, libName);

        var installed = VenvReader.Read(Venv, NoEnvironment, Hosts.Linux);

        Assert.Equal(frozen, Pins(installed));
        Assert.All(installed.Distributions, d => Assert.StartsWith(Path.Combine(Venv, libName, "site-packages"), d.Location));
        var markers = installed.Environment;
        Assert.Equal(("nt", "win32", "Windows", "AMD64", "3.11.7"),
            (markers.OsName, markers.SysPlatform, markers.PlatformSystem, markers.PlatformMachine, markers.PythonFullVersion));
        Assert.False(File.Exists(ran), "reading a Windows venv must not run its python.exe");
    }

    [Fact]
    public async Task A_real_POSIX_venv_read_from_Windows_is_read_by_its_layout_with_Linux_markers_and_its_lib64_link_once()
    {
        await venvs.CreateVenvAsync(Venv, "alpha==1.0", "beta==1.5");
        var frozen = await venvs.FreezeAsync(Venv);
        Assert.True(new DirectoryInfo(Path.Combine(Venv, "lib64")).LinkTarget is not null || !Directory.Exists(Path.Combine(Venv, "lib64")),
            "python -m venv makes lib64 a link to lib on 64-bit Linux");

        var installed = VenvReader.Read(Venv, NoEnvironment, Hosts.Windows);

        Assert.Equal(frozen, Pins(installed));
        var markers = installed.Environment;
        Assert.Equal(("posix", "linux", "Linux", "x86_64"), (markers.OsName, markers.SysPlatform, markers.PlatformSystem, markers.PlatformMachine));
    }

    [Fact]
    public async Task A_Windows_venv_that_sees_an_unreachable_base_Python_is_refused_naming_its_home()
    {
        await venvs.CreateVenvAsync(Venv, "alpha==2.0");
        WindowsLayoutVenv.Rearrange(Venv, WheelhouseVenvs.PythonVersion, includeSystemSitePackages: true, home: @"Q:\NoSuchPython\Python311");

        var error = Assert.Throws<VenvFormatException>(() => VenvReader.Read(Venv, NoEnvironment, Hosts.Linux));

        Assert.Equal(Path.Combine(Venv, "pyvenv.cfg"), error.File);
        Assert.Contains(@"Q:\NoSuchPython\Python311", error.Message);
        Assert.Contains("include-system-site-packages = true", error.Message);
    }

    [Fact]
    public void A_Windows_venv_without_a_version_says_that_its_layout_cannot_tell_it()
    {
        PythonVenv.WriteFile(Path.Combine(Venv, "pyvenv.cfg"), "home = C:\\Python312\r\ninclude-system-site-packages = false\r\n");
        PythonVenv.WriteFile(Path.Combine(Venv, "Lib", "site-packages", "a-1.dist-info", "METADATA"), PythonVenv.Metadata("a", "1"));

        var error = Assert.Throws<VenvFormatException>(() => VenvReader.Read(Venv, NoEnvironment, Hosts.Linux));

        Assert.Contains("Windows venv", error.Message);
    }

    [Fact]
    public void A_venv_with_only_Scripts_and_a_Windows_home_is_a_Windows_venv()
    {
        PythonVenv.WriteFile(Path.Combine(Venv, "pyvenv.cfg"), "home = C:\\Python312-arm64\r\nversion = 3.12.1\r\n");
        Directory.CreateDirectory(Path.Combine(Venv, "Scripts"));

        var installed = VenvReader.Read(Venv, NoEnvironment, Hosts.Linux);

        Assert.Empty(installed.Distributions);
        Assert.Equal(("win32", "ARM64"), (installed.Environment.SysPlatform, installed.Environment.PlatformMachine));
    }
}
