namespace HookGuard.Core.Toml;

/// <summary>
/// One value of a parsed TOML document (https://toml.io/en/v1.0.0), with the 1-based line it starts on, so that readers
/// of lock and declaration files can name the line of whatever they complain about. CONTRACT: the declaration readers
/// (<c>Declarations/</c>) depend on this shape, not on the parser behind it.
/// </summary>
public abstract class TomlNode(int line)
{
    /// <summary>1-based line where the value (or a table's header, or its first key) is written.</summary>
    public int Line { get; } = line;

    /// <summary>What the value is, in words for messages: "a string", "a table", ...</summary>
    public abstract string Kind { get; }
}

/// <summary>A table: a <c>[header]</c> table, an inline <c>{ ... }</c> table, or one implied by a dotted key.</summary>
public sealed class TomlTable(int line) : TomlNode(line)
{
    private readonly List<KeyValuePair<string, TomlNode>> _entries = [];
    private Dictionary<string, TomlNode>? _index;

    public override string Kind => "a table";

    /// <summary>The keys and values in the order they were written.</summary>
    public IReadOnlyList<KeyValuePair<string, TomlNode>> Entries => _entries;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public TomlNode? this[string key] => TryGet(key, out var value) ? value : null;

    public bool TryGet(string key, out TomlNode value)
    {
        if (_entries.Count <= 8)
        {
            foreach (var entry in _entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = null!;
            return false;
        }

        _index ??= _entries.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
        return _index.TryGetValue(key, out value!);
    }

    /// <summary>Adds a key the parser has checked is new.</summary>
    internal void Add(string key, TomlNode value)
    {
        _entries.Add(new KeyValuePair<string, TomlNode>(key, value));
        _index?.Add(key, value);
    }
}

/// <summary>An array, <c>[a, b]</c>, or the tables of an array of tables (<c>[[name]]</c>).</summary>
public sealed class TomlArray(int line) : TomlNode(line)
{
    private readonly List<TomlNode> _items = [];

    public override string Kind => "an array";

    public IReadOnlyList<TomlNode> Items => _items;

    internal void Add(TomlNode item) => _items.Add(item);
}

/// <summary>A string, after TOML's escapes are decoded.</summary>
public sealed class TomlString(int line, string value) : TomlNode(line)
{
    public string Value { get; } = value;

    public override string Kind => "a string";
}

/// <summary>An integer.</summary>
public sealed class TomlInteger(int line, long value) : TomlNode(line)
{
    public long Value { get; } = value;

    public override string Kind => "an integer";
}

/// <summary>A float (including <c>inf</c> and <c>nan</c>).</summary>
public sealed class TomlFloat(int line, double value) : TomlNode(line)
{
    public double Value { get; } = value;

    public override string Kind => "a number";
}

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed class TomlBoolean(int line, bool value) : TomlNode(line)
{
    public bool Value { get; } = value;

    public override string Kind => "a boolean";
}

/// <summary>An offset or local date-time, date or time, kept as written (no reader here needs its value).</summary>
public sealed class TomlDateTime(int line, string text) : TomlNode(line)
{
    public string Text { get; } = text;

    public override string Kind => "a date";
}
