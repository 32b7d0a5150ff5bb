namespace HookGuard.Core.Imports;

/// <summary>
/// The top-level names a distribution provides, read from the files in its info directory the way
/// <c>importlib.metadata.packages_distributions()</c> of Python 3.13 reads them
/// (Lib/importlib/metadata/__init__.py: <c>_top_level_declared(dist) or _top_level_inferred(dist)</c>): the words of
/// <c>top_level.txt</c> when it has any, else one name per top-level entry of the distribution's file list
/// (<c>Distribution.files</c>: <c>RECORD</c>, else an egg-info's <c>installed-files.txt</c>, else its
/// <c>SOURCES.txt</c>). Pure and linear; never throws: text that is not what it should be gives fewer names.
/// </summary>
/// <remarks>
/// <para>The inference rule (<c>_get_toplevel_name</c>): a path with a parent gives its first component; a bare file
/// gives <c>inspect.getmodulename</c> of it (see <see cref="ModuleFileSuffixes"/>) or, failing that, its whole name;
/// names with a dot are dropped. So <c>pkg/__init__.py</c> gives <c>pkg</c>, <c>mod.py</c> and
/// <c>mod.cpython-313-x86_64-linux-gnu.so</c> give <c>mod</c>, <c>__pycache__/mod.cpython-313.pyc</c> gives
/// <c>__pycache__</c>, <c>foo-stubs/__init__.pyi</c> gives <c>foo-stubs</c>, and <c>x.pth</c>, <c>x-1.0.dist-info/RECORD</c>
/// and <c>../../bin/tool</c> give nothing.</para>
/// <para>Earlier Pythons differ: 3.10 reads only <c>top_level.txt</c> (no inference at all); 3.11 infers only from
/// files ending in <c>.py</c> (no extension modules, no <c>.pyi</c>, no <c>__pycache__</c>); 3.12 drops bare files that
/// getmodulename does not recognise (<c>LICENSE</c> at the top level) where 3.13 keeps them. HookGuard models 3.13 for
/// every venv, because it is closest to what the import system really finds.</para>
/// <para>Deliberate differences from CPython, all on text it would mis-read or refuse: a UTF-8 byte order mark is
/// dropped (CPython keeps it as part of the first name); <c>\</c> separates path components like <c>/</c> (CPython
/// reads <c>pkg\mod.py</c>, as old Windows installers wrote it, as one file named so); a RECORD row with more than three
/// fields or an empty row is read (CPython raises TypeError), and so is a quoted path that runs past its line (read
/// up to the line's end).</para>
/// </remarks>
public static class DistributionModules
{
    /// <summary><c>_top_level_declared</c>: the whitespace-separated words of <c>top_level.txt</c> (str.split()).</summary>
    /// <returns>The words in file order, each once; empty when the file holds none (then the caller infers).</returns>
    public static IReadOnlyList<string> FromTopLevelText(string text)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var span = WithoutByteOrderMark(text.AsSpan());
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var isSpace = i == span.Length || IsPythonWhitespace(span[i]);
            if (!isSpace && start < 0) start = i;
            else if (isSpace && start >= 0)
            {
                var word = span[start..i].ToString();
                if (seen.Add(word)) names.Add(word);
                start = -1;
            }
        }
        return names;
    }

    /// <summary>
    /// The top-level entries of a <c>RECORD</c> (https://packaging.python.org/en/latest/specifications/recording-installed-packages/#the-record-file):
    /// CSV rows <c>path,hash,size</c>, the path relative to the directory holding the <c>.dist-info</c>.
    /// </summary>
    /// <returns>Each top-level entry once, in file order.</returns>
    public static IReadOnlyList<TopLevelEntry> FromRecord(string text, ModuleFileSuffixes suffixes)
    {
        var entries = new Collector(suffixes);
        foreach (var line in PythonLines(WithoutByteOrderMark(text.AsSpan())))
            entries.Add(FirstCsvField(line));
        return entries.Result;
    }

    /// <summary>
    /// The top-level entries of an egg-info's <c>installed-files.txt</c> (written by pip for <c>setup.py install</c>
    /// installs): one path a line, relative to the <c>.egg-info</c> directory <paramref name="infoDirectoryName"/>,
    /// which importlib.metadata resolves against the directory holding it (Python 3.13: <c>relative_to(...,
    /// walk_up=True)</c>; 3.12 raises ValueError for a path outside it, where this gives no name).
    /// </summary>
    public static IReadOnlyList<TopLevelEntry> FromInstalledFiles(string text, string infoDirectoryName, ModuleFileSuffixes suffixes)
    {
        var entries = new Collector(suffixes);
        var parts = new List<string>();
        foreach (var line in PythonLines(WithoutByteOrderMark(text.AsSpan())))
        {
            // <site>/<info>/<line>, made relative to <site> again; a path that leaves <site> starts with '..'.
            if (line.Length > 0 && IsSeparator(line[0])) continue; // absolute: outside <site>, so '..' at best
            parts.Clear();
            parts.Add(infoDirectoryName);
            foreach (var range in line.SplitAny('/', '\\'))
            {
                var part = line[range];
                if (part.Length == 0 || part.SequenceEqual(".")) continue;
                if (!part.SequenceEqual("..")) parts.Add(part.ToString());
                else if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else parts.Add("..");
            }
            if (parts.Count == 0) continue;
            entries.Add(string.Join('/', parts).AsSpan());
        }
        return entries.Result;
    }

    /// <summary>
    /// The top-level entries of an egg-info's <c>SOURCES.txt</c> (paths of the source tree, one a line; importlib.metadata
    /// reads them as if relative to the install directory, and keeps only those that exist there).
    /// </summary>
    public static IReadOnlyList<TopLevelEntry> FromSourcesText(string text, ModuleFileSuffixes suffixes)
    {
        var entries = new Collector(suffixes);
        foreach (var line in PythonLines(WithoutByteOrderMark(text.AsSpan())))
            entries.Add(line);
        return entries.Result;
    }

    /// <summary>Collects each top-level entry once, with the name packages_distributions would give it.</summary>
    private sealed class Collector(ModuleFileSuffixes suffixes)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        public List<TopLevelEntry> Result { get; } = [];

        /// <summary>Looks names up by span: most rows repeat a top-level entry, and should not allocate for it.</summary>
        private HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Seen => _seen.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>PackagePath(path).parts, then <c>_get_toplevel_name</c> and the dot filter.</summary>
        public void Add(ReadOnlySpan<char> path)
        {
            // PurePosixPath: a leading separator is the root part '/'; empty and '.' components vanish.
            ReadOnlySpan<char> first = default;
            var found = false;
            var hasParent = false;
            if (path.Length > 0 && IsSeparator(path[0])) { first = "/"; found = true; }
            foreach (var range in path.SplitAny('/', '\\'))
            {
                var part = path[range];
                if (part.Length == 0 || part.SequenceEqual(".")) continue;
                if (!found) { first = part; found = true; continue; }
                hasParent = true;
                break;
            }
            if (!found) return; // an empty path (CPython 3.13 raises ValueError on it)
            if (first.SequenceEqual("/") && !hasParent) return;
            if (Seen.Contains(first)) return;
            var entry = first.ToString();
            _seen.Add(entry);

            var name = hasParent ? entry : suffixes.ModuleNameOf(entry) ?? entry;
            Result.Add(new TopLevelEntry(entry, name.Contains('.') ? null : name, hasParent));
        }
    }

    private static bool IsSeparator(char c) => c is '/' or '\\';

    /// <summary>
    /// The first field of one CSV row as Python's csv module reads it (excel dialect, not strict): a field that starts
    /// with <c>"</c> runs to the next lone <c>"</c> (<c>""</c> is a quote), and what follows up to the comma is kept.
    /// </summary>
    private static ReadOnlySpan<char> FirstCsvField(ReadOnlySpan<char> line)
    {
        if (line.Length == 0 || line[0] != '"')
        {
            var comma = line.IndexOf(',');
            return comma < 0 ? line : line[..comma];
        }

        // Quoted: copy only when there is an escaped quote or text after the closing quote (rare).
        var close = 1;
        while (close < line.Length && line[close] != '"') close++;
        var afterClose = close + 1;
        if (close >= line.Length) return line[1..];
        if (afterClose == line.Length || line[afterClose] == ',') return line[1..close];

        var builder = new System.Text.StringBuilder(line.Length);
        var inQuotes = true;
        for (var i = 1; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c != '"') builder.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { builder.Append('"'); i++; }
                else inQuotes = false;
            }
            else if (c == ',') break;
            else builder.Append(c);
        }
        return builder.ToString().AsSpan();
    }

    /// <summary>str.splitlines(): \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029 end a line.</summary>
    private static LineEnumerable PythonLines(ReadOnlySpan<char> text) => new(text);

    private readonly ref struct LineEnumerable(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        public LineEnumerator GetEnumerator() => new(_text);
    }

    private ref struct LineEnumerator(ReadOnlySpan<char> text)
    {
        private ReadOnlySpan<char> _rest = text;
        private bool _done = text.Length == 0;

        public ReadOnlySpan<char> Current { get; private set; }

        public bool MoveNext()
        {
            if (_done) return false;
            var end = 0;
            while (end < _rest.Length && !IsLineBreak(_rest[end])) end++;
            Current = _rest[..end];
            if (end == _rest.Length) { _done = true; return true; }
            var next = end + (_rest[end] == '\r' && end + 1 < _rest.Length && _rest[end + 1] == '\n' ? 2 : 1);
            _rest = _rest[next..];
            if (_rest.Length == 0) _done = true; // a final line break ends the last line; it opens none
            return true;
        }
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    /// <summary>str.isspace(): Unicode whitespace plus the ASCII separators \x1c-\x1f.</summary>
    private static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    private static ReadOnlySpan<char> WithoutByteOrderMark(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
}
