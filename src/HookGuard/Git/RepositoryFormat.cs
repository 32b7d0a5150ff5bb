using HookGuard.Cli;

namespace HookGuard.Git;

/// <summary>
/// Tells whether HookGuard's own readers read a repository: not when it uses SHA-256 object ids
/// (<c>extensions.objectFormat</c>), another ref store than files (<c>extensions.refStorage</c>), or any repository
/// extension this reader does not know; then <see cref="StagedIndex"/> asks git. git reads these
/// extensions only from the common dir's <c>config</c> and only when <c>core.repositoryFormatVersion</c> is 1
/// (gitrepository-layout(5), git-config(1) "extensions"); includes are not followed for them, so neither are they here.
/// </summary>
internal static class RepositoryFormat
{
    /// <summary>Extensions that change nothing HookGuard reads (git-config(1) "extensions").</summary>
    private static readonly string[] HarmlessExtensions = ["noop", "preciousobjects", "worktreeconfig", "partialclone"];

    /// <returns><c>null</c> when the own readers read the repository, else what they do not read.</returns>
    /// <exception cref="UserError">The format version is newer than git's own (git refuses it too), or the config cannot be read.</exception>
    public static string? WhatOwnReaderCannotRead(RepositoryLocation location)
    {
        var configFile = Path.Combine(location.CommonDir, "config");
        string text;
        try
        {
            text = File.ReadAllText(configFile);
        }
        catch (Exception absent) when (absent is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // git treats a missing config as version 0
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"Cannot read the git config '{configFile}': {error.Message}", inner: error);
        }

        var version = 0L;
        string? objectFormat = null, refStorage = null, unknownExtension = null;
        var section = "";
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('['))
            {
                var close = line.IndexOf(']');
                section = (close > 0 ? line[1..close] : line[1..]).Trim().ToLowerInvariant();
                line = close > 0 ? line[(close + 1)..].Trim() : "";
                if (line.Length == 0)
                {
                    continue;
                }
            }

            var equals = line.IndexOf('=');
            if (equals <= 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var key = section + "." + line[..equals].Trim().ToLowerInvariant();
            var value = Value(line[(equals + 1)..]);
            switch (key)
            {
                case "core.repositoryformatversion":
                    _ = long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out version);
                    break;
                case "extensions.objectformat":
                    objectFormat = value;
                    break;
                case "extensions.refstorage":
                    refStorage = value;
                    break;
                case var other when other.StartsWith("extensions.", StringComparison.Ordinal)
                                    && !HarmlessExtensions.Contains(other["extensions.".Length..]):
                    unknownExtension ??= other;
                    break;
            }
        }

        if (version > 1)
        {
            throw new UserError($"Cannot open the git repository at '{location.GitDir}': its format version {version} is newer than HookGuard reads (0 or 1).");
        }

        if (version < 1)
        {
            return null; // version 0 ignores these extensions (git warns and reads SHA-1 and files)
        }

        if (objectFormat is not null && !objectFormat.Equals("sha1", StringComparison.OrdinalIgnoreCase))
        {
            return $"{objectFormat} object ids (extensions.objectFormat)";
        }

        if (refStorage is not null && !refStorage.Equals("files", StringComparison.OrdinalIgnoreCase))
        {
            return $"the {refStorage} ref store (extensions.refStorage)";
        }

        return unknownExtension is null ? null : $"the repository extension '{unknownExtension}'";
    }

    /// <summary>A config value without a trailing comment or its quotes (enough for the names compared here).</summary>
    private static string Value(string raw)
    {
        var value = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var character in raw)
        {
            if (character == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && character is '#' or ';')
            {
                break;
            }
            else
            {
                value.Append(character);
            }
        }

        return value.ToString().Trim();
    }
}
