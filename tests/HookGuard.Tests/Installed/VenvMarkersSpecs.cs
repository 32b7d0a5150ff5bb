using HookGuard.Core.Installed;

namespace HookGuard.Tests.Installed;

/// <summary>
/// The markers of a venv come from the system it was made for, read from its layout and pyvenv.cfg, never from
/// running its interpreter: a Windows venv seen from WSL is win32, a Linux venv seen from Windows is linux.
/// </summary>
public class VenvMarkersSpecs
{
    private static readonly HostPlatform Linux = new("posix", "linux", "Linux", "x86_64", "6.6.87.2-microsoft-standard-WSL2", "#1 SMP");
    private static readonly HostPlatform LinuxArm = Linux with { PlatformMachine = "aarch64" };
    private static readonly HostPlatform Windows = new("nt", "win32", "Windows", "AMD64", "10", "10.0.22631");
    private static readonly HostPlatform Mac = new("posix", "darwin", "Darwin", "arm64", "23.4.0", "Darwin Kernel Version 23.4.0");

    private static readonly PyvenvConfig WindowsVenv = PyvenvConfigParser.Parse(
        "home = C:\\Users\\dev\\AppData\\Local\\Programs\\Python\\Python312\r\ninclude-system-site-packages = false\r\nversion = 3.12.1\r\n" +
        "executable = C:\\Users\\dev\\AppData\\Local\\Programs\\Python\\Python312\\python.exe\r\n" +
        "command = C:\\Users\\dev\\AppData\\Local\\Programs\\Python\\Python312\\python.exe -m venv C:\\work\\api\\.venv\r\n", "pyvenv.cfg");

    private static readonly PyvenvConfig LinuxVenv = PyvenvConfigParser.Parse("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n", "pyvenv.cfg");

    [Fact]
    public void A_Windows_venv_read_from_Linux_has_the_markers_of_Windows()
    {
        var markers = VenvMarkers.For(WindowsVenv, (3, 12), VenvLayoutKind.Windows, Linux);

        Assert.Equal(("nt", "win32", "Windows", "AMD64"), (markers.OsName, markers.SysPlatform, markers.PlatformSystem, markers.PlatformMachine));
        Assert.Equal(("3.12", "3.12.1", "cpython", "CPython"), (markers.PythonVersion, markers.PythonFullVersion, markers.ImplementationName, markers.PlatformPythonImplementation));
        // Windows' release and build are nowhere in a venv: nothing of the Linux kernel may stand in for them.
        Assert.Equal(("", ""), (markers.PlatformRelease, markers.PlatformVersion));
    }

    [Theory]
    [InlineData("C:\\Python312-arm64", "ARM64")]
    [InlineData("C:\\Users\\dev\\AppData\\Local\\Programs\\Python\\Python312-32\\", "x86")]
    [InlineData("D:/tools/python", "ARM64")]
    public void The_machine_of_a_Windows_venv_comes_from_the_installer_folder_else_the_shared_processor(string home, string machine)
    {
        var config = new PyvenvConfig(home, false, "3.12.1", null);

        Assert.Equal(machine, VenvMarkers.For(config, (3, 12), VenvLayoutKind.Windows, LinuxArm).PlatformMachine);
    }

    [Fact]
    public void A_Windows_venv_read_on_Windows_has_the_markers_of_this_Windows()
    {
        var markers = VenvMarkers.For(WindowsVenv, (3, 12), VenvLayoutKind.Windows, Windows);

        Assert.Equal(("nt", "win32", "AMD64", "10", "10.0.22631"), (markers.OsName, markers.SysPlatform, markers.PlatformMachine, markers.PlatformRelease, markers.PlatformVersion));
    }

    [Fact]
    public void A_POSIX_venv_read_from_Windows_has_the_markers_of_Linux()
    {
        var markers = VenvMarkers.For(LinuxVenv, (3, 11), VenvLayoutKind.Posix, Windows);

        Assert.Equal(("posix", "linux", "Linux", "x86_64", ""), (markers.OsName, markers.SysPlatform, markers.PlatformSystem, markers.PlatformMachine, markers.PlatformRelease));
    }

    [Fact]
    public void A_POSIX_venv_read_on_Linux_has_the_markers_of_this_machine()
    {
        var markers = VenvMarkers.For(LinuxVenv, (3, 11), VenvLayoutKind.Posix, Linux);

        Assert.Equal(("linux", "x86_64", "6.6.87.2-microsoft-standard-WSL2"), (markers.SysPlatform, markers.PlatformMachine, markers.PlatformRelease));
    }

    [Theory]
    [InlineData("/Library/Frameworks/Python.framework/Versions/3.12/bin", "x86_64")]
    [InlineData("/opt/homebrew/opt/python@3.12/bin", "arm64")]
    public void A_venv_whose_base_Python_only_macOS_has_was_made_on_a_Mac(string home, string machine)
    {
        var markers = VenvMarkers.For(new PyvenvConfig(home, false, "3.12.4", null), (3, 12), VenvLayoutKind.Posix, Linux);

        Assert.Equal(("posix", "darwin", "Darwin", machine), (markers.OsName, markers.SysPlatform, markers.PlatformSystem, markers.PlatformMachine));
    }

    [Fact]
    public void On_a_Mac_a_Mac_venv_has_the_markers_of_this_Mac()
    {
        var markers = VenvMarkers.For(new PyvenvConfig("/opt/homebrew/opt/python@3.12/bin", false, "3.12.4", null), (3, 12), VenvLayoutKind.Posix, Mac);

        Assert.Equal(Mac.PlatformRelease, markers.PlatformRelease);
    }

    [Fact]
    public void Version_info_and_implementation_of_virtualenv_and_uv_give_the_interpreter()
    {
        var config = PyvenvConfigParser.Parse("home = C:\\pypy3.10\r\nimplementation = PyPy\r\nversion_info = 3.10.14.final.0\r\nvirtualenv = 20.25.0\r\n", "pyvenv.cfg");

        var markers = VenvMarkers.For(config, config.PythonMajorMinor!.Value, VenvLayoutKind.Windows, Linux);

        Assert.Equal(("3.10", "3.10.14", "pypy", "PyPy", "win32"),
            (markers.PythonVersion, markers.PythonFullVersion, markers.ImplementationName, markers.PlatformPythonImplementation, markers.SysPlatform));
    }

    [Fact]
    public void Without_a_version_key_the_full_version_is_the_one_the_layout_gives()
    {
        var markers = VenvMarkers.For(new PyvenvConfig("/usr/bin", false, null, null), (3, 9), VenvLayoutKind.Posix, Linux);

        Assert.Equal(("3.9", "3.9"), (markers.PythonVersion, markers.PythonFullVersion));
    }

    [Fact]
    public void A_lock_marker_for_win32_holds_for_a_Windows_venv_read_from_Linux_and_not_for_a_Linux_one()
    {
        var win32 = HookGuard.Core.Packaging.Marker.Parse("sys_platform == \"win32\" and os_name == \"nt\" and platform_machine == \"AMD64\"");

        Assert.True(win32.Evaluate(VenvMarkers.For(WindowsVenv, (3, 12), VenvLayoutKind.Windows, Linux)));
        Assert.False(win32.Evaluate(VenvMarkers.For(LinuxVenv, (3, 11), VenvLayoutKind.Posix, Linux)));
    }
}
