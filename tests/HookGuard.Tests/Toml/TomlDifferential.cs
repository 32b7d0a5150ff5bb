using System.Text;
using System.Text.Json.Nodes;
using HookGuard.Core.Declarations;
using HookGuard.Core.Toml;

namespace HookGuard.Tests.Toml;

/// <summary>Compares our parse of one document with tomllib's answer and says, in words, where they disagree.</summary>
internal static class TomlDifferential
{
    // tomllib checks the table rules after reading the whole value (key_value_rule, parse_inline_table), so it reports a
    // repeated key or a redefined table at the end of the value, possibly lines later; we report the line of the key,
    // where a user has to look. The tolerance: for these messages our line may be earlier than tomllib's.
    private static readonly string[] RuleMessages =
    [
        "Cannot overwrite a value", "Cannot redefine namespace", "Cannot mutate immutable namespace",
        "Duplicate inline table key", "Cannot declare",
    ];

    /// <summary>Null when both agree; otherwise what differs.</summary>
    public static string? Disagreement(string name, byte[] document, JsonNode answer)
    {
        TomlTable? ours = null;
        DeclarationFileError? error = null;
        try
        {
            ours = TomlDocument.Parse(name, document);
        }
        catch (DeclarationFileError thrown)
        {
            error = thrown;
        }
        catch (Exception unexpected)
        {
            return $"{name}: threw {unexpected.GetType().Name} (only DeclarationFileError is allowed): {unexpected.Message}";
        }

        var theirsOk = answer["ok"]!.GetValue<bool>();
        if (ours is not null)
        {
            if (!theirsOk)
            {
                return $"{name}: we accept it, tomllib says {answer["message"]}\n{Show(document)}";
            }

            var canonical = TomlCanonical.Of(ours);
            return JsonNode.DeepEquals(canonical, answer["value"])
                ? null
                : $"{name}: values differ\n ours:    {canonical.ToJsonString()}\n tomllib: {answer["value"]!.ToJsonString()}\n{Show(document)}";
        }

        if (theirsOk)
        {
            return $"{name}: we refuse it ({error!.Message}), tomllib accepts it\n{Show(document)}";
        }

        if (!error!.Reason.StartsWith("not valid TOML: ", StringComparison.Ordinal))
        {
            return $"{name}: message does not start with 'not valid TOML: ': {error.Reason}";
        }

        var message = answer["message"]!.GetValue<string>();
        var ourLine = error.Location.Line;
        var lineCount = Encoding.UTF8.GetString(document).Count(c => c == '\n') + 1;
        if (answer["line"] is not { } theirLineNode)
        {
            // tomllib says "end of document" without a line. For an unclosed literal string or comment it searches for
            // the delimiter before checking the characters (skip_until), so it reports the end where we report the
            // line break that ends the string; any line of the document is accepted here.
            return ourLine >= 1 && ourLine <= lineCount ? null : $"{name}: our line {ourLine} is outside the document ({message})";
        }

        var theirLine = theirLineNode.GetValue<int>();
        if (ourLine == theirLine || (ourLine < theirLine && RuleMessages.Any(m => message.StartsWith(m, StringComparison.Ordinal))))
        {
            return null;
        }

        return $"{name}: we say line {ourLine} ({error.Reason}), tomllib line {theirLine} ({message})\n{Show(document)}";
    }

    private static string Show(byte[] document)
    {
        var text = Encoding.UTF8.GetString(document);
        var lines = text.Split('\n');
        return string.Join('\n', lines.Take(60).Select((line, i) => $"  {i + 1,3}| {line.Replace("\r", "\\r")}"));
    }
}
