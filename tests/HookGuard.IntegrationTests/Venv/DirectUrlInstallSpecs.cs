using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary><c>pip install ./local.whl</c> records a PEP 610 direct URL; pip freeze then writes <c>name @ file://...</c>.</summary>
public class DirectUrlInstallSpecs(DirectUrlInstallSpecs.Shape venvs) : IClassFixture<DirectUrlInstallSpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        protected override async Task ShapeAsync(PythonVenv venv)
        {
            var local = venv.BuildWheel("Local.Wheel", "0.1.0");
            venv.BuildWheel("by-name", "1.0");
            await venv.InstallAsync(local, "by-name");
        }
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void I_read_the_same_direct_url_lines_as_pip_freeze(string python)
    {
        var outcome = venvs[python];

        Assert.Equal(outcome.PipFreeze, outcome.HookGuard);
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void A_local_wheel_is_a_file_url_that_is_not_editable(string python)
    {
        var local = venvs[python].Installed.Distributions.Single(d => d.NormalizedName == "local-wheel");

        Assert.NotNull(local.DirectUrl);
        Assert.StartsWith("file:///", local.DirectUrl.Url);
        Assert.False(local.Editable);
        Assert.Null(venvs[python].Installed.Distributions.Single(d => d.NormalizedName == "by-name").DirectUrl);
    }
}
