using System.Globalization;
using System.Text;

namespace HookGuard.Core.Reporting;

/// <summary>
/// Text from files (package names and versions from METADATA, requirement lines, paths) made safe to print: every C0
/// and C1 control character and DEL is written as <c>\xNN</c>, so a hostile METADATA or requirement line cannot send
/// an escape sequence (<c>ESC[31m</c>, a title change, a cursor move), ring the bell or forge a line on the user's
/// terminal. The invisible characters that reorder or break what is shown (the bidirectional embeddings, overrides
/// and isolates of "Trojan Source", CVE-2021-42574, the directional marks, and the line and paragraph separators) are
/// written as <c>\uNNNN</c>, so that a package name cannot display as another. Backslashes are kept as they are:
/// paths on Windows hold them.
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
            if (!IsUnsafe(character, keepLineBreaks))
            {
                escaped.Append(character);
            }
            else if (character < '\u0100')
            {
                escaped.Append(@"\x").Append(((int)character).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(@"\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        return escaped.ToString();
    }

    /// <summary>
    /// Whether <paramref name="character"/> is escaped: C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F), and the
    /// invisible reordering characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and separators (U+2028,
    /// U+2029).
    /// </summary>
    public static bool IsUnsafe(char character, bool keepLineBreaks) =>
        (char.IsControl(character) && !(keepLineBreaks && character is '\n' or '\t')) || IsInvisibleReordering(character);

    private static bool IsInvisibleReordering(char character) =>
        character is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
            or '\u2028' or '\u2029';

    private static int IndexOfUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], keepLineBreaks)) return i;
        }
        return -1;
    }
}
