using System.Buffers;

namespace HookGuard.Core.Requirements;

/// <summary>The few Python string rules pip's requirements-file parser relies on, reproduced exactly.</summary>
internal static class PythonStrings
{
    /// <summary>Python's <c>str.isspace</c> (and <c>\s</c> in a <c>str</c> regex): .NET white space plus the
    /// information separators U+001C..U+001F, which Python counts as white space.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    /// <summary>Python's <c>str.splitlines</c> boundaries (https://docs.python.org/3/library/stdtypes.html#str.splitlines).</summary>
    public static bool IsLineBoundary(char c) => LineBoundaries.Contains(c);

    private static readonly SearchValues<char> LineBoundaries =
        SearchValues.Create("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029");

    /// <summary>Splits as <c>str.splitlines()</c> does, keeping where each line and its line break sit in <paramref name="text"/>.</summary>
    public static IReadOnlyList<PhysicalLine> SplitLines(string text)
    {
        // Nearly every file breaks lines with '\n' alone: counting them sizes the list once.
        var lines = new List<PhysicalLine>(text.AsSpan().Count('\n') + 1);
        var start = 0;
        while (start < text.Length)
        {
            var contentEnd = text.AsSpan(start).IndexOfAny(LineBoundaries);
            if (contentEnd < 0) break;
            contentEnd += start;
            var end = contentEnd + (text[contentEnd] == '\r' && contentEnd + 1 < text.Length && text[contentEnd + 1] == '\n' ? 2 : 1);
            lines.Add(new PhysicalLine(lines.Count + 1, start, contentEnd, end));
            start = end;
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
