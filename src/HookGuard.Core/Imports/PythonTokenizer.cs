using System.Text;

namespace HookGuard.Core.Imports;

internal enum TokenKind { Name, String, Number, Operator }

/// <summary>
/// One token of a logical line. Strings carry their content only when it is a plain literal (no f/b/t prefix, no
/// backslash), the only kind <c>import_module("...")</c> can name a module with.
/// </summary>
internal readonly record struct PythonToken(TokenKind Kind, string Text, int Line, int Depth, string? PlainString = null);

/// <summary>
/// Splits Python source into logical lines of tokens, the way CPython's tokenizer does for what the import reader needs:
/// comments, every string form (prefixes in any case, triple quotes, 3.12 f-strings with nested quotes), backslash
/// continuations, brackets joining lines. Never throws; a truncated string or bracket just ends at the end of the input.
/// One pass over the bytes, so the cost is linear.
/// </summary>
internal sealed class PythonTokenizer(ReadOnlyMemory<byte> source)
{
    // Nested f-strings deeper than this are scanned as plain text: hostile input must not exhaust the stack.
    private const int MaxFStringNesting = 32;

    private readonly ReadOnlyMemory<byte> _source = source;
    private int _pos = StartAfterBom(source.Span);
    private int _line = 1;
    private int _depth;

    private static int StartAfterBom(ReadOnlySpan<byte> s) =>
        s.Length >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;

