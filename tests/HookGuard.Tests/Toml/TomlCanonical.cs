using System.Globalization;
using System.Text.Json.Nodes;
using HookGuard.Core.Toml;

namespace HookGuard.Tests.Toml;

/// <summary>Our value tree in the canonical JSON form the reference script prints for tomllib's.</summary>
internal static class TomlCanonical
{
    public static JsonNode Of(TomlNode node) => node switch
    {
        TomlTable table => new JsonObject
        {
            ["table"] = new JsonArray(table.Entries.Select(entry => (JsonNode)new JsonArray(entry.Key, Of(entry.Value))).ToArray()),
        },
        TomlArray array => new JsonArray(array.Items.Select(Of).ToArray()),
        TomlString text => new JsonObject { ["str"] = text.Value },
        TomlInteger integer => new JsonObject { ["int"] = integer.Value.ToString(CultureInfo.InvariantCulture) },
        TomlFloat number => new JsonObject
        {
            ["float"] = double.IsNaN(number.Value) ? "nan" : BitConverter.DoubleToInt64Bits(number.Value).ToString("x16", CultureInfo.InvariantCulture),
        },
        TomlBoolean boolean => new JsonObject { ["bool"] = boolean.Value },
        TomlDateTime date => DateTime(date.Text),
        _ => throw new ArgumentException($"unknown node {node.GetType()}"),
    };

    /// <summary>Python's <c>isoformat()</c> of what tomllib makes of the text: T separator, microseconds, +00:00 for Z.</summary>
    private static JsonObject DateTime(string text)
    {
        if (text.Length >= 10 && text[4] == '-')
        {
            if (text.Length == 10)
            {
                return new JsonObject { ["date"] = text };
            }

            var (time, rest) = Time(text[11..]);
            var offset = rest switch
            {
                "" => "",
                "Z" or "z" or "-00:00" => "+00:00",
                _ => rest,
            };
            return new JsonObject { ["datetime"] = $"{text[..10]}T{time}{offset}" };
        }

        return new JsonObject { ["time"] = Time(text).Time };
    }

    private static (string Time, string Remainder) Time(string text)
    {
        var hms = text[..8];
        var rest = text[8..];
        if (!rest.StartsWith('.'))
        {
            return (hms, rest);
        }

        var digits = new string(rest[1..].TakeWhile(char.IsAsciiDigit).ToArray());
        rest = rest[(1 + digits.Length)..];
        // tomllib keeps the first six digits (microseconds) and drops the rest; isoformat() omits a zero fraction.
        var micros = digits.Length > 6 ? digits[..6] : digits.PadRight(6, '0');
        return (micros == "000000" ? hms : $"{hms}.{micros}", rest);
    }
}
