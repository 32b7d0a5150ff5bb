using HookGuard.Core.Configuration;
using HookGuard.Core.Deploy;

namespace HookGuard.Tests.Configuration;

public sealed class TargetSettingsSpecs
{
    [Fact]
    public void By_default_the_target_check_warns_and_the_target_is_learnt_from_the_files()
    {
        var config = ConfigParser.Parse("");

        Assert.Equal(Severity.Warn, config.TargetCheck);
        Assert.Null(config.TargetPython);
        Assert.Null(config.TargetPythonFor("api"));
    }

    [Theory]
    [InlineData("off", Severity.Off)]
    [InlineData("warn", Severity.Warn)]
    [InlineData("block", Severity.Block)]
    public void Target_check_is_off_warn_or_block(string value, Severity expected)
    {
        var config = ConfigParser.Parse($"target-check = \"{value}\"\n");

        Assert.Equal(expected, config.TargetCheck);
    }

    [Fact]
    public void Target_python_is_read_at_the_top_and_a_project_overrides_it()
    {
        const string toml = """
            target-python = "3.12"

            [[project]]
            path = "services/api"
            target-python = "3.11.9"

            [[project]]
            path = "services/web"
            """;

        var config = ConfigParser.Parse(toml);

        Assert.Equal("3.12", config.TargetPython);
        Assert.Equal("3.11.9", config.TargetPythonFor("services/api"));
        Assert.Equal("3.12", config.TargetPythonFor("services/web"));
        Assert.Equal("3.12", config.TargetPythonFor("elsewhere"));
    }

    [Theory]
    [InlineData("target-python = \"python3.12\"", 1, "target-python", "\"python3.12\"")]
    [InlineData("target-python = \"3\"", 1, "target-python", "major.minor")]
    [InlineData("target-python = \"3.12-slim\"", 1, "target-python", "3.12-slim")]
    [InlineData("target-python = \"3.12.1.4\"", 1, "target-python", "3.12.1.4")]
    [InlineData("target-python = \"\"", 1, "target-python", "found \"\"")]
    [InlineData("target-python = 3.12", 1, "target-python", "found a number")]
    [InlineData("policy = \"freeze\"\ntarget-check = \"error\"", 2, "target-check", "\"off\" or \"warn\" or \"block\"")]
    [InlineData("target-check = true", 1, "target-check", "found a boolean")]
    [InlineData("[[project]]\npath = \"a\"\ntarget-python = \"3.x\"", 3, "project.target-python", "3.x")]
    [InlineData("[[project]]\npath = \"a\"\ntarget-check = \"off\"", 3, "project.target-check", "unknown key")]
    public void A_bad_target_setting_is_an_error_with_its_line_and_key(string toml, int line, string key, string says)
    {
        var error = Assert.Throws<ConfigError>(() => ConfigParser.Parse(toml));

        Assert.Equal(line, error.Line);
        Assert.Equal(key, error.Key);
        Assert.Contains(says, error.Reason);
    }
}
