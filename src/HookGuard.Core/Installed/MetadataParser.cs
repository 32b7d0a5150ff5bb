namespace HookGuard.Core.Installed;

/// <summary>
/// Reads the header block of a core metadata file (<c>*.dist-info/METADATA</c>, <c>*.egg-info/PKG-INFO</c> or an
/// <c>*.egg-info</c> file). The format is RFC 822 headers, then a blank line, then the description as body
/// (https://packaging.python.org/en/latest/specifications/core-metadata/). Reading stops at the first blank line,
/// so a long README in the body costs nothing.
/// </summary>
public static class MetadataParser
{
    /// <summary>Parses metadata text; <paramref name="file"/> is only used to name the file in errors.</summary>
    public static DistributionMetadata Parse(string text, string file)
    {
        using var reader = new StringReader(text);
        return Parse(reader, file);
    }

    /// <summary>
    /// Parses the header block from <paramref name="reader"/>, reading no further than the first blank line.
    /// Throws <see cref="VenvFormatException"/> on a line that is neither a header nor a continuation, and when
    /// <c>Name</c> or <c>Version</c> is missing or empty.
    /// </summary>
    public static DistributionMetadata Parse(TextReader reader, string file)
    {
        string? name = null, version = null;
        var requiresDist = new List<string>();

        // A header may be folded over several lines (RFC 822 sec. 3.1.1): continuation lines start with
        // whitespace. Only the three headers HookGuard uses are unfolded and kept; a METADATA file holds thirty or
        // more others (classifiers, URLs), read on every commit for every distribution, so they cost no allocation.
        var current = Header.None;
        System.Text.StringBuilder? currentValue = null;
        int lineNumber = 0, nameLine = 0;

        void Flush()
        {
            if (current is Header.None or Header.Other) { current = Header.None; return; }
            var value = currentValue!.ToString().Trim();
            // Header names are case-insensitive (email.message.Message.get is); Name and Version appear once
            // (the first wins, as Message.get returns the first), Requires-Dist is multiple-use.
            switch (current)
            {
                case Header.Name: name ??= value; break;
                case Header.Version: version ??= value; break;
                case Header.RequiresDist: requiresDist.Add(value); break;
            }
            current = Header.None;
            currentValue = null;
        }

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (line.Length == 0) break; // end of headers; the body (description) follows

            if (line[0] is ' ' or '\t')
            {
                if (current is Header.None)
                    throw new VenvFormatException(file, lineNumber, "a continuation line comes before any header");
                if (current is not Header.Other) currentValue!.Append(' ').Append(line.AsSpan().Trim());
                continue;
            }

            if (string.IsNullOrWhiteSpace(line)) break;

            var colon = line.IndexOf(':');
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(" \t"))
                throw new VenvFormatException(file, lineNumber, $"expected a 'Header: value' line, found '{Shorten(line)}'");

            Flush();
            current = Classify(line.AsSpan(0, colon));
            if (current is not Header.Other) currentValue = new System.Text.StringBuilder().Append(line.AsSpan(colon + 1));
            if (name is null && current is Header.Name) nameLine = lineNumber;
        }
        Flush();

        if (lineNumber == 0)
            throw new VenvFormatException(file, 0, "the metadata file is empty");
        if (string.IsNullOrEmpty(name))
            throw new VenvFormatException(file, nameLine, "the metadata has no 'Name' header");
        if (string.IsNullOrEmpty(version))
            throw new VenvFormatException(file, 0, "the metadata has no 'Version' header");

        return new DistributionMetadata(name, version, requiresDist);
    }

    private enum Header { None, Name, Version, RequiresDist, Other }

    private static Header Classify(ReadOnlySpan<char> key) =>
        key.Equals("Name", StringComparison.OrdinalIgnoreCase) ? Header.Name
        : key.Equals("Version", StringComparison.OrdinalIgnoreCase) ? Header.Version
        : key.Equals("Requires-Dist", StringComparison.OrdinalIgnoreCase) ? Header.RequiresDist
        : Header.Other;

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";
}
