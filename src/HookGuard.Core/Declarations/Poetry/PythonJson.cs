using System.Globalization;
using System.Text;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// <c>json.dumps(value, sort_keys=True)</c> of a TOML value, byte for byte as CPython writes it: separators
/// <c>", "</c> and <c>": "</c>, <c>ensure_ascii</c> escapes (<c>\uXXXX</c>, lowercase, surrogate pairs), keys sorted by
/// code point, floats as <c>float.__repr__</c> (<c>Infinity</c>, <c>NaN</c>).
/// https://github.com/python/cpython/blob/3.11/Lib/json/encoder.py
/// </summary>
internal static class PythonJson
{
    /// <summary>A JSON value: a TOML node, a null (Python's None), or a nested object built by the caller.</summary>
    public abstract record Value;

    public sealed record Null : Value;

    public sealed record Node(TomlNode Toml) : Value;

    public sealed record Object(IReadOnlyList<KeyValuePair<string, Value>> Members) : Value;

    /// <summary>Writes <paramref name="value"/>; false where Python's json would raise (a TOML date has no JSON form).</summary>
    public static bool TryDumps(Value value, StringBuilder output)
    {
        switch (value)
        {
            case Null:
                output.Append("null");
                return true;
            case Object { Members: var members }:
                return WriteObject(members.Select(member => (member.Key, member.Value)), output);
            case Node { Toml: var node }:
                return WriteNode(node, output);
            default:
                return false;
        }
    }

    private static bool WriteNode(TomlNode node, StringBuilder output)
    {
        switch (node)
        {
            case TomlString text:
                WriteString(text.Value, output);
                return true;
            case TomlInteger integer:
                output.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                return true;
            case TomlFloat number:
                output.Append(FloatRepr(number.Value));
                return true;
            case TomlBoolean boolean:
                output.Append(boolean.Value ? "true" : "false");
                return true;
            case TomlArray array:
                output.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(", ");
                    }

                    if (!WriteNode(array.Items[i], output))
                    {
                        return false;
                    }
                }

                output.Append(']');
                return true;
            case TomlTable table:
                return WriteObject(table.Entries.Select(entry => (entry.Key, (Value)new Node(entry.Value))), output);
            default:
                return false; // datetime: "Object of type datetime is not JSON serializable"
        }
    }

    private static bool WriteObject(IEnumerable<(string Key, Value Value)> members, StringBuilder output)
    {
        output.Append('{');
        var first = true;
        foreach (var (key, value) in members.OrderBy(member => member.Key, CodePointComparer.Instance))
        {
            if (!first)
            {
                output.Append(", ");
            }

            first = false;
            WriteString(key, output);
            output.Append(": ");
            if (!TryDumps(value, output))
            {
                return false;
            }
        }

        output.Append('}');
        return true;
    }

    // py_encode_basestring_ascii: the short escapes, \u00XX below 0x20, \uXXXX for every UTF-16 unit above 0x7E
    // (0x7F itself is kept, as ESCAPE_ASCII's class [^\ -~] says).
    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        output.Append('"');
    }

    /// <summary><c>float.__repr__</c>: the shortest round-trip digits, fixed for exponents -4..15, else <c>1e+16</c>.</summary>
    internal static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "E16" is not shortest; "R" is, with its own layout: take its digits and exponent, lay them out as Python does.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = DigitsOf(shortest);
        var sign = value < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16)
        {
            string fixedText;
            if (exponent < 0)
            {
                fixedText = "0." + new string('0', -exponent - 1) + digits;
            }
            else if (digits.Length <= exponent + 1)
            {
                fixedText = digits + new string('0', exponent + 1 - digits.Length) + ".0";
            }
            else
            {
                fixedText = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
            }

            return sign + fixedText;
        }

        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    // The significant digits (no leading or trailing zeros) and the decimal exponent of the first one.
    private static (string Digits, int Exponent) DigitsOf(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var point = text.IndexOf('.');
        var integerPart = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        var all = integerPart + fraction;
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
        {
            leading++;
        }

        var digits = all[leading..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (digits, exponent + integerPart.Length - 1 - leading);
    }

    /// <summary>Python orders str by code point; UTF-16 ordinal order differs above the surrogates.</summary>
    private sealed class CodePointComparer : IComparer<string>
    {
        public static readonly CodePointComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = (x ?? "").EnumerateRunes();
            var right = (y ?? "").EnumerateRunes();
            while (true)
            {
                var hasLeft = left.MoveNext();
                var hasRight = right.MoveNext();
                if (!hasLeft || !hasRight)
                {
                    return hasLeft.CompareTo(hasRight);
                }

                var c = left.Current.Value.CompareTo(right.Current.Value);
                if (c != 0)
                {
                    return c;
                }
            }
        }
    }
}
