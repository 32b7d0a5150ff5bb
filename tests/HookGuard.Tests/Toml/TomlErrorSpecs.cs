using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Toml;

namespace HookGuard.Tests.Toml;

/// <summary>An invalid document is one <see cref="DeclarationFileError"/> at the line of the problem, and nothing else.</summary>
public sealed class TomlErrorSpecs
{
    private static DeclarationFileError Refuse(string text) =>
        Assert.Throws<DeclarationFileError>(() => TomlDocument.Parse("pyproject.toml", Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("a = 1\nb = 2\na = 3\n", 3, "duplicate key 'a' (first defined on line 1)")]
    [InlineData("[t]\nx = 1\n\n[t]\n", 4, "table [t] is defined twice (first on line 1)")]
    [InlineData("[fruit]\napple.color = \"red\"\n[fruit.apple]\n", 3, "table [fruit.apple] was already defined by dotted keys")]
    [InlineData("a = [1]\n[[a]]\n", 2, "'a' is an array value (line 1); [[a]] cannot add to it")]
    [InlineData("a = { b = 1 }\na.c = 2\n", 2, "'a' is an inline table (line 1), which cannot be extended")]
    [InlineData("[[p]]\n[p]\n", 2, "'p' is an array of tables (line 1), not a table")]
    [InlineData("x = {\n  a = 1 }\n", 1, "expected a key")]
    [InlineData("x = { a = 1, }\n", 1, "expected a key")]
    [InlineData("x = [\n 1\n 2 ]\n", 3, "expected ',' or ']'")]
    [InlineData("s = \"abc\nt = 1\n", 1, "the string is not closed on its line")]
    [InlineData("s = \"\\x41\"\n", 1, "'\\x' is not an escape TOML defines")]
    [InlineData("s = \"\\uD800\"\n", 1, "U+D800 is not a Unicode scalar value")]
    [InlineData("ok = 1\n# bad \u0001 comment\n", 2, "the control character U+0001 is not allowed in a comment")]
    [InlineData("a = 1\rb = 2\n", 1, "a carriage return not followed by a line feed")]
    [InlineData("n = 9223372036854775808\n", 1, "does not fit in 64 bits")]
    [InlineData("d = 2023-02-29\n", 1, "2023-02-29 is not a date on the calendar")]
    [InlineData("x = 1 y = 2\n", 1, "expected the end of the line")]
    [InlineData("s = \"\"\"\nopen\n", 2, "the multi-line string is not closed")]
    [InlineData("s = \"\"\"a \\  b\"\"\"\n", 1, "a backslash followed by whitespace must end the line")]
    public void An_invalid_document_is_refused_at_the_line_of_the_problem(string text, int line, string reason)
    {
        // Act
        var error = Refuse(text);

        // Assert
        Assert.Equal(new HookGuard.Core.Requirements.SourceLocation("pyproject.toml", line), error.Location);
        Assert.StartsWith("not valid TOML: ", error.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_are_refused_at_their_line()
    {
        // Act
        var error = Assert.Throws<DeclarationFileError>(() => TomlDocument.Parse("uv.lock", "a = 1\nb = \"\xff\"\n"u8.ToArray().Select((b, i) => i == 11 ? (byte)0xFF : b).ToArray()));

        // Assert
        Assert.Equal(2, error.Location.Line);
        Assert.Equal("not valid TOML: the file is not UTF-8", error.Reason);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_with_a_message_not_a_stack_overflow()
    {
        // Arrange
        var deep = "a = " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var fine = "a = " + new string('[', TomlParser.MaxDepth) + new string(']', TomlParser.MaxDepth) + "\n";

        // Act
        var error = Refuse(deep);
        var parsed = TomlDocument.Parse("pyproject.toml", fine);

        // Assert
        Assert.Contains($"nested more than {TomlParser.MaxDepth} deep", error.Reason, StringComparison.Ordinal);
        Assert.IsType<TomlArray>(parsed["a"]);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        // Act
        var document = TomlDocument.Parse("uv.lock", "\uFEFFversion = 1\n"u8);

        // Assert
        Assert.Equal(1L, ((TomlInteger)document["version"]!).Value);
    }

    [Fact]
    public void Strings_decode_their_escapes_when_read()
    {
        // Act
        var document = TomlDocument.Parse("uv.lock", "a = \"tab\\t\\u00e9\\U0001F600\\\\\"\nb = \"\"\"\\\n    joined \\\n    here\"\"\"\nc = 'C:\\x'\n");

        // Assert
        Assert.Equal("tab\té😀\\", ((TomlString)document["a"]!).Value);
        Assert.Equal("joined here", ((TomlString)document["b"]!).Value);
        Assert.Equal("C:\\x", ((TomlString)document["c"]!).Value);
    }

    [Fact]
    public void A_document_of_one_hundred_thousand_keys_in_one_table_reads_in_linear_time()
    {
        // Arrange
        var text = new StringBuilder("[wide]\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("k").Append(i).Append(" = ").Append(i).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        // Act
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var wide = (TomlTable)TomlDocument.Parse("wide.toml", bytes)["wide"]!;
        watch.Stop();

        // Assert: a quadratic duplicate check would take minutes here.
        Assert.Equal(100_000, wide.Entries.Count);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"{watch.ElapsedMilliseconds} ms");
    }
}
