using System.Globalization;
using System.Text;

namespace HookGuard.Core.Reporting;

/// <summary>
/// Text from files (package names and versions from METADATA, requirement lines, paths) made safe to print: every C0
/// and C1 control character and DEL is written as <c>\xNN</c>, so a hostile METADATA or requirement line cannot send
/// an escape sequence (<c>ESC[31m</c>, a title change, a cursor move), ring the bell or forge a line on the user's
/// terminal. Backslashes are kept as they are: paths on Windows hold them.
/// </summary>
public static class TerminalText
{
    /// <summary>All control characters escaped, line breaks included: for text that is one line of a report.</summary>
    public static string Escape(string text) => Escape(text, keepLineBreaks: false);

    /// <param name="text">The text.</param>
    /// <param name="keepLineBreaks">Keep <c>\n</c> and <c>\t</c> (a message of several lines); <c>\r</c> is escaped
    /// all the same, since alone it moves back over what was printed.</param>
    public static string Escape(string text, bool keepLineBreaks)
    {
        var first = IndexOfUnsafe(text, keepLineBreaks);
        if (first < 0) return text;

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var character = text[i];
            if (IsUnsafe(character, keepLineBreaks))
                escaped.Append(@"\x").Append(((int)character).ToString("x2", CultureInfo.InvariantCulture));
            else
                escaped.Append(character);
        }
        return escaped.ToString();
    }

    /// <summary>Whether <paramref name="character"/> is escaped: C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F).</summary>
    public static bool IsUnsafe(char character, bool keepLineBreaks) =>
        char.IsControl(character) && !(keepLineBreaks && character is '\n' or '\t');

    private static int IndexOfUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], keepLineBreaks)) return i;
        }
        return -1;
    }
}
