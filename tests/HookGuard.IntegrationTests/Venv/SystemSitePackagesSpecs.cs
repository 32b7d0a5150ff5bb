using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// <c>include-system-site-packages = true</c>: pip freeze (without <c>--local</c>) also lists the user site and the
/// base interpreter's site-packages, after the venv's own, first one wins.
/// </summary>
public class SystemSitePackagesSpecs(SystemSitePackagesSpecs.Shape venvs) : IClassFixture<SystemSitePackagesSpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        protected override bool SystemSitePackages => true;

        protected override async Task ShapeAsync(PythonVenv venv)
        {
            // 'click' is also in the base 3.11 of this machine: the venv's copy must win there.
            venv.BuildWheel("shadowed", "2.0");
            venv.BuildWheel("click", "0.0.1");
            await venv.InstallAsync("shadowed", "click==0.0.1"); // pinned: a bare "click" is already satisfied by the base
            PythonVenv.WriteFile(Path.Combine(venv.UserSitePackages, "user_only-1.0.dist-info", "METADATA"), PythonVenv.Metadata("user_only", "1.0"));
            PythonVenv.WriteFile(Path.Combine(venv.UserSitePackages, "shadowed-1.0.dist-info", "METADATA"), PythonVenv.Metadata("shadowed", "1.0"));
        }
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void I_read_the_same_distributions_as_pip_freeze(string python)
    {
        var outcome = venvs[python];

        Assert.Equal(outcome.PipFreeze, outcome.HookGuard);
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void The_venv_comes_before_the_user_site_which_comes_before_the_base(string python)
    {
        var installed = venvs[python].Installed.Distributions;

        Assert.Equal("2.0", installed.Single(d => d.NormalizedName == "shadowed").Version);
        Assert.Equal("0.0.1", installed.Single(d => d.NormalizedName == "click").Version);
        Assert.Contains(installed, d => d.NormalizedName == "user-only");
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void The_base_interpreters_pip_is_seen_and_hidden(string python)
    {
        Assert.Contains(venvs[python].Installed.Hidden, d => d.NormalizedName == "pip");
    }
}
