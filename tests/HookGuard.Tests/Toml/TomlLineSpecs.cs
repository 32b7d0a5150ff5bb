using System.Text;
using HookGuard.Core.Toml;

namespace HookGuard.Tests.Toml;

/// <summary>Every node keeps the line it starts on, which the declaration readers put in their findings.</summary>
public sealed class TomlLineSpecs
{
    private static TomlTable Parse(string text) => TomlDocument.Parse("uv.lock", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_value_is_on_the_line_of_its_key_and_a_table_on_the_line_of_its_header()
    {
        // Arrange
        const string text = "version = 1\n\n[tool.poetry]\nname = \"demo\"\n\n[tool.poetry.dependencies]\nrequests = \"^2\"\n";

        // Act
        var document = Parse(text);

        // Assert
        var tool = (TomlTable)document["tool"]!;
        var poetry = (TomlTable)tool["poetry"]!;
        Assert.Equal(1, document["version"]!.Line);
        Assert.Equal(3, tool.Line);
        Assert.Equal(3, poetry.Line);
        Assert.Equal(4, poetry["name"]!.Line);
        Assert.Equal(6, poetry["dependencies"]!.Line);
        Assert.Equal(7, ((TomlTable)poetry["dependencies"]!)["requests"]!.Line);
    }

    [Fact]
    public void Each_table_of_an_array_of_tables_is_on_the_line_of_its_own_header()
    {
        // Arrange
        const string text = "[[package]]\nname = \"a\"\n\n[[package]]\r\nname = \"b\"\r\n[package.source]\r\nregistry = \"x\"\r\n\r\n[[package]]\nname = \"c\"\n";

        // Act
        var packages = (TomlArray)Parse(text)["package"]!;

        // Assert
        Assert.True(packages.IsArrayOfTables);
        Assert.Equal([1, 4, 9], packages.Items.Select(item => item.Line));
        Assert.Equal([2, 5, 10], packages.Items.Select(item => ((TomlTable)item)["name"]!.Line));
        Assert.Equal(6, ((TomlTable)((TomlTable)packages.Items[1])["source"]!).Line);
    }

    [Fact]
    public void Lines_count_the_newlines_inside_multi_line_strings_and_arrays()
    {
        // Arrange
        const string text = "a = \"\"\"\none\ntwo\"\"\"\nb = '''x\r\ny'''\nc = [\n  1,\n  # note\n  { d = 2 },\n]\ne = 3\n";

        // Act
        var document = Parse(text);

        // Assert
        Assert.Equal("one\ntwo", ((TomlString)document["a"]!).Value);
        Assert.Equal("x\ny", ((TomlString)document["b"]!).Value);
        Assert.Equal(4, document["b"]!.Line);
        var items = ((TomlArray)document["c"]!).Items;
        Assert.Equal(6, document["c"]!.Line);
        Assert.Equal([7, 9], items.Select(item => item.Line));
        Assert.Equal(9, ((TomlTable)items[1])["d"]!.Line);
        Assert.Equal(11, document["e"]!.Line);
    }

    [Fact]
    public void A_table_implied_by_a_longer_header_takes_the_line_of_its_own_header_once_written()
    {
        // Arrange
        const string text = "[a.b]\nx = 1\n[a]\ny = 2\n";

        // Act
        var a = (TomlTable)Parse(text)["a"]!;

        // Assert
        Assert.Equal(3, a.Line);
        Assert.Equal(1, a["b"]!.Line);
    }

    [Fact]
    public void Tables_made_by_dotted_keys_are_on_the_line_of_the_key()
    {
        // Arrange
        const string text = "\n\nsource.registry.url = \"https://pypi.org/simple\"\n";

        // Act
        var source = (TomlTable)Parse(text)["source"]!;

        // Assert
        Assert.Equal(3, source.Line);
        Assert.Equal(3, source["registry"]!.Line);
    }
}
