using HookGuard.Core.Configuration;
using HookGuard.Core.Drift;

namespace HookGuard.Tests.Configuration;

public sealed class ConfigurationSpecs
{
    private static ConfigError ErrorFor(string toml) => Assert.Throws<ConfigError>(() => ConfigParser.Parse(toml));

    [Theory]
    [InlineData("policy = \"freeze\"\nignore = [\"\\uD800\"]\n")]
    [InlineData("policy = \"freeze\"\nignore = [\"\\U00110000\"]\n")]
    public void An_escape_that_is_not_a_unicode_scalar_value_is_a_located_error(string toml)
    {
        // Found by the fuzzer: Tomlyn's lexer threw ArgumentOutOfRangeException on these escapes.
        var error = Assert.Throws<ConfigError>(() => ConfigParser.Parse(toml));

        Assert.Equal(2, error.Line);
        Assert.Contains("not valid TOML", error.Message);
    }

    [Fact]
    public void An_empty_file_means_the_defaults()
    {
        var config = ConfigParser.Parse("");

        Assert.Equal(Policy.Freeze, config.Policy);
        Assert.False(config.Autostage);
        Assert.Equal(["requirements.txt"], config.Requirements);
        Assert.Empty(config.Ignore);
        Assert.Equal(MissingVenvAction.Warn, config.OnMissingVenv);
        Assert.Equal(InstalledSource.Metadata, config.InstalledSource);
        Assert.Empty(config.Projects);
    }

    [Fact]
    public void Reads_the_example_of_the_specification()
    {
        const string toml = """
            policy = "freeze"              # or "top-level"
            autostage = false
            requirements = ["requirements.txt"]     # globs, relative to each project
            ignore = ["pip", "setuptools", "wheel"]
            on-missing-venv = "warn"       # or "block"

            [[project]]
            path = "services/api"
            venv = "../../.venvs/api"
            requirements = ["requirements/prod.txt"]
            """;

        var config = ConfigParser.Parse(toml);

        Assert.Equal(Policy.Freeze, config.Policy);
        Assert.Equal(["pip", "setuptools", "wheel"], config.Ignore.Order());
        var project = Assert.Single(config.Projects);
        Assert.Equal("services/api", project.Path);
        Assert.Equal("../../.venvs/api", project.Venv);
        Assert.Equal(["requirements/prod.txt"], project.Requirements);
        Assert.Null(project.Policy);
        Assert.Equal(7, project.Line);
    }

    [Fact]
    public void Reads_every_setting_away_from_its_default()
    {
        const string toml = """
            policy = "top-level"
            autostage = true
            requirements = ["requirements*.txt", "requirements/*.txt"]
            on-missing-venv = "block"
            installed-source = "pip"
            """;

        var config = ConfigParser.Parse(toml);

        Assert.Equal(Policy.TopLevel, config.Policy);
        Assert.True(config.Autostage);
        Assert.Equal(["requirements*.txt", "requirements/*.txt"], config.Requirements);
        Assert.Equal(MissingVenvAction.Block, config.OnMissingVenv);
        Assert.Equal(InstalledSource.Pip, config.InstalledSource);
    }

    [Fact]
    public void Ignored_names_are_compared_PEP_503_normalized()
    {
        var config = ConfigParser.Parse("ignore = [\"Zope.Interface\", \"my_pkg\"]");

        Assert.Equal(["my-pkg", "zope-interface"], config.Ignore.Order());
    }

    [Fact]
    public void A_project_can_override_the_policy_and_falls_back_to_the_top_level_settings()
    {
        const string toml = """
            policy = "top-level"
            requirements = ["reqs.txt"]
            [[project]]
            path = "./a/"
            policy = "freeze"
            [[project]]
            path = "b"
            """;

        var config = ConfigParser.Parse(toml);

        Assert.Equal(Policy.Freeze, config.PolicyFor("a"));
        Assert.Equal(Policy.TopLevel, config.PolicyFor("b"));
        Assert.Equal(["reqs.txt"], config.RequirementsFor("b"));
        Assert.Equal(["a", "b"], config.Projects.Select(project => project.Path));
    }

    [Fact]
    public void Projects_may_be_written_as_an_array_of_inline_tables()
    {
        var config = ConfigParser.Parse("project = [\n  { path = \"a\", policy = \"top-level\" },\n  { path = \"b\" },\n]\n");

        Assert.Equal(["a", "b"], config.Projects.Select(project => project.Path));
        Assert.Equal(Policy.TopLevel, config.PolicyFor("a"));
        Assert.Equal(3, config.Projects[1].Line);
    }

    [Fact]
    public void Quoted_keys_mean_the_same_as_bare_ones()
    {
        var config = ConfigParser.Parse("\"on-missing-venv\" = \"block\"\n");

        Assert.Equal(MissingVenvAction.Block, config.OnMissingVenv);
    }

    [Fact]
    public void A_project_at_the_root_has_the_empty_path()
    {
        var config = ConfigParser.Parse("[[project]]\npath = \".\"\n");

        Assert.Equal("", Assert.Single(config.Projects).Path);
    }

