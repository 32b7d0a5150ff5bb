using System.Text.RegularExpressions;

namespace HookGuard.Core.Requirements;

/// <summary>A logical line after pip's preprocessing: its first and last physical lines and its text, mapped to the file.</summary>
internal readonly record struct LogicalLine(int FirstLine, int LastLine, MappedText Text);

/// <summary>
/// pip's <c>preprocess</c> (pip/_internal/req/req_file.py): <c>splitlines</c>, <c>join_lines</c>,
/// <c>ignore_comments</c>, <c>expand_env_variables</c>, in that order and with the same quirks.
/// </summary>
internal static partial class LogicalLines
{
    public static IEnumerable<LogicalLine> Read(string source, IReadOnlyList<PhysicalLine> lines, Func<string, string?> variables)
    {
        foreach (var joined in JoinLines(source, lines))
        {
            var text = StripComment(joined.Text).StripSpace();
            if (text.Length == 0) continue;
            yield return joined with { Text = ExpandVariables(text, variables) };
        }
    }

    // join_lines: a line ending in '\' continues on the next one unless it is a comment line; continued lines lose
    // every leading and trailing backslash (line.strip("\\")); a comment line ends the continuation, prefixed with
    // a space so that it is still stripped as a comment afterwards.
    private static IEnumerable<LogicalLine> JoinLines(string source, IReadOnlyList<PhysicalLine> lines)
    {
        MappedTextBuilder? pending = null;
        var primary = 0;
        foreach (var line in lines)
        {
            var text = MappedText.FromSource(source, line.Start, line.ContentEnd);
            var isComment = IsCommentLine(text);
            if (!text.EndsWith('\\') || isComment)
            {
                if (pending is not null)
                {
                    if (isComment) pending.Append(' ', -1);
                    pending.Append(text);
                    yield return new LogicalLine(primary, line.Number, pending.Build());
                    pending = null;
                }
                else if (!isComment)
                {
                    yield return new LogicalLine(line.Number, line.Number, text);
                }
                // A comment line of its own: pip yields " " + line, which ignore_comments then strips to nothing (its
                // first non-space character is the '#'), so it never becomes a logical line.
            }
            else
            {
                if (pending is null)
                {
                    pending = new MappedTextBuilder();
                    primary = line.Number;
                }
                pending.Append(text.Strip('\\'));
            }
        }
        if (pending is not null) yield return new LogicalLine(primary, lines[^1].Number, pending.Build());
    }

    // COMMENT_RE.match(line) with COMMENT_RE = (^|\s+)#.*$
    private static bool IsCommentLine(MappedText text)
    {
        var i = 0;
        while (i < text.Length && PythonStrings.IsSpace(text[i])) i++;
        return i < text.Length && text[i] == '#';
    }

    // COMMENT_RE.sub("", line): everything from the first '#' that starts the line or follows white space,
    // together with that white space. A '#' inside a word (url#sha256=..., #egg=) survives.
    private static MappedText StripComment(MappedText text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '#' || (i > 0 && !PythonStrings.IsSpace(text[i - 1]))) continue;
            var start = i;
            while (start > 0 && PythonStrings.IsSpace(text[start - 1])) start--;
            return text.Slice(0, start);
        }
        return text;
    }

    // expand_env_variables: only ${NAME} with NAME in [A-Z0-9_]; an unset or empty variable stays as written.
    private static MappedText ExpandVariables(MappedText text, Func<string, string?> variables)
    {
        // Most lines reference no variable: skip the regex and the string it needs.
        if (text.AsSpan().IndexOf("${", StringComparison.Ordinal) < 0) return text;
        foreach (Match match in VariableReference().Matches(text.ToString()))
        {
            var value = variables(match.Groups["name"].Value);
            if (string.IsNullOrEmpty(value)) continue;
            text = text.Replace(match.Value, value);
        }
        return text;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)\}")]
    private static partial Regex VariableReference();
}
