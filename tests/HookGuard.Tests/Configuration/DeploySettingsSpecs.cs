using HookGuard.Core.Configuration;
using HookGuard.Core.Deploy;

namespace HookGuard.Tests.Configuration;

public sealed class DeploySettingsSpecs
{
    [Fact]
    public void Imports_are_warned_about_by_default()
    {
        Assert.Equal(Severity.Warn, ConfigParser.Parse("").Imports);
    }

    [Theory]
    [InlineData("off", Severity.Off)]
    [InlineData("warn", Severity.Warn)]
    [InlineData("block", Severity.Block)]
    public void Imports_takes_off_warn_or_block(string value, Severity expected)
    {
        Assert.Equal(expected, ConfigParser.Parse($"imports = \"{value}\"\n").Imports);
    }

    [Theory]
    [InlineData("imports = \"error\"\n")]
    [InlineData("imports = true\n")]
    public void Any_other_imports_value_is_an_error_at_its_line(string toml)
    {
        var error = Assert.Throws<ConfigError>(() => ConfigParser.Parse("policy = \"freeze\"\n" + toml));

        Assert.Equal(2, error.Line);
        Assert.Contains("imports", error.Message);
    }
}
