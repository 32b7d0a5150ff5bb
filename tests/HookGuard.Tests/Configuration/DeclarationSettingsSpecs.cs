using HookGuard.Core.Configuration;

namespace HookGuard.Tests.Configuration;

public sealed class DeclarationSettingsSpecs
{
    [Fact]
    public void By_default_the_lock_is_authoritative_and_each_tool_chooses_its_groups()
    {
        var config = ConfigParser.Parse("");

        Assert.Equal(Authoritative.Lock, config.Authoritative);
        Assert.Null(config.Groups);
    }

    [Fact]
    public void Authoritative_and_groups_are_read_at_the_top_and_per_project_with_group_names_normalized()
    {
        const string toml = """
            authoritative = "requirements"
            groups = ["Dev", "docs_extra"]

            [[project]]
            path = "services/api"
            authoritative = "lock"
            groups = []
            """;

        var config = ConfigParser.Parse(toml);

        Assert.Equal(Authoritative.Requirements, config.Authoritative);
        Assert.Equal(["dev", "docs-extra"], config.Groups);
        var project = Assert.Single(config.Projects);
        Assert.Equal(Authoritative.Lock, project.Authoritative);
        Assert.Equal([], project.Groups);
    }

    [Theory]
    [InlineData("authoritative = \"pyproject\"", 1, "authoritative")]
    [InlineData("groups = \"dev\"", 1, "groups")]
    [InlineData("\n[[project]]\npath = \"a\"\ngroups = [1]", 4, "project.groups")]
    public void A_bad_value_names_the_line_and_the_key(string toml, int line, string key)
    {
        var error = Assert.Throws<ConfigError>(() => ConfigParser.Parse(toml));

        Assert.Equal((line, key), (error.Line, error.Key));
    }
}
