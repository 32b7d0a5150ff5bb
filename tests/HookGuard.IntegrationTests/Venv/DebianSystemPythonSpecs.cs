using CliWrap.Buffered;
using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// A <c>--system-site-packages</c> venv of Debian's own <c>/usr/bin/python3</c> (this machine and CI run Debian): its
/// patched <c>site.py</c> puts <c>/usr/local/lib/pythonX.Y/dist-packages</c> and <c>/usr/lib/python3/dist-packages</c>
/// on <c>sys.path</c>, not <c>lib/pythonX.Y/site-packages</c>, and pip freeze lists what they hold. HookGuard read
/// none of it before (found measuring the import check on Debian's packaged Python code).
/// </summary>
public sealed class DebianSystemPythonSpecs
{
    private const string SystemPython = "/usr/bin/python3";

    [Fact]
    public async Task I_read_the_same_distributions_as_pip_freeze_in_a_venv_of_debians_python_that_sees_the_system_packages()
    {
        Assert.True(File.Exists(SystemPython), "this spec needs Debian's /usr/bin/python3 (CI runs on Debian)");
        var root = Directory.CreateTempSubdirectory("hookguard-debian-venv-").FullName;
        try
        {
            var venv = Path.Combine(root, ".venv");
            var created = await PythonInterpreters.Clean(SystemPython, ["-m", "venv", "--without-pip", "--system-site-packages", venv], root).ExecuteBufferedAsync();
            Assert.True(created.ExitCode == 0, created.StandardError);
            var freeze = await PythonInterpreters.Clean(Path.Combine(venv, "bin", "python"), ["-m", "pip", "freeze", "--disable-pip-version-check"], root).ExecuteBufferedAsync();
            Assert.True(freeze.ExitCode == 0, "Debian's python3-pip must be installed for this spec: " + freeze.StandardError);

            var installed = VenvReader.Read(venv, name => name == "HOME" ? root : null);

            var fromPip = FrozenEntry.ParseFreeze(freeze.StandardOutput).Select(entry => entry.Name).Order(StringComparer.Ordinal).ToArray();
            var fromHookGuard = installed.Distributions.Select(d => d.NormalizedName).Order(StringComparer.Ordinal).ToArray();
            Assert.True(fromPip.Length > 10, $"Debian's dist-packages should hold Debian's Python packages (pip freeze listed {fromPip.Length})");
            Assert.Equal(fromPip, fromHookGuard);
            Assert.Contains(installed.Hidden, d => d.NormalizedName == "pip");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
