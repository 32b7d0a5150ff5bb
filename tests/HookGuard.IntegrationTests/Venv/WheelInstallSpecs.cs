using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>Wheels installed by pip: names as their authors wrote them, versions not in normal form.</summary>
public class WheelInstallSpecs(WheelInstallSpecs.Shape venvs) : IClassFixture<WheelInstallSpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        public static readonly (string Name, string Version)[] Distributions =
        [
            ("requests", "2.31.0"),
            ("Foo_Bar.Baz", "1.0"),
            ("UPPER-CASE", "3.0.0"),
            ("zope.interface", "6.1"),
            ("dotted.Mixed_Name-x", "0.0.1"),
            ("pre-release", "1.0.0-RC1"),
            ("post.release", "2.0-post1"),
            ("dev_release", "3.0.dev0"),
            ("epoch", "1!2.0"),
            ("local-version", "1.0+local.7"),
            ("leading-v", "v4.2"),
            ("with-deps", "0.5"),
        ];

        protected override async Task ShapeAsync(PythonVenv venv)
        {
            foreach (var (name, version) in Distributions)
                venv.BuildWheel(name, version, name == "with-deps" ? ["requests (>=2)", "idna; python_version < \"3.8\""] : null);
            await venv.InstallAsync([.. Distributions.Select(d => d.Name)]);
        }
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void I_read_the_same_names_and_versions_as_pip_freeze(string python)
    {
        var outcome = venvs[python];

        Assert.Equal(outcome.PipFreeze, outcome.HookGuard);
        Assert.Equal(Shape.Distributions.Length, outcome.HookGuard.Count);
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void Names_and_versions_are_kept_as_the_metadata_writes_them(string python)
    {
        var installed = venvs[python].Installed.Distributions.ToDictionary(d => d.Name, d => d.Version);

        Assert.Equal(Shape.Distributions.ToDictionary(d => d.Name, d => d.Version).OrderBy(p => p.Key), installed.OrderBy(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void Requires_dist_is_kept_raw_from_the_header_block(string python)
    {
        var withDeps = venvs[python].Installed.Distributions.Single(d => d.Name == "with-deps");

        Assert.Equal(["requests (>=2)", "idna; python_version < \"3.8\""], withDeps.RequiresDist);
        Assert.Equal(venvs[python].Venv.SitePackages, withDeps.Location);
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void The_marker_environment_is_the_venvs_python(string python)
    {
        var environment = venvs[python].Installed.Environment;

        Assert.Equal(python, environment.PythonVersion);
        Assert.StartsWith(python + ".", environment.PythonFullVersion);
        Assert.Equal("cpython", environment.ImplementationName);
    }
}
