using System.Text.Json.Nodes;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

public sealed class PythonTextSpecs
{
    [Fact]
    public void Whitespace_and_word_characters_are_Pythons_so_tokens_end_where_packaging_ends_them()
    {
        // Arrange
        var answers = ReferencePython.Modern.Answer(new JsonObject { ["characters"] = true })["characters"]!;
        var space = answers["space"]!.AsArray().Select(n => (int)n!).ToHashSet();
        var word = answers["word"]!.AsArray().Select(n => (int)n!).ToHashSet();
        // Letters added to Unicode after Python 3.13's database (15.1) are words to .NET only.
        var unassignedInPython = answers["unassigned"]!.AsArray().Select(n => (int)n!).ToHashSet();
        var mismatches = new Mismatches("character");

        // Act
        for (var c = 0; c < 0x10000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF) continue;
            if (PythonText.IsSpace((char)c) != space.Contains(c)) mismatches.Add($"U+{c:X4} whitespace");
            if (PythonText.IsWordChar((char)c) != word.Contains(c) && !unassignedInPython.Contains(c)) mismatches.Add($"U+{c:X4} word");
        }

        // Assert
        mismatches.AssertNone(0x10000 - 0x800);
        Assert.Contains(0x1C, space); // the information separators .NET's char.IsWhiteSpace leaves out
    }

    [Theory]
    [InlineData("1.0\u001c", true)]
    [InlineData("\u00a01.0\u2028", true)]
    [InlineData("1.0\u200b", false)]
    public void Versions_may_be_surrounded_by_any_Python_whitespace(string text, bool valid)
    {
        // Act
        var parsed = PythonVersion.TryParse(text, out _);

        // Assert
        Assert.Equal(valid, parsed);
    }
}
