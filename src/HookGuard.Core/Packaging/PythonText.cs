namespace HookGuard.Core.Packaging;

/// <summary>
/// The few pieces of Python's <c>str</c> semantics that <c>packaging</c> relies on, so that the
/// C# port agrees with it character for character.
/// </summary>
internal static class PythonText
{
    /// <summary>
    /// Python's <c>str.isspace()</c> (what <c>\s</c> and <c>str.strip()</c> use): .NET's <c>\s</c> set
    /// plus the information separators U+001C..U+001F, which <see cref="char.IsWhiteSpace(char)"/> leaves out.
    /// </summary>
    public static bool IsSpace(char c) =>
        c is >= '\t' and <= '\r' or ' ' or '\u0085' or >= '\u001c' and <= '\u001f'
        || (c > '\u007f' && char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.SpaceSeparator
            or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator);

    /// <summary>Python's <c>str.strip()</c> with no arguments.</summary>
    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>Python's <c>\w</c> for <c>str</c> patterns: alphanumeric (letters and all numbers) or underscore.</summary>
    public static bool IsWordChar(char c) =>
        c < 128 ? char.IsAsciiLetterOrDigit(c) || c == '_' : char.IsLetter(c) || char.IsNumber(c);

    /// <summary>Python's <c>str</c> ordering: by code point, which differs from UTF-16 ordinal order only around surrogates.</summary>
    public static int CompareCodePoints(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a == b) continue;
            var aSurrogate = char.IsSurrogate(a);
            var bSurrogate = char.IsSurrogate(b);
            if (aSurrogate != bSurrogate && (a >= '\ue000' || b >= '\ue000'))
                return aSurrogate ? 1 : -1; // a surrogate pair encodes a code point above U+FFFF
            return a < b ? -1 : 1;
        }
        return left.Length.CompareTo(right.Length);
    }

    /// <summary>Compares two runs of ASCII digits as the integers they spell, whatever their length.</summary>
    public static int CompareDigits(string left, string right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);

    /// <summary><c>str(int(digits))</c>: the digits without leading zeros.</summary>
    public static string CanonicalDigits(ReadOnlySpan<char> digits)
    {
        var i = 0;
        while (i < digits.Length - 1 && digits[i] == '0') i++;
        digits = digits[i..];
        // Version components are mostly 0..99: share those strings instead of making new ones for every version read.
        if (digits.Length == 1 && char.IsAsciiDigit(digits[0])) return SmallNumbers[digits[0] - '0'];
        if (digits.Length == 2 && char.IsAsciiDigit(digits[0]) && char.IsAsciiDigit(digits[1]))
            return SmallNumbers[(digits[0] - '0') * 10 + digits[1] - '0'];
        return digits.ToString();
    }

    private static readonly string[] SmallNumbers =
        [.. Enumerable.Range(0, 100).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// Python's <c>str.lower()</c> for the characters a version label can hold: ASCII letters, KELVIN SIGN (to k),
    /// LONG S and dotless i (unchanged) and dotted capital I (to "i" + COMBINING DOT ABOVE).
    /// </summary>
    public static string LowerLabel(ReadOnlySpan<char> text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterUpper(c)) builder.Append((char)(c | 0x20));
            else if (c == '\u212A') builder.Append('k');
            else if (c == '\u0130') builder.Append("i\u0307");
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
