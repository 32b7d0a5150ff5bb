using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// When an info directory's name and its METADATA disagree on the version, what pip freeze shows depends on the pip
/// and the Python: pkg_resources (Python &lt; 3.11) and pip ≥ 24.2 read the directory name, pip 23.x on Python ≥ 3.11
/// reads METADATA. Each venv here is frozen by its own pip: 23.0.1 on 3.8, 23.2.1 on 3.11, 24.2 on 3.13.
/// </summary>
public class MismatchedInfoDirectorySpecs(MismatchedInfoDirectorySpecs.Shape venvs) : IClassFixture<MismatchedInfoDirectorySpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        protected override bool WithPip => true;

        protected override Task ShapeAsync(PythonVenv venv)
        {
            var site = venv.SitePackages;
            PythonVenv.WriteFile(Path.Combine(site, "Mismatch-1.0.dist-info", "METADATA"), PythonVenv.Metadata("Mismatch", "2.0"));
            PythonVenv.WriteFile(Path.Combine(site, "escaped-1.0_RC1.dist-info", "METADATA"), PythonVenv.Metadata("escaped", "1.0-RC1"));
            // Left out on purpose: a .dist-info name whose version is not PEP 440 over a valid METADATA version.
            // pip 24.2 then prints METADATA's version as a legacy '===' pin, which InstalledDistribution cannot say.
            PythonVenv.WriteFile(Path.Combine(site, "old_egg-1.5-py3.8.egg-info", "PKG-INFO"), PythonVenv.Metadata("old_egg", "1.6"));
            return Task.CompletedTask;
        }
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void I_show_the_version_the_venvs_own_pip_freeze_shows(string python)
    {
        var outcome = venvs[python];

        Assert.Equal(outcome.PipFreeze, outcome.HookGuard);
    }

    [Theory]
    [InlineData("3.8", "1.0")]
    [InlineData("3.11", "2.0")]
    [InlineData("3.13", "1.0")]
    public void The_directory_name_or_METADATA_wins_as_in_that_pip(string python, string shown)
    {
        var mismatch = venvs[python].Installed.Distributions.Single(d => d.NormalizedName == "mismatch");

        Assert.Equal(shown, mismatch.Version);
    }
}
