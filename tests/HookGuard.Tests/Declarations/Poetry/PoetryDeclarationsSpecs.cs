using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Poetry;
using HookGuard.Core.Toml;

namespace HookGuard.Tests.Declarations.Poetry;

public sealed class PoetryDeclarationsSpecs
{
    private const string Pyproject = """
        [tool.poetry]
        name = "app"

        [tool.poetry.dependencies]
        python = "^3.8"
        requests = "^2.31"
        tomli = { version = ">=1.1", python = "<3.11" }
        pywin32 = { version = "*", platform = "win32" }
        fast = { version = "~1.2", optional = true }
        either = "^1.0 || ^3.0"
        mine = { path = "../mine", develop = true }

        [tool.poetry.extras]
        speed = ["fast"]

        [tool.poetry.dev-dependencies]
        pytest = "7.*"

        [tool.poetry.group.lint.dependencies]
        ruff = ">=0.1 <0.2"

        [tool.poetry.group.docs]
        optional = true

        [tool.poetry.group.docs.dependencies]
        sphinx = "~=7.1"
        """;

    private static IReadOnlyList<HookGuard.Core.Requirements.RequirementEntry> Read(string text, IReadOnlyList<string>? groups = null) =>
        PoetryDeclarations.Read("pyproject.toml", TomlDocument.Parse("pyproject.toml", text), groups);

    [Fact]
    public void Dependencies_are_translated_to_PEP_440_and_markers_as_poetry_core_writes_them()
    {
        // Act
        var entries = Read(Pyproject).ToDictionary(entry => entry.Requirement!.Name);

        // Assert
        Assert.DoesNotContain("python", entries.Keys);
        Assert.Equal(">=2.31,<3.0", entries["requests"].Requirement!.Specifier.Text);
        Assert.Equal("python_version < \"3.11\"", entries["tomli"].Requirement!.Marker!.Text);
        Assert.Equal("sys_platform == \"win32\"", entries["pywin32"].Requirement!.Marker!.Text);
        Assert.Equal(">=1.2,<1.3", entries["fast"].Requirement!.Specifier.Text);
        Assert.Equal(">=7.0.0,<8.0.0", entries["pytest"].Requirement!.Specifier.Text);
        Assert.Equal(">=0.1,<0.2", entries["ruff"].Requirement!.Specifier.Text);
        Assert.Equal(">=7.1,<8.0", entries["sphinx"].Requirement!.Specifier.Text);
        Assert.Equal("../mine", entries["mine"].Requirement!.Url);
        Assert.True(entries["mine"].Editable);
        Assert.Equal(7, entries["tomli"].Location.Line);
    }

    [Fact]
    public void A_union_is_kept_as_alternatives_of_which_one_must_hold()
    {
        // Act
        var either = Read(Pyproject).Single(entry => entry.Requirement!.Name == "either");

        // Assert
        Assert.True(either.Requirement!.Specifier.IsEmpty);
        Assert.NotNull(either.AnyOf);
        Assert.True(either.AnyOf!.Contains("1.4"));
        Assert.True(either.AnyOf.Contains("3.0.1"));
        Assert.False(either.AnyOf.Contains("2.0"));
    }

    [Fact]
    public void An_optional_group_and_an_extra_are_optional_unless_chosen_and_other_groups_are_required()
    {
        // Act
        var byDefault = Read(Pyproject).ToDictionary(entry => entry.Requirement!.Name, entry => entry.Optional);
        var chosen = Read(Pyproject, ["docs", "speed"]).ToDictionary(entry => entry.Requirement!.Name, entry => entry.Optional);

        // Assert
        Assert.False(byDefault["requests"]);
        Assert.False(byDefault["pytest"]);
        Assert.False(byDefault["ruff"]);
        Assert.True(byDefault["sphinx"]);
        Assert.True(byDefault["fast"]);
        Assert.False(chosen["sphinx"]);
        Assert.False(chosen["fast"]);
    }

    [Fact]
    public void Multiple_constraints_give_one_entry_each_with_its_own_marker()
    {
        // Arrange
        var text = "[tool.poetry.dependencies]\nnumpy = [\n  { version = \"^1.24\", python = \"<3.9\" },\n  { version = \"^1.26\", python = \">=3.9\" },\n]\n";

        // Act
        var entries = Read(text);

        // Assert
        Assert.Equal(["python_version < \"3.9\"", "python_version >= \"3.9\""], entries.Select(entry => entry.Requirement!.Marker!.Text));
        Assert.Equal([">=1.24,<2.0", ">=1.26,<2.0"], entries.Select(entry => entry.Requirement!.Specifier.Text));
    }

    [Fact]
    public void With_PEP_621_dependencies_the_tool_poetry_dependencies_only_enrich_them_and_declare_nothing()
    {
        // Arrange
        var text = "[project]\nname = \"x\"\ndependencies = [\"requests>=2\"]\n\n[tool.poetry.dependencies]\nrequests = { source = \"internal\" }\n\n[tool.poetry.group.dev.dependencies]\npytest = \"*\"\n";

        // Act
        var entries = Read(text);

        // Assert
        Assert.Equal(["pytest"], entries.Select(entry => entry.Requirement!.Name));
    }

    [Theory]
    [InlineData("[tool.poetry.dependencies]\nx = \"^^1\"\n", 2, "not a valid Poetry version constraint")]
    [InlineData("[tool.poetry.dependencies]\nx = 3\n", 2, "must be a version constraint")]
    [InlineData("[tool.poetry.dependencies]\nx = { version = 1 }\n", 2, "'version' must be a string")]
    [InlineData("[tool.poetry]\ndependencies = \"x\"\n", 2, "must be a table")]
    [InlineData("[tool.poetry.group.docs]\noptional = \"yes\"\n", 2, "optional")]
    public void A_wrong_declaration_is_an_error_with_its_line(string text, int line, string says)
    {
        // Act
        var error = Assert.Throws<DeclarationFileError>(() => Read(text));

        // Assert
        Assert.Equal(line, error.Location.Line);
        Assert.Contains(says, error.Reason, StringComparison.Ordinal);
    }
}
