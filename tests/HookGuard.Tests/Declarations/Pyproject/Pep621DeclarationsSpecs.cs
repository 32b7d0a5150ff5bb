using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Pyproject;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Tests.Declarations.Pyproject;

public sealed class Pep621DeclarationsSpecs
{
    internal const string Pyproject = """
        [project]
        name = "app"
        dependencies = [
            "requests>=2.31",
            "tomli; python_version < '3.11'",
        ]

        [project.optional-dependencies]
        Socks = ["PySocks>=1.7"]

        [dependency-groups]
        test = ["pytest>=8"]
        Dev_Tools = [{include-group = "test"}, "ruff"]
        """;

    private static IReadOnlyList<RequirementEntry> Read(string text, IReadOnlyList<string>? groups = null) =>
        Pep621Declarations.Read("pyproject.toml", TomlDocument.Parse("pyproject.toml", text), groups);

    [Fact]
    public void Dependencies_are_required_and_extras_and_groups_optional_by_default()
    {
        // Act
        var entries = Read(Pyproject);

        // Assert
        Assert.Equal(
            [("requests>=2.31", 4, false), ("tomli; python_version < '3.11'", 5, false), ("PySocks>=1.7", 9, true), ("pytest>=8", 12, true), ("ruff", 13, true)],
            entries.Select(e => (e.Text, e.Location.Line, e.Optional)).ToArray());
        Assert.Equal("tomli", entries[1].Requirement!.Name);
    }

    [Fact]
    public void A_chosen_extra_or_group_is_required_with_what_it_includes()
    {
        // Act
        var entries = Read(Pyproject, groups: ["socks", "dev-tools"]);

        // Assert
        Assert.All(entries, entry => Assert.False(entry.Optional));
        Assert.Equal(5, entries.Count);
    }

    [Fact]
    public void An_included_group_is_required_only_where_a_chosen_group_reaches_it()
    {
        // Act
        var entries = Read(Pyproject, groups: ["test"]);

        // Assert
        Assert.False(entries.Single(e => e.Text == "pytest>=8").Optional);
        Assert.True(entries.Single(e => e.Text == "ruff").Optional);
    }

    [Fact]
    public void Dynamic_dependencies_declare_nothing()
    {
        // Act
        var entries = Read("[project]\nname = \"app\"\ndynamic = [\"dependencies\", \"version\"]\n");

        // Assert
        Assert.Empty(entries);
    }

    [Fact]
    public void Include_group_expansion_keeps_the_included_strings_in_place()
    {
        // Arrange
        var document = TomlDocument.Parse("pyproject.toml", "[dependency-groups]\na = [\"x\", {include-group = \"B\"}, \"z\"]\nb = [\"y\"]\n");

        // Act
        var groups = DependencyGroups.Expand("pyproject.toml", document["dependency-groups"]);

        // Assert
        Assert.Equal(["x", "y", "z"], groups.Single(g => g.Name == "a").Requirements.Select(r => r.Value));
    }

    [Theory]
    [InlineData("[project]\ndependencies = [\"requests >=\"]\n", 2, "not a valid requirement")]
    [InlineData("[project]\ndependencies = \"requests\"\n", 2, "must be an array")]
    [InlineData("[project]\ndependencies = [\n  \"a\",\n  3,\n]\n", 4, "must hold strings")]
    [InlineData("[project]\ndynamic = [\"dependencies\"]\ndependencies = [\"a\"]\n", 3, "listed in project.dynamic")]
    [InlineData("project = 3\n", 1, "must be a table")]
    [InlineData("[project.optional-dependencies]\nx = \"a\"\n", 2, "must be an array")]
    [InlineData("[dependency-groups]\na = [{include-group = \"b\"}]\nb = [{include-group = \"a\"}]\n", 3, "cycle")]
    [InlineData("[dependency-groups]\na = [\n  {include-group = \"missing\"},\n]\n", 3, "not a dependency group")]
    [InlineData("[dependency-groups]\nFoo = [\"x\"]\nfoo = [\"y\"]\n", 3, "same normalized name")]
    [InlineData("[dependency-groups]\na = [{include = \"b\"}]\n", 2, "include-group")]
    [InlineData("[dependency-groups]\na = [\"ok\", \"bad name here\"]\n", 2, "not a valid requirement")]
    public void Bad_input_is_a_declaration_file_error_at_its_line(string text, int line, string message)
    {
        // Act
        var error = Assert.Throws<DeclarationFileError>(() => Read(text));

        // Assert
        Assert.Equal(new SourceLocation("pyproject.toml", line), error.Location);
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }
}
