using System.Text.RegularExpressions;

namespace HookGuard.Core.Packaging;

/// <summary>The token kinds of packaging's <c>_tokenizer.DEFAULT_RULES</c>.</summary>
internal enum TokenKind
{
    LeftParenthesis,
    RightParenthesis,
    LeftBracket,
    RightBracket,
    Semicolon,
    Comma,
    QuotedString,
    Op,
    BoolOp,
    In,
    Not,
    Variable,
    Specifier,
    At,
    Url,
    Identifier,
    VersionPrefixTrail,
    VersionLocalLabelTrail,
    Whitespace,
    End,
}

/// <summary>
/// A hand-written port of packaging's context-sensitive <c>Tokenizer</c> (packaging 24.1,
/// <c>_tokenizer.py</c>): the parser asks "is the next token of kind K?" and the tokenizer answers by
/// matching that one rule at the current position, with the same regular-expression semantics
/// (word boundaries, greedy runs with backtracking, <c>$</c> before a final newline).
/// </summary>
internal sealed partial class DependencyTokenizer(string source, bool lockFileVariables = false)
{
    private static readonly string[] Variables =
    [
        // The VARIABLE alternation of _tokenizer.py, spelled out; each must end at a word boundary.
        "python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
        "platform_release", "platform_system", "platform_version", "platform.version", "platform_machine",
        "platform.machine", "platform_python_implementation", "platform.python_implementation",
        "python_implementation", "implementation_name", "implementation_version", "extra",
    ];

    // PEP 751 adds two set-valued variables for lock files (https://peps.python.org/pep-0751/#packages-marker);
    // packaging 25 accepts them everywhere, pip 24.2's packaging 24.1 nowhere, so only lock readers ask for them.
    private static readonly string[] LockFileVariables = ["extras", "dependency_groups"];

    private static readonly string[] Operators = ["===", "==", "~=", "!=", "<=", ">=", "<", ">"];

    private int _pendingLength = -1;

    public string Source { get; } = source;
    public int Position { get; private set; }

    /// <summary>Moves past a token of this kind if it is next.</summary>
    public void Consume(TokenKind kind)
    {
        if (Check(kind)) Read();
    }

    /// <summary>Whether the next token is of this kind; unless <paramref name="peek"/>, it must then be read.</summary>
    public bool Check(TokenKind kind, bool peek = false)
    {
        var length = MatchLength(kind);
        if (length < 0) return false;
        if (!peek) _pendingLength = length;
        return true;
    }

    /// <summary>Reads a token of this kind or fails with "Expected {expected}".</summary>
    public string Expect(TokenKind kind, string expected)
    {
        if (!Check(kind)) throw SyntaxError($"Expected {expected}");
        return Read();
    }

    /// <summary>Consumes the token found by the last successful <see cref="Check"/> and returns its text.</summary>
    public string Read()
    {
        var text = Source.Substring(Position, _pendingLength);
        Position += _pendingLength;
        _pendingLength = -1;
        return text;
    }

    public PackagingFormatException SyntaxError(string message, int? spanStart = null) =>
        new(message, Source, spanStart ?? Position);

    private int MatchLength(TokenKind kind)
    {
        var position = Position;
        var remaining = Source.Length - position;
        switch (kind)
        {
            case TokenKind.LeftParenthesis: return SingleChar('(');
            case TokenKind.RightParenthesis: return SingleChar(')');
            case TokenKind.LeftBracket: return SingleChar('[');
            case TokenKind.RightBracket: return SingleChar(']');
            case TokenKind.Semicolon: return SingleChar(';');
            case TokenKind.Comma: return SingleChar(',');
            case TokenKind.At: return SingleChar('@');
            case TokenKind.QuotedString:
            {
                if (remaining == 0 || Source[position] is not ('\'' or '"')) return -1;
                var close = Source.IndexOf(Source[position], position + 1);
                return close < 0 ? -1 : close - position + 1;
            }
            case TokenKind.Op:
                foreach (var op in Operators)
                    if (Source.AsSpan(position).StartsWith(op, StringComparison.Ordinal)) return op.Length;
                return -1;
            case TokenKind.BoolOp:
            {
                var orLength = Keyword("or");
                return orLength >= 0 ? orLength : Keyword("and");
            }
            case TokenKind.In: return Keyword("in");
            case TokenKind.Not: return Keyword("not");
            case TokenKind.Variable:
                foreach (var variable in Variables)
                    if (Keyword(variable) is var length and >= 0) return length;
                if (lockFileVariables)
                    foreach (var variable in LockFileVariables)
                        if (Keyword(variable) is var length and >= 0) return length;
                return -1;
            case TokenKind.Specifier:
            {
                var match = SpecifierAtPosition().Match(Source, position);
                return match.Success ? match.Length : -1;
            }
            case TokenKind.Url:
            {
                var end = position;
                while (end < Source.Length && Source[end] is not (' ' or '\t')) end++;
                return end > position ? end - position : -1;
            }
            case TokenKind.Identifier: return Identifier();
            case TokenKind.VersionPrefixTrail:
                return Source.AsSpan(position).StartsWith(".*", StringComparison.Ordinal) ? 2 : -1;
            case TokenKind.VersionLocalLabelTrail: return LocalLabelTrail();
            case TokenKind.Whitespace:
            {
                var end = position;
                while (end < Source.Length && Source[end] is ' ' or '\t') end++;
                return end > position ? end - position : -1;
            }
            case TokenKind.End:
                // Python's "$" also matches just before a final newline.
                return remaining == 0 || (remaining == 1 && Source[position] == '\n') ? 0 : -1;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private int SingleChar(char c) => Position < Source.Length && Source[Position] == c ? 1 : -1;

    private bool IsWordAt(int index) => index >= 0 && index < Source.Length && PythonText.IsWordChar(Source[index]);

    private bool IsBoundary(int index) => IsWordAt(index - 1) != IsWordAt(index);

    /// <summary><c>\bword\b</c> at the current position (all keywords start and end with a word character).</summary>
    private int Keyword(string word)
    {
        if (!Source.AsSpan(Position).StartsWith(word, StringComparison.Ordinal)) return -1;
        return IsBoundary(Position) && IsBoundary(Position + word.Length) ? word.Length : -1;
    }

    /// <summary><c>\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b</c>: the longest run that ends at a word boundary.</summary>
    private int Identifier()
    {
        var start = Position;
        if (start >= Source.Length || !char.IsAsciiLetterOrDigit(Source[start]) || !IsBoundary(start)) return -1;
        var end = start + 1;
        while (end < Source.Length && (char.IsAsciiLetterOrDigit(Source[end]) || Source[end] is '.' or '_' or '-')) end++;
        for (; end > start; end--)
            if (IsBoundary(end)) return end - start;
        return -1;
    }

    /// <summary><c>\+[a-z0-9]+(?:[-_\.][a-z0-9]+)*</c> (case-sensitive).</summary>
    private int LocalLabelTrail()
    {
        var i = Position;
        if (i >= Source.Length || Source[i] != '+') return -1;
        i++;
        var runStart = i;
        while (i < Source.Length && IsLowerAlphanumeric(Source[i])) i++;
        if (i == runStart) return -1;
        while (i + 1 < Source.Length && Source[i] is '-' or '_' or '.' && IsLowerAlphanumeric(Source[i + 1]))
        {
            i++;
            while (i < Source.Length && IsLowerAlphanumeric(Source[i])) i++;
        }
        return i - Position;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    [GeneratedRegex(SpecifierRegexBody.AtPosition, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpecifierAtPosition();
}
