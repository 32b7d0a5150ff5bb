using System.Collections;
using System.Text;

namespace HookGuard.Core.Requirements;

/// <summary>
/// Text built from a file, where every character remembers the offset in the decoded file it came from
/// (-1 for characters pip adds, such as the value of a <c>${VAR}</c>). This is what lets an editor find a
/// requirement's version in the original bytes after pip's joining, comment stripping and expansion.
/// </summary>
/// <remarks>
/// A view, never a copy: characters <c>[start, start + Length)</c> of a string. Almost every logical line is one
/// stretch of the file (no <c>\</c> continuation, no <c>${VAR}</c>), so the string is the file itself and a
/// character's offset is its index: no per-character offsets exist at all. Only text that pip assembles (a joined
/// or expanded line, see <see cref="MappedTextBuilder"/>) carries an offset per character. Slicing either kind
/// allocates nothing; this runs for every line of every requirements file on every commit.
/// </remarks>
internal readonly struct MappedText
{
    private readonly string _chars;
    private readonly int _start;
    private readonly int[]? _offsets; // null: the character at index i of _chars sits at offset i of the file

    private MappedText(string chars, int start, int length, int[]? offsets)
    {
        _chars = chars;
        _start = start;
        Length = length;
        _offsets = offsets;
    }

    public int Length { get; }
    public char this[int index] => _chars[_start + index];
    public int OffsetAt(int index) => _offsets is null ? _start + index : _offsets[_start + index];

    /// <summary>A stretch of the decoded file itself.</summary>
    public static MappedText FromSource(string source, int start, int end) => new(source, start, end - start, null);

    /// <summary>Assembled text: <paramref name="offsets"/> holds one file offset (or -1) per character.</summary>
    public static MappedText FromAssembled(string chars, int[] offsets) => new(chars, 0, chars.Length, offsets);

    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(_start, Length);

    public MappedText Slice(int start, int end) => new(_chars, _start + start, end - start, _offsets);

    public bool EndsWith(char c) => Length > 0 && this[Length - 1] == c;

    /// <summary>Python's <c>str.strip(chars)</c> for one character.</summary>
    public MappedText Strip(char c)
    {
        var (start, end) = (0, Length);
        while (start < end && this[start] == c) start++;
        while (end > start && this[end - 1] == c) end--;
        return Slice(start, end);
    }

    /// <summary>Python's <c>str.strip()</c>.</summary>
    public MappedText StripSpace()
    {
        var (start, end) = (0, Length);
        while (start < end && PythonStrings.IsSpace(this[start])) start++;
        while (end > start && PythonStrings.IsSpace(this[end - 1])) end--;
        return Slice(start, end);
    }

    /// <summary>Python's <c>str.replace(old, new)</c>; the inserted characters come from nowhere in the file.</summary>
    public MappedText Replace(string oldValue, string newValue)
    {
        var text = AsSpan();
        var result = new MappedTextBuilder();
        var i = 0;
        while (i < Length)
        {
            var found = text[i..].IndexOf(oldValue, StringComparison.Ordinal);
            if (found < 0) break;
            found += i;
            result.Append(this, i, found);
            foreach (var c in newValue) result.Append(c, -1);
            i = found + oldValue.Length;
        }
        result.Append(this, i, Length);
        return result.Build();
    }

    /// <summary>
    /// The file offsets of characters <c>[start, start + length)</c>: a range (no array) when they are one stretch
    /// of the file, as they almost always are.
    /// </summary>
    public IReadOnlyList<int> Offsets(int start, int length)
    {
        if (length == 0) return [];
        if (_offsets is null) return new OffsetRange(_start + start, length);
        return _offsets.AsSpan(_start + start, length).ToArray();
    }

    public override string ToString() =>
        _start == 0 && Length == _chars.Length ? _chars : _chars.Substring(_start, Length);
}

/// <summary>Assembles a <see cref="MappedText"/> pip made up from pieces: joined continuation lines, expanded variables.</summary>
internal sealed class MappedTextBuilder
{
    private readonly StringBuilder _chars = new();
    private readonly List<int> _offsets = [];

    public void Append(char c, int offset)
    {
        _chars.Append(c);
        _offsets.Add(offset);
    }

    public void Append(MappedText text, int start, int end)
    {
        for (var i = start; i < end; i++) Append(text[i], text.OffsetAt(i));
    }

    public void Append(MappedText text) => Append(text, 0, text.Length);

    public MappedText Build() => MappedText.FromAssembled(_chars.ToString(), [.. _offsets]);
}

/// <summary>Offsets <c>start, start + 1, ...</c>: what a requirement written on one line, unexpanded, maps to.</summary>
internal sealed class OffsetRange(int start, int count) : IReadOnlyList<int>
{
    public int Count => count;

    public int this[int index] =>
        (uint)index < (uint)count ? start + index : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<int> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return start + i;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
