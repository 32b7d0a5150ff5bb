namespace HookGuard.Core.Toml;

/// <summary>
/// Hands out one string per distinct ASCII key of a document: a 500-package lock repeats <c>name</c>, <c>url</c>,
/// <c>hash</c>... tens of thousands of times, and each would otherwise be a new string.
/// </summary>
internal sealed class TomlKeyCache
{
    private const int LongestCachedKey = 64;
    private string?[] _slots = new string?[64];
    private int[] _hashes = new int[64];
    private int _count;

    /// <summary>The key spelled by <paramref name="ascii"/>, which the caller has checked is ASCII.</summary>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > LongestCachedKey)
        {
            return System.Text.Encoding.ASCII.GetString(ascii);
        }

        var hash = Hash(ascii);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var existing = _slots[slot];
            if (existing is null)
            {
                var created = System.Text.Encoding.ASCII.GetString(ascii);
                _slots[slot] = created;
                _hashes[slot] = hash;
                if (++_count * 2 > _slots.Length)
                {
                    Grow();
                }

                return created;
            }

            if (_hashes[slot] == hash && Spells(existing, ascii))
            {
                return existing;
            }
        }
    }

    private static int Hash(ReadOnlySpan<byte> ascii)
    {
        var hash = (uint)ascii.Length;
        foreach (var b in ascii)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    private static bool Spells(string text, ReadOnlySpan<byte> ascii)
    {
        if (text.Length != ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            if (text[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    private void Grow()
    {
        var slots = new string?[_slots.Length * 2];
        var hashes = new int[slots.Length];
        var mask = slots.Length - 1;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is { } text)
            {
                var slot = _hashes[i] & mask;
                while (slots[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = text;
                hashes[slot] = _hashes[i];
            }
        }

        _slots = slots;
        _hashes = hashes;
    }
}
