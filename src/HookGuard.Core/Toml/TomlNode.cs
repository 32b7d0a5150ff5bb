namespace HookGuard.Core.Toml;

/// <summary>
/// One value of a parsed TOML document (https://toml.io/en/v1.0.0), with the 1-based line it starts on, so that readers
/// of lock and declaration files can name the line of whatever they complain about. CONTRACT: the declaration readers
/// (<c>Declarations/</c>) depend on this shape, not on the parser behind it.
/// </summary>
public abstract class TomlNode(int line)
{
    /// <summary>1-based line where the value (or a table's header, or its first key) is written.</summary>
    public int Line { get; private protected set; } = line;

    /// <summary>What the value is, in words for messages: "a string", "a table", ...</summary>
    public abstract string Kind { get; }
}

/// <summary>A table: a <c>[header]</c> table, an inline <c>{ ... }</c> table, or one implied by a dotted key.</summary>
public sealed class TomlTable : TomlNode
{
    private readonly List<KeyValuePair<string, TomlNode>> _entries;
    private Dictionary<string, TomlNode>? _index;

    public TomlTable(int line)
        : this(line, TomlTableOrigin.Header)
    {
    }

    internal TomlTable(int line, TomlTableOrigin origin, int capacity = 0)
        : base(line)
    {
        Origin = origin;
        _entries = new List<KeyValuePair<string, TomlNode>>(capacity);
    }

    public override string Kind => "a table";

    /// <summary>The keys and values in the order they were written.</summary>
    public IReadOnlyList<KeyValuePair<string, TomlNode>> Entries => _entries;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public TomlNode? this[string key] => TryGet(key, out var value) ? value : null;

    /// <summary>How the parser came to create this table; decides what may still be added to it (TOML 1.0, "Table").</summary>
    internal TomlTableOrigin Origin { get; set; }

    /// <summary>For <see cref="TomlTableOrigin.Dotted"/>: the table section (counted from 0) whose dotted keys made it.</summary>
    internal int DottedSection { get; set; }

    public bool TryGet(string key, out TomlNode value)
    {
        if (_index is null)
        {
            // Most tables of a lock file (a wheel, a dependency) have a handful of keys: a scan beats hashing.
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

        return _index.TryGetValue(key, out value!);
    }

    /// <summary>Adds a key the parser has checked is new.</summary>
    internal void Add(string key, TomlNode value)
    {
        _entries.Add(new KeyValuePair<string, TomlNode>(key, value));
        if (_index is not null)
        {
            _index.Add(key, value);
        }
        else if (_entries.Count > 8)
        {
            // Past a few keys, an index keeps the duplicate-key checks of a wide table linear overall.
            _index = new Dictionary<string, TomlNode>(_entries.Count * 2, StringComparer.Ordinal);
            foreach (var entry in _entries)
            {
                _index.Add(entry.Key, entry.Value);
            }
        }
    }

    /// <summary>Moves the table's line to the <c>[header]</c> that defines it after a longer header implied it.</summary>
    internal void DefineAt(int line)
    {
        Origin = TomlTableOrigin.Header;
        Line = line;
    }
}

/// <summary>An array, <c>[a, b]</c>, or the tables of an array of tables (<c>[[name]]</c>).</summary>
public sealed class TomlArray : TomlNode
{
    private readonly List<TomlNode> _items;

    public TomlArray(int line)
        : this(line, isArrayOfTables: false)
    {
    }

    internal TomlArray(int line, bool isArrayOfTables, int capacity = 0)
        : base(line)
    {
        IsArrayOfTables = isArrayOfTables;
        _items = new List<TomlNode>(capacity);
    }

    public override string Kind => "an array";

    public IReadOnlyList<TomlNode> Items => _items;

    /// <summary>True for the tables of <c>[[name]]</c> headers; false for an array value, which can never be extended.</summary>
    public bool IsArrayOfTables { get; }

    internal void Add(TomlNode item) => _items.Add(item);
}

/// <summary>A string, after TOML's escapes are decoded (on first use of <see cref="Value"/>).</summary>
public sealed class TomlString : TomlNode
{
    private readonly TomlSource? _source;
    private readonly int _start;
    private readonly int _length;
    private readonly TomlStringForm _form;
    private string? _value;

    public TomlString(int line, string value)
        : base(line)
    {
        _value = value;
    }

    /// <summary>A string the parser has validated, decoded from <paramref name="source"/> only when asked for.</summary>
    internal TomlString(int line, TomlSource source, int start, int length, TomlStringForm form)
        : base(line)
    {
        _source = source;
        _start = start;
        _length = length;
        _form = form;
    }

    /// <summary>The decoded text.</summary>
    public string Value => _value ??= TomlStringDecoder.Decode(_source!.Bytes.AsSpan(_start, _length), _form);

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
public sealed class TomlDateTime : TomlNode
{
    private readonly TomlSource? _source;
    private readonly int _start;
    private readonly int _length;
    private string? _text;

    public TomlDateTime(int line, string text)
        : base(line)
    {
        _text = text;
    }

    internal TomlDateTime(int line, TomlSource source, int start, int length)
        : base(line)
    {
        _source = source;
        _start = start;
        _length = length;
    }

    /// <summary>The date, time or date-time exactly as written (ASCII, so no decoding is involved).</summary>
    public string Text => _text ??= System.Text.Encoding.ASCII.GetString(_source!.Bytes, _start, _length);

    public override string Kind => "a date";
}

/// <summary>
/// A value the reader said it would never read (<see cref="TomlUnreadValues"/>): checked to be valid TOML, then dropped.
/// It keeps its line, for the duplicate-key messages, and the kind of value that was written there.
/// </summary>
public sealed class TomlUnread(int line, string kind) : TomlNode(line)
{
    public override string Kind { get; } = kind;
}

/// <summary>How a table came to exist; TOML forbids defining a table twice and extending inline tables.</summary>
internal enum TomlTableOrigin : byte
{
    /// <summary>The document itself.</summary>
    Root,

    /// <summary>Named on the way to a longer header (<c>a</c> in <c>[a.b]</c>); a later <c>[a]</c> may still define it.</summary>
    Implicit,

    /// <summary>Defined by its own <c>[header]</c> (or <see cref="TomlTable(int)"/>).</summary>
    Header,

    /// <summary>One element of an array of tables (<c>[[a]]</c>).</summary>
    ArrayElement,

    /// <summary>Made by dotted keys (<c>a.b = 1</c>) in a table section: closed to headers and to later sections.</summary>
    Dotted,

    /// <summary>An inline table value: nothing may be added to it, ever.</summary>
    Inline,

    /// <summary>Made by dotted keys inside an inline table: open only while that inline table is being read.</summary>
    InlineDotted,
}
