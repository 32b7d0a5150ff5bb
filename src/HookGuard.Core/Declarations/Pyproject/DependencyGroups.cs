using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pyproject;

/// <summary>One PEP 735 dependency group after its <c>{include-group = "..."}</c> items are replaced by what they include.</summary>
/// <param name="Name">The group's name, normalized as PEP 735 says (PEP 503's rule).</param>
/// <param name="Line">The line of the group's key.</param>
/// <param name="Requirements">The group's requirement strings, included ones in place, as written (not yet parsed).</param>
public sealed record DependencyGroup(string Name, int Line, IReadOnlyList<TomlString> Requirements);

/// <summary>
/// Reads a <c>[dependency-groups]</c> table and expands its includes, as PEP 735's reference implementation does
/// (https://peps.python.org/pep-0735/#reference-implementation): names are normalized, two keys that normalize alike
/// are an error, an include of an unknown group or a cycle of includes is an error, and an item is either a string
/// or a table whose only key is <c>include-group</c>. Used for policy top-level and for uv's stale check.
/// </summary>
public static class DependencyGroups
{
    /// <summary>Every group of <paramref name="table"/>, in the order written.</summary>
    /// <param name="file">The file, named in errors.</param>
    /// <param name="table">The value of <c>dependency-groups</c>; null when the file has none.</param>
    /// <exception cref="DeclarationFileError">A wrong type, a duplicate name, an unknown or cyclic include, with its line.</exception>
    public static IReadOnlyList<DependencyGroup> Expand(string file, TomlNode? table)
    {
        if (table is null)
        {
            return [];
        }

        if (table is not TomlTable groups)
        {
            throw new DeclarationFileError(new SourceLocation(file, table.Line), $"'dependency-groups' must be a table, not {table.Kind}");
        }

        var byName = new Dictionary<string, (string Written, TomlNode Value)>(StringComparer.Ordinal);
        foreach (var (key, value) in groups.Entries)
        {
            var name = PackageName.Normalize(key);
            if (byName.TryGetValue(name, out var other))
            {
                throw new DeclarationFileError(new SourceLocation(file, value.Line),
                    $"dependency groups '{other.Written}' and '{key}' have the same normalized name '{name}'");
            }

            byName.Add(name, (key, value));
        }

        // Each group is expanded once and remembered, so a chain of includes costs its length, not its square.
        var expanded = new Dictionary<string, List<TomlString>>(StringComparer.Ordinal);
        var inProgress = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<DependencyGroup>(byName.Count);
        foreach (var (name, (_, value)) in byName)
        {
            result.Add(new DependencyGroup(name, value.Line, Resolve(file, name, byName, expanded, inProgress, [])));
        }

        return result;
    }

    private static List<TomlString> Resolve(
        string file,
        string name,
        Dictionary<string, (string Written, TomlNode Value)> byName,
        Dictionary<string, List<TomlString>> expanded,
        HashSet<string> inProgress,
        List<string> path)
    {
        if (expanded.TryGetValue(name, out var done))
        {
            return done;
        }

        var value = byName[name].Value;
        if (value is not TomlArray items)
        {
            throw new DeclarationFileError(new SourceLocation(file, value.Line),
                $"dependency group '{byName[name].Written}' must be an array, not {value.Kind}");
        }

        inProgress.Add(name);
        path.Add(name);
        var requirements = new List<TomlString>(items.Items.Count);
        foreach (var item in items.Items)
        {
            switch (item)
            {
                case TomlString text:
                    requirements.Add(text);
                    break;
                case TomlTable { Entries: [{ Key: "include-group", Value: var target }] }:
                    if (target is not TomlString { Value: var written })
                    {
                        throw new DeclarationFileError(new SourceLocation(file, target.Line), $"'include-group' must be a string, not {target.Kind}");
                    }

                    var included = PackageName.Normalize(written);
                    if (!byName.ContainsKey(included))
                    {
                        throw new DeclarationFileError(new SourceLocation(file, target.Line),
                            $"dependency group '{byName[name].Written}' includes '{written}', which is not a dependency group");
                    }

                    if (inProgress.Contains(included))
                    {
                        throw new DeclarationFileError(new SourceLocation(file, target.Line),
                            $"dependency groups include each other in a cycle: {string.Join(" -> ", path)} -> {included}");
                    }

                    requirements.AddRange(Resolve(file, included, byName, expanded, inProgress, path));
                    break;
                default:
                    throw new DeclarationFileError(new SourceLocation(file, item.Line),
                        $"an item of dependency group '{byName[name].Written}' must be a requirement string or {{include-group = \"...\"}}, not {item.Kind}");
            }
        }

        path.RemoveAt(path.Count - 1);
        inProgress.Remove(name);
        expanded[name] = requirements;
        return requirements;
    }
}
