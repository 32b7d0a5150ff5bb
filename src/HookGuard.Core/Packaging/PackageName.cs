namespace HookGuard.Core.Packaging;

/// <summary>Project names as PEP 503 compares them.</summary>
public static class PackageName
{
    /// <summary>
    /// Lower-cases and collapses runs of <c>-</c>, <c>_</c> and <c>.</c> into one <c>-</c>
    /// (https://peps.python.org/pep-0503/#normalized-names). Called for every installed distribution and declared
    /// requirement on every commit, so a name that is already normalized is returned as it is, without allocating.
    /// </summary>
    public static string Normalize(string name)
    {
        if (IsNormalized(name))
        {
            return name;
        }

        return string.Create(NormalizedLength(name), name, static (buffer, source) =>
        {
            var written = 0;
            var inSeparatorRun = false;
            foreach (var c in source)
            {
                if (c is '-' or '_' or '.')
                {
                    if (!inSeparatorRun)
                    {
                        buffer[written++] = '-';
                    }

                    inSeparatorRun = true;
                }
                else
                {
                    buffer[written++] = char.ToLowerInvariant(c);
                    inSeparatorRun = false;
                }
            }
        });
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a valid distribution name: ASCII letters and digits, with <c>.</c>, <c>-</c>
    /// and <c>_</c> only between them (https://packaging.python.org/en/latest/specifications/name-normalization/).
    /// </summary>
    public static bool IsValid(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNormalized(string name)
    {
        var previousWasDash = false;
        foreach (var c in name)
        {
            if (c is '_' or '.' || char.IsUpper(c) || (c == '-' && previousWasDash) || (c > '\u007f' && char.ToLowerInvariant(c) != c))
            {
                return false;
            }

            previousWasDash = c == '-';
        }

        return true;
    }

    private static int NormalizedLength(string name)
    {
        var length = 0;
        var inSeparatorRun = false;
        foreach (var c in name)
        {
            var isSeparator = c is '-' or '_' or '.';
            if (!isSeparator || !inSeparatorRun)
            {
                length++;
            }

            inSeparatorRun = isSeparator;
        }

        return length;
    }
}
