using System.Globalization;
using System.Text;

namespace HookGuard.Tests.Toml;

/// <summary>
/// Random TOML documents for the differential specs: nested tables, arrays of tables, dotted and quoted keys drawn from
/// a small pool (so that redefinitions happen), every kind of value and escape, comments, CRLF; and one-character
/// mutations of them, most of which are invalid. Integers stay far from 64 bits and years from 0, where tomllib (which
/// has Python's unbounded ints and datetime's year range) and TOML 1.0 part ways on purpose.
/// </summary>
internal sealed class GeneratedTomlDocuments(int seed)
{
    private static readonly string[] KeyPool = ["a", "b", "c", "name", "x-y", "1", "\"a\"", "'b'", "\"é k\"", "\"\"", "\"tab\\tkey\"", "'lit.eral'"];
    private static readonly string[] MutationCharacters =
        ["\"", "'", "[", "]", "{", "}", "=", ",", ".", "#", "\n", "\\", " ", "\t", "\r", "\u0001", "\u007f", "_", "0", "e", "+", ":", "-", "T", "a"];

    private readonly Random _random = new(seed);
    private bool _crlf;

    public string Document()
    {
        _crlf = _random.Next(5) == 0;
        var text = new StringBuilder();
        for (var i = _random.Next(4); i > 0; i--)
        {
            Line(text, KeyValue(depth: 0));
        }

        for (var i = _random.Next(1, 6); i > 0; i--)
        {
            if (_random.Next(4) == 0)
            {
                Line(text, Comment().TrimStart());
            }

            var header = DottedKey(_random.Next(1, 3));
            Line(text, _random.Next(3) == 0 ? $"[[{Space()}{header}{Space()}]]{Trailer()}" : $"[{Space()}{header}{Space()}]{Trailer()}");
            for (var j = _random.Next(4); j > 0; j--)
            {
                Line(text, KeyValue(depth: 0));
            }

            if (_random.Next(3) == 0)
            {
                Line(text, "");
            }
        }

        return text.ToString();
    }

    /// <summary>The document with one character deleted, inserted or replaced, or one line repeated.</summary>
    public string Mutate(string document)
    {
        if (document.Length == 0)
        {
            return "=";
        }

        var at = _random.Next(document.Length);
        // Never split a surrogate pair: the document must stay valid Unicode for both sides.
        while (at > 0 && char.IsLowSurrogate(document[at]))
        {
            at--;
        }

        var width = char.IsHighSurrogate(document[at]) ? 2 : 1;
        var character = MutationCharacters[_random.Next(MutationCharacters.Length)];
        switch (_random.Next(4))
        {
            case 0:
                return document.Remove(at, width);
            case 1:
                return document.Insert(at, character);
            case 2:
                return document.Remove(at, width).Insert(at, character);
            default:
                var lines = document.Split('\n').ToList();
                var line = _random.Next(lines.Count);
                lines.Insert(line, lines[line]);
                return string.Join('\n', lines);
        }
    }

    private void Line(StringBuilder text, string line) => text.Append(line).Append(_crlf ? "\r\n" : "\n");

    private string Space() => _random.Next(4) switch { 0 => " ", 1 => "\t", _ => "" };

    private string Trailer() => Space() + (_random.Next(5) == 0 ? Comment() : "");

    private string Comment() => " # " + _random.Next(3) switch { 0 => "note", 1 => "é ünïcode 😀 \t tab", _ => "" };

    private string DottedKey(int parts) =>
        string.Join($"{Space()}.{Space()}", Enumerable.Range(0, parts).Select(_ => KeyPool[_random.Next(KeyPool.Length)]));

    private string KeyValue(int depth) => $"{DottedKey(_random.Next(1, 4))}{Space()}={Space()}{Value(depth)}{Trailer()}";

