namespace HookGuard.Core.Requirements;

/// <summary>The few Python string rules pip's requirements-file parser relies on, reproduced exactly.</summary>
internal static class PythonStrings
{
    /// <summary>Python's <c>str.isspace</c> (and <c>\s</c> in a <c>str</c> regex): .NET white space plus the
    /// information separators U+001C..U+001F, which Python counts as white space.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    /// <summary>Python's <c>str.splitlines</c> boundaries (https://docs.python.org/3/library/stdtypes.html#str.splitlines).</summary>
    public static bool IsLineBoundary(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    /// <summary>Splits as <c>str.splitlines()</c> does, keeping where each line and its line break sit in <paramref name="text"/>.</summary>
    public static IReadOnlyList<PhysicalLine> SplitLines(string text)
    {
        var lines = new List<PhysicalLine>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsLineBoundary(text[i]))
            {
                i++;
                continue;
            }
            var contentEnd = i;
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            lines.Add(new PhysicalLine(lines.Count + 1, start, contentEnd, i));
            start = i;
        }
        if (start < text.Length) lines.Add(new PhysicalLine(lines.Count + 1, start, text.Length, text.Length));
        return lines;
    }
}

/// <summary>One line as <c>str.splitlines</c> sees it: its 1-based number, where its content starts and ends, and where its line break ends.</summary>
public sealed record PhysicalLine(int Number, int Start, int ContentEnd, int End)
{
    public int BreakLength => End - ContentEnd;
}
