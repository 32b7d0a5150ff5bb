using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// Metadata laid out by hand the way older tools (easy_install, distutils, interrupted pip runs) left it:
/// <c>*.egg-info</c> directories and files, legacy (non-PEP 440) versions, and leftovers pip ignores.
/// </summary>
public class HandWrittenMetadataSpecs(HandWrittenMetadataSpecs.Shape venvs) : IClassFixture<HandWrittenMetadataSpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        protected override Task ShapeAsync(PythonVenv venv)
        {
            var site = venv.SitePackages;
            // An egg-info directory (setup.py install --single-version-externally-managed).
            PythonVenv.WriteFile(Path.Combine(site, "Old_Egg-1.2-py3.8.egg-info", "PKG-INFO"), PythonVenv.Metadata("Old-Egg", "1.2", "1.1"));
            PythonVenv.WriteFile(Path.Combine(site, "Old_Egg-1.2-py3.8.egg-info", "top_level.txt"), "old_egg\n");
            // An egg-info file (distutils' install_egg_info).
            PythonVenv.WriteFile(Path.Combine(site, "single_file-0.9-py3.8.egg-info"), PythonVenv.Metadata("single_file", "0.9", "1.0"));
            // A legacy version pip shows as '===', and a valid one pip normalizes.
            PythonVenv.WriteFile(Path.Combine(site, "legacy_ver-1.0_foo.dist-info", "METADATA"), PythonVenv.Metadata("legacy_ver", "1.0-foo"));
            PythonVenv.WriteFile(Path.Combine(site, "TZ_Like-2013b.dist-info", "METADATA"), PythonVenv.Metadata("TZ_Like", "2013b"));
            // Folded headers and CRLF line endings.
            PythonVenv.WriteFile(Path.Combine(site, "folded-5.dist-info", "METADATA"), "Metadata-Version: 2.1\r\nName:\r\n folded\r\nVersion: 5\r\nSummary: one\r\n  two\r\n\r\nbody");
            // Leftovers pip ignores: a temp directory of an interrupted install, a dist-info without METADATA.
            PythonVenv.WriteFile(Path.Combine(site, "~atplotlib-3.0.dist-info", "METADATA"), PythonVenv.Metadata("matplotlib", "3.0"));
            Directory.CreateDirectory(Path.Combine(site, "leftover-1.0.dist-info"));
            return Task.CompletedTask;
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
    public void Egg_info_directories_and_files_count_and_leftovers_do_not(string python)
    {
        var names = venvs[python].Installed.Distributions.Select(d => d.NormalizedName).Order(StringComparer.Ordinal);

        Assert.Equal(["folded", "legacy-ver", "old-egg", "single-file", "tz-like"], names);
    }
}
