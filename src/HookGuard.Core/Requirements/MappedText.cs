using System.Text;

namespace HookGuard.Core.Requirements;

/// <summary>
/// Text built from a file, where every character remembers the offset in the decoded file it came from
/// (-1 for characters pip adds, such as the value of a <c>${VAR}</c>). This is what lets an editor find a
/// requirement's version in the original bytes after pip's joining, comment stripping and expansion.
/// </summary>
internal sealed class MappedText
{
    private readonly StringBuilder _chars = new();
    private readonly List<int> _offsets = [];

    public int Length => _chars.Length;
    public char this[int index] => _chars[index];
    public int OffsetAt(int index) => _offsets[index];

    public static MappedText FromSource(string source, int start, int end)
    {
        var text = new MappedText();
        for (var i = start; i < end; i++) text.Append(source[i], i);
        return text;
    }

    public void Append(char c, int offset)
    {
        _chars.Append(c);
        _offsets.Add(offset);
    }

    public void Append(MappedText other, int start, int end)
    {
        for (var i = start; i < end; i++) Append(other[i], other.OffsetAt(i));
    }

    public void Append(MappedText other) => Append(other, 0, other.Length);

    public MappedText Slice(int start, int end)
    {
        var slice = new MappedText();
        slice.Append(this, start, end);
        return slice;
    }

    public bool EndsWith(char c) => Length > 0 && _chars[Length - 1] == c;

    /// <summary>Python's <c>str.strip(chars)</c> for one character.</summary>
    public MappedText Strip(char c)
    {
        var (start, end) = (0, Length);
        while (start < end && _chars[start] == c) start++;
        while (end > start && _chars[end - 1] == c) end--;
        return Slice(start, end);
    }

    /// <summary>Python's <c>str.strip()</c>.</summary>
    public MappedText StripSpace()
    {
        var (start, end) = (0, Length);
        while (start < end && PythonStrings.IsSpace(_chars[start])) start++;
        while (end > start && PythonStrings.IsSpace(_chars[end - 1])) end--;
        return Slice(start, end);
    }

    /// <summary>Python's <c>str.replace(old, new)</c>; the inserted characters come from nowhere in the file.</summary>
    public MappedText Replace(string oldValue, string newValue)
    {
        var text = ToString();
        var result = new MappedText();
        var i = 0;
        while (i < Length)
        {
            var found = text.IndexOf(oldValue, i, StringComparison.Ordinal);
            if (found < 0) break;
            result.Append(this, i, found);
            foreach (var c in newValue) result.Append(c, -1);
            i = found + oldValue.Length;
        }
        result.Append(this, i, Length);
        return result;
    }

    public IReadOnlyList<int> Offsets => _offsets;

    public override string ToString() => _chars.ToString();
}
