using System.Buffers;
using System.Globalization;
using HookGuard.Core.Declarations;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Toml;

/// <summary>
/// A strict TOML 1.0 parser (https://toml.io/en/v1.0.0) over validated UTF-8 bytes, in one pass and linear time. Where
/// the spec leaves room, it does what CPython's <c>tomllib</c> does (the reference of the differential specs), so that
/// both accept the same documents and name the same line: the statement loop, the order of checks and the table rules
/// follow <c>Lib/tomllib/_parser.py</c> (https://github.com/python/cpython/blob/v3.13.0/Lib/tomllib/_parser.py).
/// Strings and dates are not decoded here: they keep their place in the bytes and decode when read.
/// </summary>
internal sealed class TomlParser
{
    /// <summary>Arrays and inline tables nested deeper than this are refused, so that the recursion stays bounded.</summary>
    public const int MaxDepth = 100;

    // What ends a run of plain characters in each context. Tab is the one control character TOML allows in strings and
    // comments ("Control characters other than tab ... are not permitted"), so it is not a stop.
    private static readonly SearchValues<byte> BasicStringStops = SearchValues.Create(StopBytes("\"\\"));
    private static readonly SearchValues<byte> LiteralStringStops = SearchValues.Create(StopBytes("'"));
    private static readonly SearchValues<byte> CommentStops = SearchValues.Create(StopBytes(""));

    private readonly string _file;
    private readonly byte[] _src;
    private readonly TomlSource _source;
    private readonly TomlKeyCache _keys = new();
    private readonly List<string> _keyParts = new(8);
    private readonly TomlUnreadValues? _unread;
    // The keys of unread inline tables being checked, for their duplicate-key rule (no table is built for them).
    private readonly List<string> _unreadInlineKeys = [];
    private TomlUnreadValues.Section? _sectionUnread;
    private int _pos;
    private int _line = 1;
    private int _section;

    private TomlParser(string file, byte[] src, int start, TomlUnreadValues? unread)
    {
        _file = file;
        _src = src;
        _source = new TomlSource(src);
        _pos = start;
        _unread = unread;
        _sectionUnread = unread?.SectionOf(_keyParts, 0);
    }

    /// <summary>
    /// Parses <paramref name="src"/> from <paramref name="start"/> (past a BOM); the bytes must be valid UTF-8. Values
    /// named by <paramref name="unread"/> are checked but not kept.
    /// </summary>
    public static TomlTable Parse(string file, byte[] src, int start, TomlUnreadValues? unread = null)
    {
        if (unread is null)
        {
            return new TomlParser(file, src, start, null).Document();
        }

        try
        {
            return new TomlParser(file, src, start, unread).Document();
        }
        catch (DeclarationFileError)
        {
            // Whatever the skipping pass refused, the full pass decides: it names the same line and words as a document
            // read without skipping (the skipping checks can be stricter, as with dotted keys in an unread inline table,
            // but never looser).
            return new TomlParser(file, src, start, null).Document();
        }
    }

