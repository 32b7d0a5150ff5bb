using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>One <c>[[package]]</c> of a poetry.lock, with what selection needs (Locker._get_locked_package).</summary>
internal sealed class LockPackage
{
    private readonly Marker? _marker;
    private readonly Dictionary<string, Marker?>? _markersByGroup;

    private LockPackage(SourceLocation location, string name, string version, bool optional, string? pythonVersions,
        IReadOnlyList<string> groups, Marker? marker, Dictionary<string, Marker?>? markersByGroup, TomlTable table)
    {
        Location = location;
        Name = name;
        NormalizedName = PackageName.Normalize(name);
        Version = version;
        Optional = optional;
        PythonVersions = pythonVersions;
        Groups = groups;
        _marker = marker;
        _markersByGroup = markersByGroup;
        Table = table;
    }

    public SourceLocation Location { get; }

    public string Name { get; }

    public string NormalizedName { get; }

    public string Version { get; }

    /// <summary>Installed only for an extra (<c>optional = true</c>).</summary>
    public bool Optional { get; }

    /// <summary><c>python-versions</c>, a Poetry constraint (<c>*</c>, <c>&gt;=3.8</c>).</summary>
    public string? PythonVersions { get; }

    /// <summary>Lock 2.1's <c>groups</c>; lock 1.1's <c>category</c> as a one-group list; empty in 2.0.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The table, for <c>[package.dependencies]</c> and <c>[package.extras]</c> when the graph is walked.</summary>
    public TomlTable Table { get; }

    public static LockPackage Read(string file, TomlTable table)
    {
        var location = new SourceLocation(file, table.Line);
        var name = table["name"] is TomlString { Value.Length: > 0 } n ? n.Value
            : throw new DeclarationFileError(location, "a [[package]] without a name");
        var version = table["version"] is TomlString { Value.Length: > 0 } v ? v.Value
            : throw new DeclarationFileError(location, $"package '{name}' has no version");
        var optional = table["optional"] switch
        {
            null => false,
            TomlBoolean flag => flag.Value,
            var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"package '{name}': optional must be true or false"),
        };
        var python = table["python-versions"] switch
        {
            null => null,
            TomlString text => text.Value,
            var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"package '{name}': python-versions must be a string"),
        };

        var groups = new List<string>();
        switch (table["groups"])
        {
            case null:
                if (table["category"] is TomlString category)
                {
                    groups.Add(category.Value);
                }

                break;
            case TomlArray array:
                foreach (var item in array.Items)
                {
                    groups.Add(item is TomlString { Value: var group } ? group
                        : throw new DeclarationFileError(new SourceLocation(file, item.Line), $"package '{name}': groups must be strings"));
                }

                break;
            case var other:
                throw new DeclarationFileError(new SourceLocation(file, other.Line), $"package '{name}': groups must be an array");
        }

        Marker? marker = null;
        Dictionary<string, Marker?>? byGroup = null;
        switch (table["markers"])
        {
            case null:
                break;
            case TomlString text:
                marker = ParseMarker(file, name, text);
                break;
            case TomlTable perGroup:
                byGroup = new Dictionary<string, Marker?>(StringComparer.OrdinalIgnoreCase);
                foreach (var (group, node) in perGroup.Entries)
                {
                    byGroup[group] = node is TomlString groupMarker ? ParseMarker(file, name, groupMarker)
                        : throw new DeclarationFileError(new SourceLocation(file, node.Line), $"package '{name}': the marker of group '{group}' must be a string");
                }

                break;
            case var other:
                throw new DeclarationFileError(new SourceLocation(file, other.Line), $"package '{name}': markers must be a string or a table");
        }

        return new LockPackage(location, name, version, optional, python, groups, marker, byGroup, table);
    }

    /// <summary>The marker of <paramref name="group"/>; null when it always applies ("*" or none).</summary>
    public Marker? MarkerFor(string group) =>
        _markersByGroup is null ? _marker : _markersByGroup.TryGetValue(group, out var marker) ? marker : null;

    /// <summary>Whether one of the package's markers asks for <paramref name="extra"/>.</summary>
    public bool MarkerMentionsExtra(string extra)
    {
        var markers = _markersByGroup?.Values ?? (IEnumerable<Marker?>)[_marker];
        return markers.Any(marker => marker is not null && marker.Text.Contains(extra, StringComparison.OrdinalIgnoreCase)
                                                      && marker.Text.Contains("extra", StringComparison.Ordinal));
    }

    private static Marker? ParseMarker(string file, string name, TomlString text)
    {
        if (text.Value is "*" or "")
        {
            return null;
        }

        try
        {
            return Marker.Parse(text.Value);
        }
        catch (PackagingFormatException error)
        {
            throw new DeclarationFileError(new SourceLocation(file, text.Line), $"package '{name}': not a valid marker: {error.Message}");
        }
    }
}
