namespace HookGuard.Core.Imports;

/// <summary>
/// The top-level names that setuptools' editable finder (<c>__editable___NAME_VERSION_finder.py</c>, written by
/// <c>setuptools/command/editable_wheel.py</c>'s <c>_FINDER_TEMPLATE</c> for PEP 660 installs) makes importable: the keys
/// of its <c>MAPPING = {'pkg': '/src/pkg', ...}</c> (setuptools &gt;= 69 writes <c>MAPPING: dict[str, str] = {...}</c>)
/// and of <c>NAMESPACES</c>, cut at the first dot. The finder is a meta-path hook, so no <c>.pth</c> path line and no
/// RECORD entry names these modules: <c>packages_distributions()</c> only finds them through <c>top_level.txt</c>.
/// </summary>
/// <remarks>Only a dict literal of string keys, as the template writes with <c>repr()</c>, is read; anything else
/// gives the keys read before it. Never throws.</remarks>
public static class EditableFinderMapping
{
    /// <summary>Whether <paramref name="fileName"/> is the name setuptools gives its finder module.</summary>
    public static bool IsFinderFileName(string fileName) =>
        fileName.StartsWith("__editable___", StringComparison.Ordinal) && fileName.EndsWith("_finder.py", StringComparison.Ordinal);

    /// <summary>The top-level names in the finder's source <paramref name="text"/>, each once.</summary>
    public static IReadOnlyList<string> TopLevelNames(string text)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in (ReadOnlySpan<string>)["MAPPING", "NAMESPACES"])
        {
            var span = text.AsSpan();
            var at = FindAssignment(span, variable);
            if (at < 0) continue;
            foreach (var key in DictKeys(span[at..]))
            {
                var dot = key.IndexOf('.');
                var top = dot < 0 ? key : key[..dot];
                if (top.Length > 0 && seen.Add(top)) names.Add(top);
            }
        }
        return names;
    }

    /// <summary>The index just after the <c>=</c> of a line starting <c>NAME =</c> or <c>NAME: type =</c>; -1 if none.</summary>
    private static int FindAssignment(ReadOnlySpan<char> text, string variable)
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var rest = text[offset..];
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            if (line.StartsWith(variable, StringComparison.Ordinal) && line.Length > variable.Length && line[variable.Length] is ' ' or ':' or '=')
            {
                var equals = line.IndexOf('=');
                if (equals > 0) return offset + equals + 1;
            }
            if (end < 0) break;
            offset += end + 1;
        }
        return -1;
    }

    /// <summary>The string keys of the dict literal at the start of <paramref name="text"/> (after blanks).</summary>
    private static List<string> DictKeys(ReadOnlySpan<char> text)
    {
        var keys = new List<string>();
        var i = SkipBlanks(text, 0);
        if (i >= text.Length || text[i] != '{') return keys;
        i++;
        while (true)
        {
            i = SkipBlanks(text, i);
            if (i >= text.Length || text[i] == '}') return keys;
            if (ReadString(text, ref i) is not { } key) return keys;
            keys.Add(key);
            i = SkipBlanks(text, i);
            if (i >= text.Length || text[i] != ':') return keys;
            i = SkipValue(text, i + 1);
            if (i < 0) return keys;
            i = SkipBlanks(text, i);
            if (i < text.Length && text[i] == ',') i++;
        }
    }

    /// <summary>Skips one value: a string, or a list of strings (NAMESPACES' values); -1 when it is neither.</summary>
    private static int SkipValue(ReadOnlySpan<char> text, int i)
    {
        i = SkipBlanks(text, i);
        if (i < text.Length && text[i] == '[')
        {
            i++;
            while (true)
            {
                i = SkipBlanks(text, i);
                if (i >= text.Length) return -1;
                if (text[i] == ']') return i + 1;
                if (ReadString(text, ref i) is null) return -1;
                i = SkipBlanks(text, i);
                if (i < text.Length && text[i] == ',') i++;
            }
        }
        return ReadString(text, ref i) is null ? -1 : i;
    }

    /// <summary>A repr()'d str literal ('...' or "..."), backslash escapes kept as the escaped character.</summary>
    private static string? ReadString(ReadOnlySpan<char> text, ref int i)
    {
        if (i >= text.Length || text[i] is not ('\'' or '"')) return null;
        var quote = text[i];
        var builder = new System.Text.StringBuilder();
        for (var j = i + 1; j < text.Length; j++)
        {
            var c = text[j];
            if (c == '\n') return null;
            if (c == quote) { i = j + 1; return builder.ToString(); }
            if (c == '\\' && j + 1 < text.Length) { builder.Append(text[j + 1]); j++; continue; }
            builder.Append(c);
        }
        return null;
    }

    private static int SkipBlanks(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r') i++;
        return i;
    }
}