    /// <summary>Fills <paramref name="tokens"/> with the next logical line; false at the end of the input.</summary>
    public bool NextLogicalLine(List<PythonToken> tokens, out int indent)
    {
        tokens.Clear();
        indent = 0;
        var s = _source.Span;
        int lineStart = _pos;
        while (_pos < s.Length)
        {
            byte c = s[_pos];
            if (c == '\n' || c == '\r')
            {
                _pos += c == '\r' && _pos + 1 < s.Length && s[_pos + 1] == '\n' ? 2 : 1;
                _line++;
                lineStart = _pos;
                if (_depth == 0 && tokens.Count > 0) return true;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f') { _pos++; continue; }
            if (c == '#') { while (_pos < s.Length && s[_pos] != '\n' && s[_pos] != '\r') _pos++; continue; }
            if (c == '\\')
            {
                _pos++;
                if (_pos < s.Length && (s[_pos] == '\n' || s[_pos] == '\r'))
                {
                    _pos += s[_pos] == '\r' && _pos + 1 < s.Length && s[_pos + 1] == '\n' ? 2 : 1;
                    _line++;
                }
                continue;
            }
            if (tokens.Count == 0) indent = Column(s, lineStart, _pos);
            tokens.Add(NextToken(s));
        }
        return tokens.Count > 0;
    }

    private static int Column(ReadOnlySpan<byte> s, int from, int to)
    {
        int col = 0;
        for (int i = from; i < to; i++)
            col = s[i] == '\t' ? (col / 8 + 1) * 8 : s[i] == '\f' ? 0 : col + 1;
        return col;
    }

    private PythonToken NextToken(ReadOnlySpan<byte> s)
    {
        int start = _pos, line = _line;
        byte c = s[_pos];
        if (IsNameStart(c))
        {
            while (_pos < s.Length && IsNameChar(s[_pos])) _pos++;
            int quote = _pos < s.Length ? s[_pos] : 0;
            if ((quote == '"' || quote == '\'') && _pos - start <= 3 && IsStringPrefix(s[start.._pos]))
                return StringToken(s, start, line, s[start.._pos]);
            return new(TokenKind.Name, Encoding.UTF8.GetString(s[start.._pos]), line, _depth);
        }
        if (c == '"' || c == '\'') return StringToken(s, start, line, []);
        if (IsDigit(c) || (c == '.' && _pos + 1 < s.Length && IsDigit(s[_pos + 1])))
        {
            while (_pos < s.Length && (IsNameChar(s[_pos]) || s[_pos] == '.')) _pos++;
            return new(TokenKind.Number, "0", line, _depth);
        }
        _pos++;
        if (c == ':' && _pos < s.Length && s[_pos] == '=') { _pos++; return new(TokenKind.Operator, ":=", line, _depth); }
        if (c is (byte)'(' or (byte)'[' or (byte)'{') { _depth++; return new(TokenKind.Operator, ((char)c).ToString(), line, _depth - 1); }
        if (c is (byte)')' or (byte)']' or (byte)'}') { if (_depth > 0) _depth--; return new(TokenKind.Operator, ((char)c).ToString(), line, _depth); }
        return new(TokenKind.Operator, c < 0x80 ? ((char)c).ToString() : "?", line, _depth);
    }

    private PythonToken StringToken(ReadOnlySpan<byte> s, int start, int line, ReadOnlySpan<byte> prefix)
    {
        bool formatted = false, bytes = false;
        foreach (byte p in prefix)
        {
            byte lower = (byte)(p | 0x20);
            if (lower == 'f' || lower == 't') formatted = true;
            if (lower == 'b') bytes = true;
        }
        int contentStart = QuoteLength(s, _pos) + _pos;
        int contentEnd = ScanString(s, formatted, 0);
        string? plain = null;
        if (!formatted && !bytes && contentEnd >= contentStart)
        {
            var content = s[contentStart..contentEnd];
            if (content.IndexOf((byte)'\\') < 0) plain = Encoding.UTF8.GetString(content);
        }
        return new(TokenKind.String, "\"", line, _depth, plain);
    }

    private static int QuoteLength(ReadOnlySpan<byte> s, int at) =>
        at + 2 < s.Length && s[at + 1] == s[at] && s[at + 2] == s[at] ? 3 : 1;

    /// <summary>Scans a string starting at its opening quote; returns where its content ends.</summary>
    private int ScanString(ReadOnlySpan<byte> s, bool formatted, int nesting)
    {
        byte quote = s[_pos];
        int quoteLength = QuoteLength(s, _pos);
        _pos += quoteLength;
        while (_pos < s.Length)
        {
            byte c = s[_pos];
            if (c == '\\')
            {
                _pos++;
                if (_pos < s.Length) SkipOne(s);
                continue;
            }
            if (c == quote && (quoteLength == 1 || (_pos + 2 < s.Length && s[_pos + 1] == quote && s[_pos + 2] == quote)))
            {
                int end = _pos;
                _pos += quoteLength;
                return end;
            }
            if (c == '\n' || c == '\r')
            {
                if (quoteLength == 1) return _pos; // an unterminated one-line string ends at its line
                SkipOne(s);
                continue;
            }
            if (formatted && c == '{' && nesting < MaxFStringNesting)
            {
                if (_pos + 1 < s.Length && s[_pos + 1] == '{') { _pos += 2; continue; }
                _pos++;
                ScanReplacementField(s, nesting + 1);
                continue;
            }
            _pos++;
        }
        return _pos;
    }

    /// <summary>An f-string's <c>{expression!r:spec}</c>, after its brace: strings inside may reuse the outer quote (3.12).</summary>
    private void ScanReplacementField(ReadOnlySpan<byte> s, int nesting)
    {
        int brackets = 0;
        bool inSpec = false;
        while (_pos < s.Length)
        {
            byte c = s[_pos];
            if (inSpec)
            {
                if (c == '}') { _pos++; return; }
                if (c == '{' && nesting < MaxFStringNesting) { _pos++; ScanReplacementField(s, nesting + 1); continue; }
                if (c == '\n' || c == '\r') { SkipOne(s); continue; }
                _pos++;
                continue;
            }
            if (c == '\n' || c == '\r') { SkipOne(s); continue; }
            if (c == '#') { while (_pos < s.Length && s[_pos] != '\n' && s[_pos] != '\r') _pos++; continue; }
            if (c == '"' || c == '\'') { ScanString(s, false, nesting); continue; }
            if (IsNameStart(c))
            {
                int start = _pos;
                while (_pos < s.Length && IsNameChar(s[_pos])) _pos++;
                if (_pos < s.Length && (s[_pos] == '"' || s[_pos] == '\'') && _pos - start <= 3 && IsStringPrefix(s[start.._pos]))
                {
                    bool formatted = false;
                    foreach (byte p in s[start.._pos]) if ((p | 0x20) is 'f' or 't') formatted = true;
                    ScanString(s, formatted, nesting);
                }
                continue;
            }
            _pos++;
            if (c is (byte)'(' or (byte)'[' or (byte)'{') brackets++;
            else if (c is (byte)')' or (byte)']') { if (brackets > 0) brackets--; }
            else if (c == '}') { if (brackets == 0) return; brackets--; }
            else if (c == ':' && brackets == 0) inSpec = true;
            else if (c == '!' && brackets == 0 && _pos < s.Length && s[_pos] != '=') { /* conversion: r, s or a follows */ }
        }
    }

    /// <summary>Steps over one byte, counting a line ending (CRLF as one).</summary>
    private void SkipOne(ReadOnlySpan<byte> s)
    {
        byte c = s[_pos];
        _pos++;
        if (c == '\r') { if (_pos < s.Length && s[_pos] == '\n') _pos++; _line++; }
        else if (c == '\n') _line++;
    }

    private static bool IsStringPrefix(ReadOnlySpan<byte> name)
    {
        foreach (byte b in name)
            if ((b | 0x20) is not ((byte)'r' or (byte)'b' or (byte)'u' or (byte)'f' or (byte)'t')) return false;
        return true;
    }

    private static bool IsDigit(byte c) => c >= '0' && c <= '9';
    private static bool IsNameStart(byte c) => c == '_' || (c | 0x20) is >= (byte)'a' and <= (byte)'z' || c >= 0x80;
    private static bool IsNameChar(byte c) => IsNameStart(c) || IsDigit(c);
}
