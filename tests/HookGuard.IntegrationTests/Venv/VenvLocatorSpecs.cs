using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>SPEC sec. 4.5: the configured path; else .venv, venv, env in the project; else $VIRTUAL_ENV.</summary>
public sealed class VenvLocatorSpecs : IDisposable
{
    private readonly string _project = Path.Combine(Path.GetTempPath(), "hookguard-locate-" + Guid.NewGuid().ToString("N")[..12]);

    public VenvLocatorSpecs() => Directory.CreateDirectory(_project);

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private string MakeVenv(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(_project, relative));
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "pyvenv.cfg"), "home = /usr/bin\n");
        return path;
    }

    private static Func<string, string?> Env(string? virtualEnv) => name => name == "VIRTUAL_ENV" ? virtualEnv : null;

    [Fact]
    public void The_configured_path_wins_relative_to_the_project()
    {
        MakeVenv(".venv");
        var configured = MakeVenv("../" + Path.GetFileName(_project) + "-venvs/api");

        var location = VenvLocator.Locate(_project, "../" + Path.GetFileName(_project) + "-venvs/api", Env("/elsewhere"));

        Assert.Equal(new VenvLocation(configured, VenvDiscoveryRule.Configured), location);
        Directory.Delete(Path.GetDirectoryName(configured)!, recursive: true);
    }

    [Theory]
    [InlineData(new[] { ".venv", "venv", "env" }, ".venv")]
    [InlineData(new[] { "venv", "env" }, "venv")]
    [InlineData(new[] { "env" }, "env")]
    public void The_first_conventional_directory_with_pyvenv_cfg_is_the_projects_venv(string[] present, string expected)
    {
        foreach (var name in present) MakeVenv(name);

        var location = VenvLocator.Locate(_project, null, Env("/elsewhere"));

        Assert.Equal(new VenvLocation(Path.Combine(_project, expected), VenvDiscoveryRule.InProject), location);
    }

    [Fact]
    public void A_conventional_directory_without_pyvenv_cfg_is_not_a_venv()
    {
        Directory.CreateDirectory(Path.Combine(_project, ".venv"));
        var env = MakeVenv("env");

        var location = VenvLocator.Locate(_project, null, Env(null));

        Assert.Equal(new VenvLocation(env, VenvDiscoveryRule.InProject), location);
    }

    [Fact]
    public void An_activated_venv_is_the_fallback()
    {
        var activated = Path.Combine(Path.GetTempPath(), "somewhere", "venv");

        var location = VenvLocator.Locate(_project, null, Env(activated));

        Assert.Equal(new VenvLocation(activated, VenvDiscoveryRule.ActivatedEnvironment), location);
    }

    [Fact]
    public void Without_any_rule_matching_none_is_found()
    {
        var location = VenvLocator.Locate(_project, "  ", Env(""));

        Assert.Equal(VenvLocation.NotFound, location);
        Assert.False(location.Found);
    }
}