    [Fact]
    public void An_unknown_key_names_the_file_line_and_key()
    {
        var error = Assert.Throws<ConfigError>(() => ConfigParser.Parse("policy = \"freeze\"\n\n# note\npolcy = \"freeze\"\n", "repo/.hookguard.toml"));

        Assert.Equal("repo/.hookguard.toml", error.File);
        Assert.Equal(4, error.Line);
        Assert.Equal("polcy", error.Key);
        Assert.Contains("unknown key", error.Message);
        Assert.StartsWith("repo/.hookguard.toml:4:", error.Message);
    }

    [Fact]
    public void An_unknown_key_inside_a_project_is_named_with_its_table()
    {
        var error = ErrorFor("[[project]]\npath = \"a\"\nvenvv = \".venv\"\n");

        Assert.Equal(3, error.Line);
        Assert.Equal("project.venvv", error.Key);
    }

    [Fact]
    public void A_dotted_key_is_unknown_under_its_full_name()
    {
        var error = ErrorFor("policy.kind = \"freeze\"\n");

        Assert.Equal("policy.kind", error.Key);
    }

    [Fact]
    public void A_wrong_type_says_what_was_expected()
    {
        var error = ErrorFor("autostage = \"yes\"\n");

        Assert.Equal(1, error.Line);
        Assert.Equal("autostage", error.Key);
        Assert.Contains("expected true or false, found a string", error.Reason);
    }

    [Fact]
    public void A_bad_value_lists_the_accepted_ones()
    {
        var error = ErrorFor("\npolicy = \"strict\"\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("\"freeze\" or \"top-level\"", error.Reason);
        Assert.Contains("\"strict\"", error.Reason);
    }

    [Fact]
    public void A_list_that_holds_a_non_string_names_the_line_of_the_item()
    {
        var error = ErrorFor("ignore = [\n  \"pip\",\n  42,\n]\n");

        Assert.Equal("ignore", error.Key);
        Assert.Equal(3, error.Line);
        Assert.Contains("an integer", error.Reason);
    }

    [Fact]
    public void An_ignored_name_that_is_no_distribution_name_is_refused()
    {
        var error = ErrorFor("ignore = [\"not a name\"]");

        Assert.Equal("ignore", error.Key);
    }

    [Fact]
    public void An_empty_requirement_glob_list_is_refused()
    {
        var error = ErrorFor("requirements = []");

        Assert.Equal("requirements", error.Key);
    }

    [Fact]
    public void A_project_path_must_stay_inside_the_repository()
    {
        Assert.Equal("project.path", ErrorFor("[[project]]\npath = \"../elsewhere\"\n").Key);
        Assert.Equal("project.path", ErrorFor("[[project]]\npath = \"/abs/path\"\n").Key);
    }

    [Fact]
    public void A_project_venv_may_lie_outside_the_project_or_be_absolute()
    {
        var config = ConfigParser.Parse("[[project]]\npath = \"a\"\nvenv = \"/opt/venvs/a\"\n[[project]]\npath = \"b\"\nvenv = \"..\\\\.venvs\\\\b\"\n");

        Assert.Equal("/opt/venvs/a", config.Projects[0].Venv);
        Assert.Equal("../.venvs/b", config.Projects[1].Venv);
    }

    [Fact]
    public void A_project_without_a_path_is_refused_at_its_table()
    {
        var error = ErrorFor("policy = \"freeze\"\n[[project]]\nvenv = \".venv\"\n");

        Assert.Equal(2, error.Line);
        Assert.Equal("project.path", error.Key);
    }

    [Fact]
    public void The_same_project_path_twice_is_refused_at_the_second_one()
    {
        var error = ErrorFor("[[project]]\npath = \"api\"\n\n[[project]]\npath = \"./api/\"\n");

        Assert.Equal(4, error.Line);
        Assert.Equal("project.path", error.Key);
        Assert.Contains("line 1", error.Reason);
    }

    [Fact]
    public void A_plain_project_table_is_refused_with_the_right_spelling()
    {
        var error = ErrorFor("[project]\npath = \"api\"\n");

        Assert.Equal(1, error.Line);
        Assert.Contains("[[project]]", error.Reason);
    }

    [Fact]
    public void An_unknown_table_is_refused()
    {
        var error = ErrorFor("[tool]\nx = 1\n");

        Assert.Equal("tool", error.Key);
    }

    [Fact]
    public void A_TOML_syntax_error_names_its_line()
    {
        var error = ErrorFor("policy = \"freeze\"\nautostage = \n");

        Assert.Equal(2, error.Line);
        Assert.Null(error.Key);
        Assert.Contains("not valid TOML", error.Reason);
    }

    [Fact]
    public void A_key_set_twice_is_an_error()
    {
        var error = ErrorFor("policy = \"freeze\"\npolicy = \"top-level\"\n");

        Assert.Equal(2, error.Line);
    }
}
