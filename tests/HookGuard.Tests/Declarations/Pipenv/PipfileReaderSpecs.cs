using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Pipenv;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Declarations.Pipenv;

public sealed class PipfileReaderSpecs
{
    internal const string Pipfile = """
        [[source]]
        url = "https://pypi.org/simple"
        name = "pypi"

        [packages]
        Requests = "*"
        django = ">=4.2,<5"
        Foo = {version = "==1.0", extras = ["Socks", "b", "socks"], sys_platform = "== 'linux'", markers = "python_version >= '3.9'"}
        lib = {git = "https://example.com/lib.git", ref = "v1", editable = true}
        local = {path = "./local"}

        [dev-packages]
        pytest = "~=8.0"

        [docs]
        sphinx = "*"

        [requires]
        python_version = "3.11"
        """;

    [Fact]
    public void Packages_are_required_and_named_as_written_with_their_specifiers()
    {
        var set = PipfileReader.Read(Input(Pipfile));

        var requests = set.Requirements[0];
        Assert.Equal("Requests", requests.Requirement!.Name);
        Assert.True(requests.Requirement.Specifier.IsEmpty);
        Assert.False(requests.Optional);
        Assert.Equal(6, requests.Location.Line);
        Assert.Equal(">=4.2,<5", set.Requirements[1].Requirement!.Specifier.Text);
        Assert.Equal(DeclarationFormat.Pipfile, set.Format);
    }

    [Fact]
    public void A_table_turns_its_marker_shorthands_and_markers_into_one_sorted_marker_and_its_extras_lowercased_and_sorted()
    {
        var foo = PipfileReader.Read(Input(Pipfile)).Requirements[2].Requirement!;

        Assert.Equal(["b", "socks"], foo.Extras);
        Assert.Equal("python_version >= '3.9' and sys_platform == 'linux'", foo.Marker!.Text);
        Assert.Equal("==1.0", foo.Specifier.Text);
    }

    [Fact]
    public void A_vcs_or_path_table_gives_a_requirement_with_a_url_and_no_specifier()
    {
        var set = PipfileReader.Read(Input(Pipfile));

        Assert.Equal("git+https://example.com/lib.git@v1", set.Requirements[3].Requirement!.Url);
        Assert.True(set.Requirements[3].Editable);
        Assert.Equal("./local", set.Requirements[4].Requirement!.Url);
    }

    [Fact]
    public void Dev_packages_and_custom_categories_are_optional_unless_the_groups_name_them()
    {
        var byDefault = PipfileReader.Read(Input(Pipfile));
        var named = PipfileReader.Read(Input(Pipfile, groups: ["develop"]));

        Assert.True(byDefault.Requirements.Single(e => e.Requirement!.Name == "pytest").Optional);
        Assert.True(byDefault.Requirements.Single(e => e.Requirement!.Name == "sphinx").Optional);
        Assert.False(named.Requirements.Single(e => e.Requirement!.Name == "pytest").Optional);
        Assert.True(named.Requirements.Single(e => e.Requirement!.Name == "sphinx").Optional);
    }

    [Fact]
    public void Markers_that_do_not_combine_into_a_valid_marker_are_dropped_as_requirementslib_drops_them()
    {
        var set = PipfileReader.Read(Input("[packages]\nx = {version = \"*\", os_name = \"posix\"}\n"));

        Assert.Null(set.Requirements[0].Requirement!.Marker);
    }

    [Theory]
    [InlineData("[packages]\nx = 1\n", 2)]
    [InlineData("[packages]\nx = {version = 2}\n", 2)]
    [InlineData("[packages]\nx = {version = \"*\", extras = \"a\"}\n", 2)]
    [InlineData("[packages]\nx = {version = \"*\", editable = \"yes\"}\n", 2)]
    [InlineData("[packages]\n\nx = \"1.0\"\n", 3)]
    [InlineData("packages = [1]\n", 1)]
    [InlineData("[packages]\nx = \"*\"\nx = \"*\"\n", 3)]
    public void A_value_of_the_wrong_type_is_an_error_at_its_line(string toml, int line)
    {
        var error = Assert.Throws<DeclarationFileError>(() => PipfileReader.Read(Input(toml)));

        Assert.Equal(line, error.Location.Line);
        Assert.Equal("Pipfile", error.Location.File);
    }

    private static DeclarationInput Input(string toml, string[]? groups = null) =>
        new("", "Pipfile", Encoding.UTF8.GetBytes(toml), _ => null, null, groups, new HashSet<string>(StringComparer.Ordinal));
}
