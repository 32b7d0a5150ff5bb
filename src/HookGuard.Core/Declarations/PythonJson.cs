using System.Globalization;
using System.Text;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations;

/// <summary>
/// Renders parsed TOML values byte for byte as CPython's <c>json.dumps(value, sort_keys=True)</c> renders the same values
/// loaded by tomlkit: what pipenv's and pdm's lock hashes are computed over
/// (https://github.com/python/cpython/blob/3.11/Lib/json/encoder.py).
/// </summary>
internal static class PythonJson
{
    /// <summary>Appends <paramref name="value"/>; false when Python would raise <c>TypeError</c> (a TOML date or time).</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="value">The value to render.</param>
    /// <param name="itemSeparator"><c>","</c> or json's default <c>", "</c>.</param>
    /// <param name="keySeparator"><c>":"</c> or json's default <c>": "</c>.</param>
    public static bool TryWrite(StringBuilder output, TomlNode value, string itemSeparator, string keySeparator)
    {
        switch (value)
        {
            case TomlString text:
                WriteString(output, text.Value);
                return true;
            case TomlInteger integer:
                output.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                return true;
            case TomlBoolean boolean:
                output.Append(boolean.Value ? "true" : "false");
                return true;
            case TomlFloat number:
                output.Append(FloatRepr(number.Value));
                return true;
            case TomlArray array:
                output.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(itemSeparator);
                    }

                    if (!TryWrite(output, array.Items[i], itemSeparator, keySeparator))
                    {
                        return false;
                    }
                }

                output.Append(']');
                return true;
            case TomlTable table:
                // sort_keys=True sorts the items as Python sorts str: by code point.
                var entries = table.Entries.ToArray();
                Array.Sort(entries, (a, b) => CompareCodePoints(a.Key, b.Key));
                output.Append('{');
                for (var i = 0; i < entries.Length; i++)
                {
                    if (i > 0)
                    {
                        output.Append(itemSeparator);
                    }

                    WriteString(output, entries[i].Key);
                    output.Append(keySeparator);
                    if (!TryWrite(output, entries[i].Value, itemSeparator, keySeparator))
                    {
                        return false;
                    }
                }

                output.Append('}');
                return true;
            default:
                // tomlkit loads dates and times as datetime objects, which json.dumps refuses.
                return false;
        }
    }

    /// <summary>json's <c>py_encode_basestring_ascii</c>: ensure_ascii=True, escaping everything outside ' '..'~'.</summary>
    public static void WriteString(StringBuilder output, string text)
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
                    if (c < ' ' || c > '~')
                    {
                        // UTF-16 code units, so astral characters come out as surrogate pairs, as in Python.
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

    /// <summary>
    /// <c>float.__repr__</c>: the shortest digits that round-trip, positional when the decimal exponent is in [-4, 16),
    /// else <c>d.ddde+XX</c> (https://github.com/python/cpython/blob/3.11/Python/pystrtod.c, format_float_short);
    /// json writes <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.
    /// </summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }

        // "R" gives the shortest round-trip digits (.NET Core 3.0+), the same digits as Python's repr; only the layout differs.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var decimalPoint = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        decimalPoint -= leadingZeros;

        var text = new StringBuilder(sign);
        if (decimalPoint is > -4 and <= 16)
        {
            if (decimalPoint <= 0)
            {
                text.Append("0.").Append('0', -decimalPoint).Append(digits);
            }
            else if (decimalPoint >= digits.Length)
            {
                text.Append(digits).Append('0', decimalPoint - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
            }
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var shown = decimalPoint - 1;
            text.Append(shown < 0 ? "e-" : "e+").Append(Math.Abs(shown).ToString("00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Orders strings by Unicode code point, as Python compares <c>str</c> (UTF-16 order differs above U+D7FF).</summary>
    public static int CompareCodePoints(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a != b)
            {
                if (a >= 0xD800 && b >= 0xD800)
                {
                    // Surrogates (astral code points) sort after U+E000..U+FFFF in code-point order.
                    return Fix(a) - Fix(b);
                }

                return a - b;
            }
        }

        return left.Length - right.Length;

        static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
