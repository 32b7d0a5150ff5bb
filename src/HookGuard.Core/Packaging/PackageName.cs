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
