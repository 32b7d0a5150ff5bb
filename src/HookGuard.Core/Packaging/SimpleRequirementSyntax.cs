namespace HookGuard.Core.Packaging;

/// <summary>
/// Recognizes the strict subset of PEP 508 that nearly every line of a frozen requirements file is written in, so
/// that those lines skip the general tokenizer and packaging's specifier regex:
/// <code>
/// requirement = NAME ('[' NAME (',' NAME)* ']')? (specifier (',' specifier)*)?
/// NAME        = [A-Za-z0-9] ([A-Za-z0-9._-]* [A-Za-z0-9])?
/// specifier   = ('==' | '!=') RELEASE '.*'
///             | ('==' | '!=' | '&lt;=' | '&gt;=' | '&lt;' | '&gt;') RELEASE SUFFIXES
///             | '~=' RELEASE-OF-TWO-OR-MORE SUFFIXES
/// RELEASE     = [0-9]+ ('.' [0-9]+)*
/// SUFFIXES    = ('a' | 'b' | 'rc') [0-9]+)? ('.post' [0-9]+)? ('.dev' [0-9]+)?
/// </code>
/// No white space, no marker, no URL, no epoch, no local label, no upper case in the version: anything else is left to
/// the full parser. The recognizer only decides; the objects are built by the same constructors the full parser uses.
/// </summary>
/// <remarks>
/// Why the answers agree (checked by <c>SimpleRequirementSyntaxSpecs</c> over many generated lines):
/// <list type="bullet">
/// <item>NAME starts and ends with a letter or digit and is followed by '[', an operator character or the end, none of
/// them a word character nor in <c>[a-zA-Z0-9._-]</c>: the tokenizer's <c>\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b</c> takes
/// exactly NAME (the greedy run stops there and a word boundary is there). The same holds for each extra, followed by
/// ',' or ']'.</item>
/// <item>In a specifier the operator alternation of <c>Specifier._regex</c> picks the operator as written (the version
/// starts with a digit, so "==" never gives way to "==="), the look-behinds send it to the branch for that operator
/// (what precedes the operator is a name character or ','), and that branch's greedy path consumes the whole version up
/// to the following ',' or the end. So the regex matches with <c>operator</c> and <c>version</c> exactly as split here,
/// both in the tokenizer (no <c>.*</c> nor <c>+</c> follows, so no "can only be used with" error) and anchored in
/// <c>SpecifierSet</c>.</item>
/// </list>
/// </remarks>
internal static class SimpleRequirementSyntax
{
    /// <summary>The requirement <paramref name="text"/> spells, if it is in the subset; null means "ask the full parser".</summary>
    public static Requirement? TryParse(string text)
    {
        var nameEnd = NameEnd(text, 0);
        if (nameEnd < 0) return null;
        var position = nameEnd;

        string[] extras = [];
        if (position < text.Length && text[position] == '[')
        {
            var list = new List<string>(2);
            do
            {
                var extraStart = position + 1;
                var extraEnd = NameEnd(text, extraStart);
                if (extraEnd < 0) return null;
                var extra = text[extraStart..extraEnd];
                // packaging keeps extras as a set; Requirement.Parse keeps the first spelling of each, in order.
                if (!list.Contains(extra, StringComparer.Ordinal)) list.Add(extra);
                position = extraEnd;
            } while (position < text.Length && text[position] == ',');
            if (position >= text.Length || text[position] != ']') return null;
            position++;
            extras = [.. list];
        }

        var specifierStart = position;
        while (position < text.Length)
        {
            var end = SpecifierEnd(text, position);
            if (end < 0) return null;
            position = end;
            if (position == text.Length) break;
            if (text[position] != ',') return null;
            position++;
            if (position == text.Length) return null; // a trailing comma: leave it to the full parser
        }

        return new Requirement(
            text[..nameEnd],
            extras,
            specifierStart == text.Length ? SpecifierSet.Any : SpecifierSet.Parse(text[specifierStart..]),
            Url: null,
            Marker: null);
    }

    /// <summary>
    /// The length of the operator when <paramref name="text"/> is one specifier of the subset (operator and
    /// version, nothing around them); 0 otherwise.
    /// </summary>
    public static int OperatorLength(string text) =>
        SpecifierEnd(text, 0) == text.Length ? OperatorAt(text, 0) : 0;

    // Where NAME starting at start ends, or -1.
    private static int NameEnd(string text, int start)
    {
        if (start >= text.Length || !char.IsAsciiLetterOrDigit(text[start])) return -1;
        var end = start + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '_' or '-')) end++;
        return char.IsAsciiLetterOrDigit(text[end - 1]) ? end : -1;
    }

    // Where one specifier of the subset starting at start ends (at ',' or the end of text), or -1.
    private static int SpecifierEnd(string text, int start)
    {
        var operatorLength = OperatorAt(text, start);
        if (operatorLength == 0) return -1;
        var op = text.AsSpan(start, operatorLength);
        var i = start + operatorLength;

        var components = 0;
        while (true)
        {
            var digitsEnd = DigitsEnd(text, i);
            if (digitsEnd == i) return -1;
            components++;
            i = digitsEnd;
            if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1])) i++;
            else break;
        }

        if (op is "==" or "!=" && i + 1 < text.Length && text[i] == '.' && text[i + 1] == '*')
        {
            i += 2;
            return EndsSpecifier(text, i) ? i : -1;
        }
        if (op is "~=" && components < 2) return -1;

        if (i < text.Length && text[i] is 'a' or 'b') i = DigitsAfter(text, i + 1);
        else if (text.AsSpan(i).StartsWith("rc", StringComparison.Ordinal)) i = DigitsAfter(text, i + 2);
        if (i < 0) return -1;
        if (text.AsSpan(i).StartsWith(".post", StringComparison.Ordinal)) i = DigitsAfter(text, i + 5);
        if (i < 0) return -1;
        if (text.AsSpan(i).StartsWith(".dev", StringComparison.Ordinal)) i = DigitsAfter(text, i + 4);
        if (i < 0) return -1;
        return EndsSpecifier(text, i) ? i : -1;
    }

    private static bool EndsSpecifier(string text, int i) => i == text.Length || text[i] == ',';

    // "===" is never in the subset: it compares strings, and "==" followed by "=" is no version.
    private static int OperatorAt(string text, int i)
    {
        if (i >= text.Length) return 0;
        var second = i + 1 < text.Length ? text[i + 1] : '\0';
        return text[i] switch
        {
            '=' when second == '=' => i + 2 < text.Length && text[i + 2] == '=' ? 0 : 2,
            '!' or '~' when second == '=' => 2,
            '<' or '>' => second == '=' ? 2 : 1,
            _ => 0,
        };
    }

    private static int DigitsEnd(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        return i;
    }

    // At least one digit at i: where they end; else -1.
    private static int DigitsAfter(string text, int i)
    {
        var end = DigitsEnd(text, i);
        return end > i ? end : -1;
    }
}