    private string Value(int depth)
    {
        var kind = _random.Next(depth > 3 ? 12 : 15);
        return kind switch
        {
            0 => BasicString(),
            1 => $"'{Pick("", "plain", "C:\\path\\no escapes", "quote \" inside", "ünï 😀", "tab\there")}'",
            2 => MultiLineBasicString(),
            3 => MultiLineLiteralString(),
            4 => Integer(),
            5 => Float(),
            6 => Pick("true", "false"),
            7 => Date(),
            8 => BasicString(),
            9 => Integer(),
            10 => Pick("inf", "+inf", "-inf", "nan", "+nan", "-nan", "-0.0", "+0.0"),
            11 => Date(),
            12 or 13 => Array(depth + 1),
            _ => InlineTable(depth + 1),
        };
    }

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];

    private string BasicString()
    {
        var text = new StringBuilder("\"");
        for (var i = _random.Next(6); i > 0; i--)
        {
            text.Append(Pick("a", "Z", " ", "\\n", "\\t", "\\\"", "\\\\", "\\b", "\\f", "\\r", "\\u00e9", "\\u0000", "\\U0001F600",
                "\\uD7FF", "é", "😀", "\t", "'", "#", "=", "[", "]"));
        }

        return text.Append('"').ToString();
    }

    private string MultiLineBasicString()
    {
        var newline = _crlf ? "\r\n" : "\n";
        var text = new StringBuilder("\"\"\"");
        for (var i = _random.Next(7); i > 0; i--)
        {
            text.Append(Pick("line", newline, "\"", "\"\"", "\\\"\\\"\\\"", "\\" + newline + "   ", "\\  " + newline + newline + "\t x",
                "\\u00e9", "\\t", "😀", "\t", "'''"));
        }

        // Up to two quotes just before the closing delimiter are part of the string.
        return text.Append(Pick("", "\"", "\"\"")).Append("\"\"\"").ToString();
    }

    private string MultiLineLiteralString()
    {
        var newline = _crlf ? "\r\n" : "\n";
        var text = new StringBuilder("'''");
        for (var i = _random.Next(6); i > 0; i--)
        {
            text.Append(Pick("raw \\n", newline, "'", "''", "\"\"\"", "é", "\t"));
        }

        return text.Append(Pick("", "'", "''")).Append("'''").ToString();
    }

    private string Digits(int count, string alphabet)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && _random.Next(5) == 0)
            {
                text.Append('_');
            }

            text.Append(alphabet[_random.Next(i == 0 && alphabet.Length > 2 ? 1 : 0, alphabet.Length)]);
        }

        return text.ToString();
    }

    private string Integer() => _random.Next(6) switch
    {
        0 => "0x" + Digits(_random.Next(1, 14), "0123456789abcdefABCDEF"),
        1 => "0o" + Digits(_random.Next(1, 18), "01234567"),
        2 => "0b" + Digits(_random.Next(1, 40), "01"),
        3 => Pick("0", "+0", "-0"),
        _ => Pick("", "+", "-") + Digits(_random.Next(1, 15), "0123456789"),
    };

    private string Float()
    {
        var integer = _random.Next(3) == 0 ? "0" : Digits(_random.Next(1, 6), "0123456789");
        var fraction = _random.Next(3) == 0 ? "" : "." + Digits(_random.Next(1, 8), "0123456789").Replace("_", "");
        var exponent = fraction.Length > 0 && _random.Next(2) == 0 ? "" : Pick("e", "E") + Pick("", "+", "-") + _random.Next(0, 330).ToString(CultureInfo.InvariantCulture);
        return Pick("", "+", "-") + integer + fraction + exponent;
    }

    private string Date()
    {
        var date = $"{_random.Next(1000, 10000):D4}-{_random.Next(1, 13):D2}-{_random.Next(1, 32):D2}";
        var time = $"{_random.Next(24):D2}:{_random.Next(60):D2}:{_random.Next(60):D2}"
            + (_random.Next(3) == 0 ? "." + new string('0', _random.Next(0, 3)) + _random.Next(1, 99999999).ToString(CultureInfo.InvariantCulture) : "");
        var offset = Pick("", "Z", "z", "+05:30", "-00:00", "-12:00", "+23:59");
        return _random.Next(4) switch
        {
            0 => date,
            1 => time,
            _ => date + Pick("T", "t", " ") + time + offset,
        };
    }

    private string Array(int depth)
    {
        var newline = _crlf ? "\r\n" : "\n";
        var items = Enumerable.Range(0, _random.Next(4)).Select(_ => Value(depth)).ToList();
        var separator = _random.Next(3) == 0 ? "," + Pick(newline, " # comment" + newline, newline + "  ") : Pick(",", ", ");
        var trailing = items.Count > 0 && _random.Next(3) == 0 ? "," : "";
        return "[" + Space() + string.Join(separator, items) + trailing + Pick("", newline, " ") + "]";
    }

    private string InlineTable(int depth)
    {
        var entries = Enumerable.Range(0, _random.Next(4)).Select(_ => $"{DottedKey(_random.Next(1, 3))}{Space()}={Space()}{InlineSafe(depth)}");
        return "{" + Space() + string.Join("," + Space(), entries) + Space() + "}";
    }

    // A value of an inline table must fit on its line, but an array in it may still span lines (TOML 1.0 allows that).
    private string InlineSafe(int depth)
    {
        var value = Value(depth);
        return value.StartsWith("\"\"\"", StringComparison.Ordinal) || value.StartsWith("'''", StringComparison.Ordinal) ? BasicString() : value;
    }
}
