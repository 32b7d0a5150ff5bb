using System.Globalization;
using System.Text;

namespace HookGuard.Core.Packaging;

/// <summary>
/// Decodes a marker's quoted string as packaging does, with <c>ast.literal_eval</c>: backslash escapes
/// are Python's, and the literal errors Python raises (unterminated string, truncated <c>\x</c>, a raw
/// newline, a NUL) become <see cref="PackagingFormatException"/>.
/// </summary>
internal static class PythonStringLiteral
{
    /// <param name="token">The QUOTED_STRING token, quotes included.</param>
    /// <param name="source">The whole marker or requirement, for the error message.</param>
    /// <param name="position">Where the token starts in <paramref name="source"/>.</param>
    public static string Decode(string token, string source, int position)
    {
        var body = token.AsSpan(1, token.Length - 2);
        if (body.IndexOfAny('\\', '\n', '\r') < 0 && body.IndexOf('\0') < 0) return body.ToString();

        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\0') throw Error("Quoted string contains a NUL character", source, position + 1 + i);
            if (c is '\n' or '\r') throw Error("Quoted string is not closed before the end of the line", source, position);
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (i + 1 >= body.Length)
                throw Error("Quoted string is not closed (its closing quote is escaped)", source, position);
            var escapeStart = i;
            var next = body[++i];
            switch (next)
            {
                case '\n': break; // line continuation
                case '\r':
                    if (i + 1 < body.Length && body[i + 1] == '\n') i++;
                    break;
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case >= '0' and <= '7':
                {
                    var value = next - '0';
                    for (var digits = 1; digits < 3 && i + 1 < body.Length && body[i + 1] is >= '0' and <= '7'; digits++)
                        value = value * 8 + (body[++i] - '0');
                    builder.Append((char)value);
                    break;
                }
                case 'x': AppendHex(builder, body, ref i, 2, source, position + 1 + escapeStart, @"\xXX"); break;
                case 'u': AppendHex(builder, body, ref i, 4, source, position + 1 + escapeStart, @"\uXXXX"); break;
                case 'U': AppendHex(builder, body, ref i, 8, source, position + 1 + escapeStart, @"\UXXXXXXXX"); break;
                case 'N':
                    // Python resolves \N{NAME} with the Unicode name database, which .NET does not ship.
                    throw Error(@"Quoted string uses a \N{...} escape, which is not supported", source, position + 1 + escapeStart);
                default:
                    // Unknown escapes stay as written (Python only warns).
                    builder.Append('\\').Append(next);
                    break;
            }
        }
        return builder.ToString();
    }

    private static void AppendHex(StringBuilder builder, ReadOnlySpan<char> body, ref int i, int digits,
        string source, int errorPosition, string form)
    {
        var value = 0L;
        for (var k = 1; k <= digits; k++)
        {
            if (i + k >= body.Length || !char.IsAsciiHexDigit(body[i + k]))
                throw Error($"Quoted string has a truncated {form} escape", source, errorPosition);
            value = value * 16 + int.Parse(body.Slice(i + k, 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        if (value > 0x10FFFF) throw Error("Quoted string has an illegal Unicode character escape", source, errorPosition);
        i += digits;
        if (value <= 0xFFFF) builder.Append((char)value);
        else builder.Append(char.ConvertFromUtf32((int)value));
    }

    private static PackagingFormatException Error(string problem, string source, int position) =>
        new(problem, source, position);
}
