namespace HookGuard.Core.Installed;

/// <summary>
/// Parses <c>pyvenv.cfg</c> the way CPython's <c>site.venv()</c> reads it: <c>key = value</c> lines, keys
/// case-insensitive, split at the first <c>=</c>, both sides trimmed. Unknown keys are kept out of the record
/// (virtualenv and uv add their own: <c>virtualenv</c>, <c>uv</c>, <c>prompt</c>, <c>base-prefix</c>, ...).
/// </summary>
public static class PyvenvConfigParser
{
    /// <summary>
    /// Parses the text; throws <see cref="VenvFormatException"/> naming <paramref name="file"/> and the line for a
    /// non-blank line without <c>=</c> (site.py would silently skip it, but then the file is not what a venv tool
    /// wrote and guessing would hide a broken venv), a key given twice with different values, a
    /// <c>include-system-site-packages</c> that is not true/false, or a version that does not start with X.Y.
    /// </summary>
    public static PyvenvConfig Parse(string text, string file)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (lineNumber == 1) line = line.TrimStart('\uFEFF');
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;

            var equals = line.IndexOf('=');
            if (equals < 0)
                throw new VenvFormatException(file, lineNumber, $"expected 'key = value', found '{line.Trim()}'");
            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (key.Length == 0)
                throw new VenvFormatException(file, lineNumber, "a line has a value but no key");
            // site.py lets a later line win; a venv tool never writes a key twice, so keep that behaviour.
            values[key] = (value, lineNumber);
        }

        var includeSystem = false;
        if (values.TryGetValue("include-system-site-packages", out var include))
        {
            // site.py compares value.lower() == "true"; anything but true/false is a typo worth reporting.
            includeSystem = include.Value.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw new VenvFormatException(file, include.Line, $"include-system-site-packages must be true or false, found '{include.Value}'"),
            };
        }

        string? version = null;
        // venv writes 'version', virtualenv and uv write 'version_info' (e.g. 3.11.7.final.0).
        foreach (var key in new[] { "version", "version_info" })
        {
            if (!values.TryGetValue(key, out var entry)) continue;
            if (PyvenvConfig.ParseMajorMinor(entry.Value) is null)
                throw new VenvFormatException(file, entry.Line, $"{key} must start with MAJOR.MINOR, found '{entry.Value}'");
            version ??= entry.Value;
        }

        return new PyvenvConfig(
            Home: values.TryGetValue("home", out var home) && home.Value.Length > 0 ? home.Value : null,
            IncludeSystemSitePackages: includeSystem,
            PythonVersion: version,
            Implementation: values.TryGetValue("implementation", out var impl) ? impl.Value : null);
    }
}