    internal static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => -1,
    };

    private static byte[] StopBytes(string extra)
    {
        var stops = new List<byte>();
        for (var b = 0; b < 0x20; b++)
        {
            if (b != '\t')
            {
                stops.Add((byte)b);
            }
        }

        stops.Add(0x7F);
        foreach (var c in extra)
        {
            stops.Add((byte)c);
        }

        return [.. stops];
    }

    private TomlTable Document()
    {
        var root = new TomlTable(1, TomlTableOrigin.Root);
        var current = root;
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _src.Length)
            {
                break;
            }

            var c = _src[_pos];
            if (TryNewline())
            {
                continue;
            }

            if (IsBareKeyByte(c) || c is (byte)'"' or (byte)'\'')
            {
                KeyValue(current, inInlineTable: false, depth: 0);
                SkipWhitespace();
            }
            else if (c == (byte)'[')
            {
                _section++;
                current = _pos + 1 < _src.Length && _src[_pos + 1] == (byte)'[' ? ArrayTableHeader(root) : TableHeader(root);
                SkipWhitespace();
            }
            else if (c != (byte)'#')
            {
                throw Error(_pos, $"expected a key, a [table] header or a comment, found {Describe(_pos)}");
            }

            SkipComment();
            if (_pos < _src.Length && !TryNewline())
            {
                throw Error(_pos, $"expected the end of the line after a statement, found {Describe(_pos)}");
            }
        }

        return root;
    }

    // ---- lexical helpers -------------------------------------------------------------------------------------------

    private void SkipWhitespace()
    {
        while (_pos < _src.Length && _src[_pos] is (byte)' ' or (byte)'\t')
        {
            _pos++;
        }
    }

    /// <summary>Consumes LF or CRLF (TOML's two newlines); a CR alone is a control character, which TOML forbids.</summary>
    private bool TryNewline()
    {
        var c = _src[_pos];
        if (c == (byte)'\n')
        {
            _pos++;
            _line++;
            return true;
        }

        if (c == (byte)'\r' && _pos + 1 < _src.Length && _src[_pos + 1] == (byte)'\n')
        {
            _pos += 2;
            _line++;
            return true;
        }

        return false;
    }

    private void SkipComment()
    {
        if (_pos >= _src.Length || _src[_pos] != (byte)'#')
        {
            return;
        }

        var stop = _src.AsSpan(_pos + 1).IndexOfAny(CommentStops);
        if (stop < 0)
        {
            _pos = _src.Length;
            return;
        }

        _pos += 1 + stop;
        if (_src[_pos] != (byte)'\n' && !(_src[_pos] == (byte)'\r' && _pos + 1 < _src.Length && _src[_pos + 1] == (byte)'\n'))
        {
            throw Error(_pos, $"{Describe(_pos)} is not allowed in a comment");
        }
    }

    /// <summary>Whitespace, newlines and comments, which TOML allows between the values of an array.</summary>
    private void SkipArraySpace()
    {
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c is (byte)' ' or (byte)'\t')
            {
                _pos++;
            }
            else if (c == (byte)'#')
            {
                SkipComment();
            }
            else if (!TryNewline())
            {
                return;
            }
        }
    }

    private static bool IsBareKeyByte(byte c) =>
        c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_';

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private bool At(int position, byte expected) => position < _src.Length && _src[position] == expected;

    private bool StartsWith(int position, ReadOnlySpan<byte> expected) => _src.AsSpan(position).StartsWith(expected);

    // ---- keys --------------------------------------------------------------------------------------------------------

    /// <summary>Reads a dotted key onto <see cref="_keyParts"/> and returns how many parts it has.</summary>
    private int Key()
    {
        var count = 0;
        while (true)
        {
            _keyParts.Add(KeyPart());
            count++;
            SkipWhitespace();
            if (!At(_pos, (byte)'.'))
            {
                return count;
            }

            _pos++;
            SkipWhitespace();
        }
    }

    private string KeyPart()
    {
        var start = _pos;
        if (_pos < _src.Length && IsBareKeyByte(_src[_pos]))
        {
            while (_pos < _src.Length && IsBareKeyByte(_src[_pos]))
            {
                _pos++;
            }

            return _keys.Get(_src.AsSpan(start, _pos - start));
        }

        if (At(_pos, (byte)'"'))
        {
            var form = BasicString();
            var raw = _src.AsSpan(start + 1, _pos - start - 2);
            return form == TomlStringForm.Verbatim && System.Text.Ascii.IsValid(raw) ? _keys.Get(raw) : TomlStringDecoder.Decode(raw, form);
        }

        if (At(_pos, (byte)'\''))
        {
            LiteralString();
            var raw = _src.AsSpan(start + 1, _pos - start - 2);
            return System.Text.Ascii.IsValid(raw) ? _keys.Get(raw) : TomlStringDecoder.Decode(raw, TomlStringForm.Verbatim);
        }

        throw Error(_pos, $"expected a key (a bare key of A-Za-z0-9_- or a quoted one), found {Describe(_pos)}");
    }

    // ---- statements --------------------------------------------------------------------------------------------------

    private void KeyValue(TomlTable table, bool inInlineTable, int depth)
    {
        var keyStart = _pos;
        var line = _line;
        var first = _keyParts.Count;
        var count = Key();
        if (!At(_pos, (byte)'='))
        {
            throw Error(_pos, $"expected '=' after the key, found {Describe(_pos)}");
        }

        _pos++;
        SkipWhitespace();
        // The value comes first, as in tomllib: a document with a bad value and a repeated key is reported at the value.
        var value = !inInlineTable && count == 1 && _sectionUnread is { } unread && unread.Skips(_keyParts[first])
            ? UnreadValue(depth)
            : Value(depth);
        try
        {
            Assign(table, first, count, value, inInlineTable, keyStart, line);
        }
        finally
        {
            _keyParts.RemoveRange(first, count);
        }
    }

    /// <summary>
    /// Puts <paramref name="value"/> under the dotted key at <c>_keyParts[first..]</c>. TOML 1.0 "Keys" and "Table": dotted
    /// keys create and define tables, which neither a later [header] nor a later section may add to; inline tables are
    /// closed. tomllib's <c>key_value_rule</c> and <c>parse_inline_table</c> implement the same rules with flags.
    /// </summary>
    private void Assign(TomlTable table, int first, int count, TomlNode value, bool inInlineTable, int keyStart, int line)
    {
        var target = table;
        for (var i = first; i < first + count - 1; i++)
        {
            var key = _keyParts[i];
            if (!target.TryGet(key, out var node))
            {
                var created = new TomlTable(line, inInlineTable ? TomlTableOrigin.InlineDotted : TomlTableOrigin.Dotted)
                {
                    DottedSection = _section,
                };
                target.Add(key, created);
                target = created;
                continue;
            }

            if (node is not TomlTable child)
            {
                throw Error(keyStart, $"'{KeyText(first, i)}' is already {node.Kind} (line {node.Line}), so it cannot take dotted keys");
            }

            switch (child.Origin)
            {
                case TomlTableOrigin.InlineDotted when inInlineTable:
                case TomlTableOrigin.Dotted when !inInlineTable && child.DottedSection == _section:
                    break;
                case TomlTableOrigin.Implicit when !inInlineTable:
                    child.Origin = TomlTableOrigin.Dotted;
                    child.DottedSection = _section;
                    break;
                case TomlTableOrigin.Inline or TomlTableOrigin.InlineDotted:
                    throw Error(keyStart, $"'{KeyText(first, i)}' is an inline table (line {child.Line}), which cannot be extended");
                case TomlTableOrigin.Dotted:
                    throw Error(keyStart, $"table '{KeyText(first, i)}' was defined by dotted keys in an earlier section (line {child.Line}); it cannot be extended from here");
                default:
                    throw Error(keyStart, $"table '{KeyText(first, i)}' is defined by a [header] (line {child.Line}); dotted keys cannot add to it");
            }

            target = child;
        }

        var last = _keyParts[first + count - 1];
        if (target.TryGet(last, out var existing))
        {
            throw Error(keyStart, $"duplicate key '{KeyText(first, first + count - 1)}' (first defined on line {existing.Line})");
        }

        target.Add(last, value);
    }

    private TomlTable TableHeader(TomlTable root)
    {
        var start = _pos;
        var line = _line;
        _pos++;
        SkipWhitespace();
        var count = Key();
        // As in tomllib's create_dict_rule, the table rules are checked before the closing bracket.
        var parent = HeaderParent(root, count, start, line);
        var name = _keyParts[count - 1];
        TomlTable table;
        if (!parent.TryGet(name, out var node))
        {
            table = new TomlTable(line, TomlTableOrigin.Header);
            parent.Add(name, table);
        }
        else if (node is TomlTable { Origin: TomlTableOrigin.Implicit } implied)
        {
            implied.DefineAt(line);
            table = implied;
        }
        else
        {
            throw Error(start, node switch
            {
                TomlTable { Origin: TomlTableOrigin.Header or TomlTableOrigin.ArrayElement } => $"table [{KeyText(0, count - 1)}] is defined twice (first on line {node.Line})",
                TomlTable { Origin: TomlTableOrigin.Dotted } => $"table [{KeyText(0, count - 1)}] was already defined by dotted keys (line {node.Line})",
                TomlTable => $"'{KeyText(0, count - 1)}' is an inline table (line {node.Line}), which cannot be extended",
                TomlArray { IsArrayOfTables: true } => $"'{KeyText(0, count - 1)}' is an array of tables (line {node.Line}), not a table",
                _ => $"'{KeyText(0, count - 1)}' is already {node.Kind} (line {node.Line})",
            });
        }

        _sectionUnread = _unread?.SectionOf(_keyParts, count);
        _keyParts.Clear();
        if (!At(_pos, (byte)']'))
        {
            throw Error(_pos, $"expected ']' at the end of the table header, found {Describe(_pos)}");
        }

        _pos++;
        return table;
    }

    private TomlTable ArrayTableHeader(TomlTable root)
    {
        var start = _pos;
        var line = _line;
        _pos += 2;
        SkipWhitespace();
        var count = Key();
        var parent = HeaderParent(root, count, start, line);
        var name = _keyParts[count - 1];
        var element = new TomlTable(line, TomlTableOrigin.ArrayElement);
        if (!parent.TryGet(name, out var node))
        {
            var array = new TomlArray(line, isArrayOfTables: true);
            array.Add(element);
            parent.Add(name, array);
        }
        else if (node is TomlArray { IsArrayOfTables: true } array)
        {
            array.Add(element);
        }
        else
        {
            throw Error(start, node is TomlArray
                ? $"'{KeyText(0, count - 1)}' is an array value (line {node.Line}); [[{KeyText(0, count - 1)}]] cannot add to it"
                : $"'{KeyText(0, count - 1)}' is already {node.Kind} (line {node.Line}), not an array of tables");
        }

        _sectionUnread = _unread?.SectionOf(_keyParts, count);
        _keyParts.Clear();
        if (!StartsWith(_pos, "]]"u8))
        {
            throw Error(_pos, $"expected ']]' at the end of the array-of-tables header, found {Describe(_pos)}");
        }

        _pos += 2;
        return element;
    }

    /// <summary>Walks a header's key but the last, making implied tables and entering the last table of an array of tables.</summary>
    private TomlTable HeaderParent(TomlTable root, int count, int start, int line)
    {
        var target = root;
        for (var i = 0; i < count - 1; i++)
        {
            var key = _keyParts[i];
            if (!target.TryGet(key, out var node))
            {
                var created = new TomlTable(line, TomlTableOrigin.Implicit);
                target.Add(key, created);
                target = created;
                continue;
            }

            target = node switch
            {
                TomlTable { Origin: TomlTableOrigin.Inline or TomlTableOrigin.InlineDotted } => throw Error(start, $"'{KeyText(0, i)}' is an inline table (line {node.Line}), which cannot be extended"),
                TomlTable table => table,
                TomlArray { IsArrayOfTables: true } array => (TomlTable)array.Items[^1],
                TomlArray => throw Error(start, $"'{KeyText(0, i)}' is an array value (line {node.Line}), which cannot be extended"),
                _ => throw Error(start, $"'{KeyText(0, i)}' is already {node.Kind} (line {node.Line}), not a table"),
            };
        }

        return target;
    }

    // ---- values ------------------------------------------------------------------------------------------------------

    private TomlNode Value(int depth)
    {
        var line = _line;
        var start = _pos;
        if (_pos >= _src.Length)
        {
            throw Error(_pos, "expected a value, found the end of the file");
        }

        switch (_src[_pos])
        {
            case (byte)'"':
                if (StartsWith(_pos, "\"\"\""u8))
                {
                    var multiLine = MultiLineBasicString(out var contentStart, out var contentLength);
                    return new TomlString(line, _source, contentStart, contentLength, multiLine);
                }

                var form = BasicString();
                return new TomlString(line, _source, start + 1, _pos - start - 2, form);
            case (byte)'\'':
                if (StartsWith(_pos, "'''"u8))
                {
                    var multiLine = MultiLineLiteralString(out var contentStart, out var contentLength);
                    return new TomlString(line, _source, contentStart, contentLength, multiLine);
                }

                LiteralString();
                return new TomlString(line, _source, start + 1, _pos - start - 2, TomlStringForm.Verbatim);
            case (byte)'t' when StartsWith(_pos, "true"u8):
                _pos += 4;
                return new TomlBoolean(line, true);
            case (byte)'f' when StartsWith(_pos, "false"u8):
                _pos += 5;
                return new TomlBoolean(line, false);
            case (byte)'[':
                return ArrayValue(depth + 1);
            case (byte)'{':
                return InlineTable(depth + 1);
        }

        return DateOrTime(line) ?? Number(line) ?? throw Error(_pos, $"expected a value, found {Describe(_pos)}");
    }

    private TomlArray ArrayValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(_pos, $"arrays and inline tables are nested more than {MaxDepth} deep");
        }

        var array = new TomlArray(_line);
        _pos++;
        SkipArraySpace();
        if (At(_pos, (byte)']'))
        {
            _pos++;
            return array;
        }

        while (true)
        {
            array.Add(Value(depth));
            SkipArraySpace();
            if (At(_pos, (byte)']'))
            {
                _pos++;
                return array;
            }

            if (!At(_pos, (byte)','))
            {
                throw Error(_pos, $"expected ',' or ']' after an array item, found {Describe(_pos)}");
            }

            _pos++;
            SkipArraySpace();
            if (At(_pos, (byte)']'))
            {
                _pos++;
                return array;
            }
        }
    }

    /// <summary>TOML 1.0 "Inline Table": on one line, no trailing comma, closed once written.</summary>
    private TomlTable InlineTable(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(_pos, $"arrays and inline tables are nested more than {MaxDepth} deep");
        }

        var table = new TomlTable(_line, TomlTableOrigin.Inline, capacity: 4);
        _pos++;
        SkipWhitespace();
        if (At(_pos, (byte)'}'))
        {
            _pos++;
            return table;
        }

        while (true)
        {
            KeyValue(table, inInlineTable: true, depth);
            SkipWhitespace();
            if (At(_pos, (byte)'}'))
            {
                _pos++;
                return table;
            }

            if (!At(_pos, (byte)','))
            {
                throw Error(_pos, $"expected ',' or '}}' in the inline table (which must be on one line), found {Describe(_pos)}");
            }

            _pos++;
            SkipWhitespace();
        }
    }

    // ---- values nobody reads (TomlUnreadValues) -----------------------------------------------------------------------

    /// <summary>Checks a value as <see cref="Value"/> does, keeping only its line and kind.</summary>
    private TomlUnread UnreadValue(int depth)
    {
        var line = _line;
        return new TomlUnread(line, CheckUnread(depth));
    }

    /// <summary>Checks one value, building no arrays or tables; returns its kind, in words.</summary>
    private string CheckUnread(int depth)
    {
        switch (_pos < _src.Length ? _src[_pos] : 0)
        {
            case (byte)'[':
                CheckUnreadArray(depth + 1);
                return "an array";
            case (byte)'{':
                CheckUnreadInlineTable(depth + 1);
                return "a table";
            // Strings are most of what is unread (URLs, hashes): checked by the same scanners, with no node built.
            case (byte)'"' when !StartsWith(_pos, "\"\"\""u8):
                BasicString();
                return "a string";
            case (byte)'\'' when !StartsWith(_pos, "'''"u8):
                LiteralString();
                return "a string";
            default:
                // Dates and numbers (upload times, sizes) without their nodes; anything else as Value reads it, errors too.
                return DateOrTime(_line, build: false) is { } date ? date.Kind
                    : Number(_line, build: false) is { } number ? number.Kind
                    : Value(depth).Kind;
        }
    }

    private void CheckUnreadArray(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(_pos, $"arrays and inline tables are nested more than {MaxDepth} deep");
        }

        _pos++;
        SkipArraySpace();
        while (!At(_pos, (byte)']'))
        {
            CheckUnread(depth);
            SkipArraySpace();
            if (At(_pos, (byte)']'))
            {
                break;
            }

            if (!At(_pos, (byte)','))
            {
                throw Error(_pos, $"expected ',' or ']' after an array item, found {Describe(_pos)}");
            }

            _pos++;
            SkipArraySpace();
        }

        _pos++;
    }

    private void CheckUnreadInlineTable(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(_pos, $"arrays and inline tables are nested more than {MaxDepth} deep");
        }

        _pos++;
        SkipWhitespace();
        if (At(_pos, (byte)'}'))
        {
            _pos++;
            return;
        }

        var keysFrom = _unreadInlineKeys.Count;
        try
        {
            while (true)
            {
                var keyStart = _pos;
                var first = _keyParts.Count;
                var count = Key();
                try
                {
                    if (count != 1)
                    {
                        // Dotted keys make tables with rules of their own; the full pass (Parse) reads this document.
                        throw Error(keyStart, "a dotted key in an unread inline table");
                    }

                    if (!At(_pos, (byte)'='))
                    {
                        throw Error(_pos, $"expected '=' after the key, found {Describe(_pos)}");
                    }

                    _pos++;
                    SkipWhitespace();
                    CheckUnread(depth);
                    var key = _keyParts[first];
                    for (var i = keysFrom; i < _unreadInlineKeys.Count; i++)
                    {
                        if (string.Equals(_unreadInlineKeys[i], key, StringComparison.Ordinal))
                        {
                            throw Error(keyStart, $"duplicate key '{key}'");
                        }
                    }

                    _unreadInlineKeys.Add(key);
                }
                finally
                {
                    _keyParts.RemoveRange(first, count);
                }

                SkipWhitespace();
                if (At(_pos, (byte)'}'))
                {
                    _pos++;
                    return;
                }

                if (!At(_pos, (byte)','))
                {
                    throw Error(_pos, $"expected ',' or '}}' in the inline table (which must be on one line), found {Describe(_pos)}");
                }

                _pos++;
                SkipWhitespace();
            }
        }
        finally
        {
            _unreadInlineKeys.RemoveRange(keysFrom, _unreadInlineKeys.Count - keysFrom);
        }
    }

    // ---- strings -----------------------------------------------------------------------------------------------------

    /// <summary>Reads a one-line basic string, leaving <see cref="_pos"/> past its closing quote.</summary>
    private TomlStringForm BasicString()
    {
        var form = TomlStringForm.Verbatim;
        _pos++;
        while (true)
        {
            var stop = _src.AsSpan(_pos).IndexOfAny(BasicStringStops);
            if (stop < 0)
            {
                throw Error(_src.Length, "the string is not closed");
            }

            _pos += stop;
            switch (_src[_pos])
            {
                case (byte)'"':
                    _pos++;
                    return form;
                case (byte)'\\':
                    form = TomlStringForm.Escaped;
                    Escape();
                    break;
                case (byte)'\n' or (byte)'\r':
                    throw Error(_pos, "the string is not closed on its line (use \"\"\" for a multi-line string)");
                default:
                    throw Error(_pos, $"{Describe(_pos)} is not allowed in a string; write it as an escape");
            }
        }
    }

    /// <summary>One backslash escape of a basic string (TOML 1.0 "String": \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX).</summary>
    private void Escape()
    {
        var at = _pos;
        if (_pos + 1 >= _src.Length)
        {
            throw Error(_src.Length, "the string is not closed");
        }

        switch (_src[_pos + 1])
        {
            case (byte)'b' or (byte)'t' or (byte)'n' or (byte)'f' or (byte)'r' or (byte)'"' or (byte)'\\':
                _pos += 2;
                return;
            case (byte)'u':
                _pos += 2;
                UnicodeEscape(at, 4);
                return;
            case (byte)'U':
                _pos += 2;
                UnicodeEscape(at, 8);
                return;
            default:
                throw Error(_pos + 1, $"'\\{(char)_src[_pos + 1]}' is not an escape TOML defines (\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)");
        }
    }

    private void UnicodeEscape(int at, int digits)
    {
        var value = 0L;
        for (var i = 0; i < digits; i++)
        {
            var digit = _pos + i < _src.Length ? HexValue(_src[_pos + i]) : -1;
            if (digit < 0)
            {
                throw Error(Math.Min(_pos + i, _src.Length), $"'\\{(digits == 4 ? 'u' : 'U')}' needs {digits} hex digits");
            }

            value = (value << 4) | (uint)digit;
        }

        if (value is > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
        {
            throw Error(at, $"U+{value:X} is not a Unicode scalar value, so it cannot be escaped");
        }

        _pos += digits;
    }

    private void LiteralString()
    {
        _pos++;
        var stop = _src.AsSpan(_pos).IndexOfAny(LiteralStringStops);
        if (stop < 0)
        {
            throw Error(_src.Length, "the literal string is not closed");
        }

        _pos += stop;
        if (_src[_pos] != (byte)'\'')
        {
            throw Error(_pos, _src[_pos] is (byte)'\n' or (byte)'\r'
                ? "the literal string is not closed on its line (use ''' for a multi-line string)"
                : $"{Describe(_pos)} is not allowed in a literal string");
        }

        _pos++;
    }

    /// <summary>Skips the newline right after an opening <c>"""</c> or <c>'''</c>, which TOML trims.</summary>
    private void TrimFirstNewline()
    {
        if (_pos < _src.Length)
        {
            TryNewline();
        }
    }

    /// <summary>After the closing delimiter, one or two more quotes belong to the string (TOML 1.0: <c>""""a""""</c>).</summary>
    private int ExtraQuotes(byte quote)
    {
        var extra = 0;
        while (extra < 2 && At(_pos, quote))
        {
            _pos++;
            extra++;
        }

        return extra;
    }

    private TomlStringForm MultiLineBasicString(out int contentStart, out int contentLength)
    {
        var form = TomlStringForm.Verbatim;
        _pos += 3;
        TrimFirstNewline();
        contentStart = _pos;
        while (true)
        {
            var stop = _src.AsSpan(_pos).IndexOfAny(BasicStringStops);
            if (stop < 0)
            {
                throw Error(_src.Length, "the multi-line string is not closed");
            }

            _pos += stop;
            switch (_src[_pos])
            {
                case (byte)'"':
                    if (StartsWith(_pos, "\"\"\""u8))
                    {
                        var end = _pos;
                        _pos += 3;
                        contentLength = end - contentStart + ExtraQuotes((byte)'"');
                        return form;
                    }

                    _pos++;
                    break;
                case (byte)'\\':
                    form = TomlStringForm.MultiLineEscaped;
                    if (_pos + 1 < _src.Length && _src[_pos + 1] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
                    {
                        LineEndingBackslash();
                    }
                    else
                    {
                        Escape();
                    }

                    break;
                case (byte)'\n':
                    _pos++;
                    _line++;
                    break;
                case (byte)'\r' when At(_pos + 1, (byte)'\n'):
                    form = TomlStringForm.MultiLineEscaped;
                    _pos += 2;
                    _line++;
                    break;
                default:
                    throw Error(_pos, $"{Describe(_pos)} is not allowed in a string; write it as an escape");
            }
        }
    }

    /// <summary>TOML 1.0: "When the last non-whitespace character on a line is an unescaped \, it will be trimmed along
    /// with all whitespace (including newlines) up to the next non-whitespace character or closing delimiter."</summary>
    private void LineEndingBackslash()
    {
        _pos++;
        SkipWhitespace();
        if (_pos >= _src.Length)
        {
            throw Error(_src.Length, "the multi-line string is not closed");
        }

        if (!TryNewline())
        {
            throw Error(_pos, "a backslash followed by whitespace must end the line (or write '\\\\' for a backslash)");
        }

        while (_pos < _src.Length)
        {
            if (_src[_pos] is (byte)' ' or (byte)'\t')
            {
                _pos++;
            }
            else if (!TryNewline())
            {
                return;
            }
        }
    }

    private TomlStringForm MultiLineLiteralString(out int contentStart, out int contentLength)
    {
        var form = TomlStringForm.Verbatim;
        _pos += 3;
        TrimFirstNewline();
        contentStart = _pos;
        while (true)
        {
            var stop = _src.AsSpan(_pos).IndexOfAny(LiteralStringStops);
            if (stop < 0)
            {
                throw Error(_src.Length, "the multi-line literal string is not closed");
            }

            _pos += stop;
            switch (_src[_pos])
            {
                case (byte)'\'':
                    if (StartsWith(_pos, "'''"u8))
                    {
                        var end = _pos;
                        _pos += 3;
                        contentLength = end - contentStart + ExtraQuotes((byte)'\'');
                        return form;
                    }

                    _pos++;
                    break;
                case (byte)'\n':
                    _pos++;
                    _line++;
                    break;
                case (byte)'\r' when At(_pos + 1, (byte)'\n'):
                    form = TomlStringForm.MultiLineLiteral;
                    _pos += 2;
                    _line++;
                    break;
                default:
                    throw Error(_pos, $"{Describe(_pos)} is not allowed in a literal string");
            }
        }
    }

    // ---- dates and times ---------------------------------------------------------------------------------------------

    /// <summary>
    /// An offset or local date-time, a local date or a local time (TOML 1.0, RFC 3339 with a space or T), or null when
    /// the bytes are not one. The grammar is tomllib's <c>RE_DATETIME</c> and <c>RE_LOCALTIME</c>: seconds are required,
    /// a fraction has at least one digit.
    /// </summary>
    // What DateOrTime and Number return for a value that is checked but not kept (build: false).
    private static readonly TomlDateTime UnkeptDate = new(0, "");
    private static readonly TomlInteger UnkeptInteger = new(0, 0);
    private static readonly TomlFloat UnkeptFloat = new(0, 0);

    private TomlDateTime? DateOrTime(int line, bool build = true)
    {
        var start = _pos;
        int end;
        if (IsDate(start))
        {
            end = start + 10;
            if (end < _src.Length && _src[end] is (byte)'T' or (byte)'t' or (byte)' ' && TimeEnd(end + 1) is var timeEnd and > 0)
            {
                end = OffsetEnd(timeEnd);
            }

            if (!IsRealDate(start))
            {
                throw Error(start, $"{Slice(start, 10)} is not a date on the calendar");
            }
        }
        else if (TimeEnd(start) is var localTimeEnd and > 0)
        {
            end = localTimeEnd;
        }
        else
        {
            return null;
        }

        _pos = end;
        return build ? new TomlDateTime(line, _source, start, end - start) : UnkeptDate;
    }

    private bool Digits(int at, int count)
    {
        if (at + count > _src.Length)
        {
            return false;
        }

        for (var i = at; i < at + count; i++)
        {
            if (!IsDigit(_src[i]))
            {
                return false;
            }
        }

        return true;
    }

    private int TwoDigits(int at) => (_src[at] - '0') * 10 + _src[at + 1] - '0';

    private bool IsDate(int at) =>
        Digits(at, 4) && At(at + 4, (byte)'-') && Digits(at + 5, 2) && At(at + 7, (byte)'-') && Digits(at + 8, 2)
        && TwoDigits(at + 5) is >= 1 and <= 12 && TwoDigits(at + 8) is >= 1 and <= 31;

    /// <summary>The day exists in its month. Year 0 is refused as tomllib (Python's <c>datetime.date</c>) refuses it.</summary>
    private bool IsRealDate(int at)
    {
        var year = TwoDigits(at) * 100 + TwoDigits(at + 2);
        var month = TwoDigits(at + 5);
        var day = TwoDigits(at + 8);
        return year >= 1 && day <= System.DateTime.DaysInMonth(year, month);
    }

    /// <summary>The end of <c>HH:MM:SS[.fraction]</c> at <paramref name="at"/>, or 0.</summary>
    private int TimeEnd(int at)
    {
        if (!(Digits(at, 2) && At(at + 2, (byte)':') && Digits(at + 3, 2) && At(at + 5, (byte)':') && Digits(at + 6, 2)
              && TwoDigits(at) <= 23 && TwoDigits(at + 3) <= 59 && TwoDigits(at + 6) <= 59))
        {
            return 0;
        }

        var end = at + 8;
        if (At(end, (byte)'.') && end + 1 < _src.Length && IsDigit(_src[end + 1]))
        {
            end += 2;
            while (end < _src.Length && IsDigit(_src[end]))
            {
                end++;
            }
        }

        return end;
    }

    /// <summary>The end of an optional <c>Z</c> or <c>+HH:MM</c> offset after a time ending at <paramref name="at"/>.</summary>
    private int OffsetEnd(int at)
    {
        if (at < _src.Length && _src[at] is (byte)'Z' or (byte)'z')
        {
            return at + 1;
        }

        if (at < _src.Length && _src[at] is (byte)'+' or (byte)'-' && Digits(at + 1, 2) && At(at + 3, (byte)':')
            && Digits(at + 4, 2) && TwoDigits(at + 1) <= 23 && TwoDigits(at + 4) <= 59)
        {
            return at + 6;
        }

        return at;
    }

    // ---- numbers -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// An integer or float (TOML 1.0 "Integer", "Float"), or null. The grammar is tomllib's <c>RE_NUMBER</c>: no leading
    /// zeros, an underscore only between digits, a sign only on decimals, <c>0x</c>/<c>0o</c>/<c>0b</c> in lower case.
    /// </summary>
    private TomlNode? Number(int line, bool build = true)
    {
        var start = _pos;
        if (At(start, (byte)'0') && start + 2 < _src.Length && _src[start + 1] is (byte)'x' or (byte)'o' or (byte)'b')
        {
            var bits = _src[start + 1] switch { (byte)'x' => 4, (byte)'o' => 3, _ => 1 };
            if (RadixDigit(_src[start + 2], bits) >= 0)
            {
                return RadixInteger(line, start, bits);
            }
        }

        var p = start;
        if (p < _src.Length && _src[p] is (byte)'+' or (byte)'-')
        {
            p++;
        }

        if (p >= _src.Length || !IsDigit(_src[p]))
        {
            return SpecialFloat(line);
        }

        p = _src[p] == (byte)'0' ? p + 1 : DigitRun(p);
        var isFloat = false;
        if (At(p, (byte)'.') && p + 1 < _src.Length && IsDigit(_src[p + 1]))
        {
            isFloat = true;
            p = DigitRun(p + 1);
        }

        if (p < _src.Length && _src[p] is (byte)'e' or (byte)'E')
        {
            var q = p + 1;
            if (q < _src.Length && _src[q] is (byte)'+' or (byte)'-')
            {
                q++;
            }

            if (q < _src.Length && IsDigit(_src[q]))
            {
                isFloat = true;
                p = DigitRun(q);
            }
        }

        _pos = p;
        if (!build)
        {
            // Still parsed: an integer out of range is an error whether or not anyone reads it.
            if (isFloat)
            {
                ParseFloat(start, p);
                return UnkeptFloat;
            }

            ParseDecimal(start, p);
            return UnkeptInteger;
        }

        return isFloat ? new TomlFloat(line, ParseFloat(start, p)) : new TomlInteger(line, ParseDecimal(start, p));
    }

    /// <summary>The end of <c>[0-9](_?[0-9])*</c> starting at the digit <paramref name="at"/>.</summary>
    private int DigitRun(int at)
    {
        var p = at + 1;
        while (p < _src.Length)
        {
            if (IsDigit(_src[p]))
            {
                p++;
            }
            else if (_src[p] == (byte)'_' && p + 1 < _src.Length && IsDigit(_src[p + 1]))
            {
                p += 2;
            }
            else
            {
                break;
            }
        }

        return p;
    }

    private static int RadixDigit(byte c, int bits)
    {
        var value = HexValue(c);
        return value >= 0 && value < 1 << bits ? value : -1;
    }

    private TomlInteger RadixInteger(int line, int start, int bits)
    {
        var p = start + 2;
        ulong value = 0;
        while (p < _src.Length)
        {
            var digit = RadixDigit(_src[p], bits);
            if (digit < 0)
            {
                if (_src[p] == (byte)'_' && p + 1 < _src.Length && RadixDigit(_src[p + 1], bits) >= 0)
                {
                    p++;
                    continue;
                }

                break;
            }

            if (value > (ulong)long.MaxValue >> bits)
            {
                throw Error(start, "the integer does not fit in 64 bits (TOML integers are signed 64-bit)");
            }

            value = (value << bits) | (uint)digit;
            p++;
        }

        _pos = p;
        return new TomlInteger(line, (long)value);
    }

    private long ParseDecimal(int start, int end)
    {
        var negative = _src[start] == (byte)'-';
        var limit = negative ? 9223372036854775808UL : long.MaxValue;
        ulong value = 0;
        for (var i = start; i < end; i++)
        {
            var c = _src[i];
            if (!IsDigit(c))
            {
                continue;
            }

            var digit = (ulong)(c - '0');
            if (value > (limit - digit) / 10)
            {
                throw Error(start, "the integer does not fit in 64 bits (TOML integers are signed 64-bit)");
            }

            value = value * 10 + digit;
        }

        return negative ? (long)(0UL - value) : (long)value;
    }

    private double ParseFloat(int start, int end)
    {
        var length = end - start;
        byte[]? rented = null;
        var digits = length <= 128 ? stackalloc byte[128] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = 0;
            foreach (var c in _src.AsSpan(start, length))
            {
                if (c != (byte)'_')
                {
                    digits[written++] = c;
                }
            }

            // The grammar above admits only what double.Parse reads the same way (no hex, no thousands separators).
            return double.Parse(digits[..written], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private TomlFloat? SpecialFloat(int line)
    {
        var p = _pos;
        var negative = false;
        // At() and not _src[p]: an unread value may be cut off by the end of the file ("hashes =" as its last line).
        if (At(p, (byte)'+') || At(p, (byte)'-'))
        {
            negative = _src[p] == (byte)'-';
            p++;
        }

        double value;
        if (StartsWith(p, "inf"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        else if (StartsWith(p, "nan"u8))
        {
            value = double.NaN;
        }
        else
        {
            return null;
        }

        _pos = p + 3;
        return new TomlFloat(line, value);
    }

    // ---- errors ------------------------------------------------------------------------------------------------------

    private string KeyText(int first, int last)
    {
        var parts = new List<string>();
        for (var i = first; i <= last; i++)
        {
            var part = _keyParts[i];
            parts.Add(part.Length > 0 && part.All(c => c < 128 && IsBareKeyByte((byte)c)) ? part : $"\"{part.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
        }

        return string.Join('.', parts);
    }

    private string Slice(int start, int length) => System.Text.Encoding.UTF8.GetString(_src, start, Math.Min(length, _src.Length - start));

    private string Describe(int position)
    {
        if (position >= _src.Length)
        {
            return "the end of the file";
        }

        var c = _src[position];
        return c switch
        {
            (byte)'\n' => "the end of the line",
            (byte)'\r' => "a carriage return not followed by a line feed",
            < 0x20 or 0x7F => $"the control character U+{c:X4}",
            < 0x80 => $"'{(char)c}'",
            _ => $"'{Slice(position, System.Text.Rune.DecodeFromUtf8(_src.AsSpan(position), out _, out var size) == OperationStatus.Done ? size : 1)}'",
        };
    }

    /// <summary>The error at byte <paramref name="position"/>, on the line that holds it (tomllib's <c>suffixed_err</c>).</summary>
    private DeclarationFileError Error(int position, string message)
    {
        var end = Math.Min(position, _src.Length);
        // At the end of a file that ends with a newline, the last line with text is where something is missing.
        if (end == _src.Length && end > 0 && _src[end - 1] == (byte)'\n')
        {
            end--;
        }

        var line = _src.AsSpan(0, end).Count((byte)'\n') + 1;
        return new DeclarationFileError(new SourceLocation(_file, line), $"not valid TOML: {message}");
    }
}
