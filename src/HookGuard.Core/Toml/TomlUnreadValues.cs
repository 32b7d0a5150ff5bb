namespace HookGuard.Core.Toml;

/// <summary>
/// The keys of a document that its reader never looks into: a lock file is mostly hashes and URLs (uv's
/// <c>wheels</c> and <c>sdist</c>, Poetry's <c>files</c>), which HookGuard has no use for. The parser still checks that
/// they are valid TOML, byte for byte as strictly as the rest, but builds no nodes for them: each such value stands in
/// the tree as one <see cref="TomlUnread"/>. That is most of a large lock's parse time and nearly all of its
/// allocations, which a NativeAOT process pays again as page faults.
/// </summary>
/// <remarks>
/// Only plain keys directly under a <c>[header]</c> or <c>[[header]]</c> section are skipped, never dotted keys or keys
/// inside inline tables, so that the TOML table rules (which need the real nodes) are untouched.
/// </remarks>
public sealed class TomlUnreadValues
{
    private readonly Section[] _sections;

    /// <param name="keys">
    /// Pairs of a table's dotted header path (<c>"package"</c> for <c>[[package]]</c>, <c>""</c> for the root) and a key
    /// of it; a null key means every key of that table (<c>[metadata.files]</c> of Poetry 1.1). The path is split at its
    /// dots, so a table whose own key holds a dot cannot be named (no lock format has one).
    /// </param>
    public TomlUnreadValues(params (string Table, string? Key)[] keys)
    {
        _sections = keys.GroupBy(entry => entry.Table, StringComparer.Ordinal)
            .Select(group => new Section(
                group.Key.Length == 0 ? [] : group.Key.Split('.'),
                group.Any(entry => entry.Key is null),
                group.Where(entry => entry.Key is not null).Select(entry => entry.Key!).ToArray()))
            .ToArray();
    }

    /// <summary>What is unread in the table whose header key is <c>parts[0..count]</c>; null when everything is read.</summary>
    internal Section? SectionOf(List<string> parts, int count)
    {
        foreach (var section in _sections)
        {
            if (section.Matches(parts, count))
            {
                return section;
            }
        }

        return null;
    }

    internal sealed class Section(string[] path, bool everyKey, string[] keys)
    {
        public bool Skips(string key) => everyKey || Array.IndexOf(keys, key) >= 0;

        public bool Matches(List<string> parts, int count)
        {
            if (count != path.Length)
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                if (!string.Equals(parts[i], path[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
