using HookGuard.Cli;

namespace HookGuard.Git;

/// <summary>
/// Refuses, with a message, the repository formats HookGuard's own reader does not read: SHA-256 object ids
/// (<c>extensions.objectFormat</c>) and the reftable ref store (<c>extensions.refStorage</c>). git reads these
/// extensions only from the common dir's <c>config</c> and only when <c>core.repositoryFormatVersion</c> is 1
/// (gitrepository-layout(5), git-config(1) "extensions"); includes are not followed for them, so neither are they here.
/// </summary>
internal static class RepositoryFormat
{
    /// <exception cref="UserError">The repository uses a format HookGuard cannot read.</exception>
    public static void EnsureReadable(RepositoryLocation location)
    {
        var configFile = Path.Combine(location.CommonDir, "config");
        string text;
        try
        {
            text = File.ReadAllText(configFile);
        }
        catch (Exception absent) when (absent is FileNotFoundException or DirectoryNotFoundException)
        {
            return; // git treats a missing config as version 0
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"Cannot read the git config '{configFile}': {error.Message}", inner: error);
        }

        var version = 0L;
        string? objectFormat = null, refStorage = null;
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
            }
        }

        if (version > 1)
        {
            throw new UserError($"Cannot open the git repository at '{location.GitDir}': its format version {version} is newer than HookGuard reads (0 or 1).");
        }

        if (version < 1)
        {
            return; // version 0 ignores these extensions (git warns and reads SHA-1 and files)
        }

        if (objectFormat is not null && !objectFormat.Equals("sha1", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserError(
                $"Cannot open the git repository at '{location.GitDir}': it uses {objectFormat} object ids (extensions.objectFormat), which HookGuard does not read yet; only SHA-1 repositories are supported.");
        }

        if (refStorage is not null && !refStorage.Equals("files", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserError(
                $"Cannot open the git repository at '{location.GitDir}': it stores refs as {refStorage} (extensions.refStorage), which HookGuard does not read yet; only the 'files' ref store is supported.");
        }
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
