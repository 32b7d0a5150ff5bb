using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pdm;

/// <summary>One <c>[[package]]</c> of a <c>pdm.lock</c>, with the line of its header.</summary>
internal sealed class PdmPackage
{
    private static readonly string[] SourceKeys = ["git", "hg", "svn", "bzr", "url", "path"];

    private PdmPackage(string name, int line, string? version, IReadOnlyList<string> extras, string? requiresPython,
        Marker? marker, IReadOnlyList<string>? groups, IReadOnlyList<string> dependencies, bool editable, string? source, string? path)
    {
        Name = name;
        NormalizedName = PackageName.Normalize(name);
        Line = line;
        Version = version;
        Extras = extras;
        RequiresPython = requiresPython;
        Marker = marker;
        Groups = groups;
        Dependencies = dependencies;
        Editable = editable;
        Source = source;
        Path = path;
    }

    public string Name { get; }

    public string NormalizedName { get; }

    public int Line { get; }

    public string? Version { get; }

    public IReadOnlyList<string> Extras { get; }

    public string? RequiresPython { get; }

    public Marker? Marker { get; }

    public IReadOnlyList<string>? Groups { get; }

    public IReadOnlyList<string> Dependencies { get; }

    public bool Editable { get; }

    public string? Source { get; }

    public string? Path { get; }

    /// <exception cref="DeclarationFileError">No name, no version and no source, or a value of the wrong type.</exception>
    public static PdmPackage Read(string file, TomlTable table)
    {
        var at = new SourceLocation(file, table.Line);
        var name = String(file, table, "name") ?? throw new DeclarationFileError(at, "a [[package]] has no name");
        if (!PackageName.IsValid(name))
        {
            throw new DeclarationFileError(at, $"'{name}' is not a valid package name");
        }

        var version = String(file, table, "version");
        string? source = null;
        foreach (var key in SourceKeys)
        {
            if (String(file, table, key) is { } value)
            {
                source = key is "url" or "path" ? value : key + "+" + value + (String(file, table, "ref") is { } reference ? "@" + reference : "");
                break;
            }
        }

        if (version is null && source is null)
        {
            throw new DeclarationFileError(at, $"package '{name}' has no version and no path, url or VCS source");
        }

        Marker? marker = null;
        if (String(file, table, "marker") is { Length: > 0 } markerText)
        {
            try
            {
                marker = Marker.Parse(markerText);
            }
            catch (PackagingFormatException error)
            {
                throw new DeclarationFileError(new SourceLocation(file, table["marker"]!.Line), $"the marker of '{name}' is not a PEP 508 marker: {error.Message}");
            }
        }

        var editable = table["editable"] switch
        {
            null => false,
            TomlBoolean flag => flag.Value,
            var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"'editable' of '{name}' must be true or false"),
        };

        if (table["files"] is { } files && files is not (TomlArray or TomlUnread { Kind: "an array" }))
        {
            throw new DeclarationFileError(new SourceLocation(file, files.Line), $"'files' of '{name}' must be an array");
        }

        return new PdmPackage(
            name, table.Line, version, Strings(file, table, "extras", name) ?? [], String(file, table, "requires_python"), marker,
            Strings(file, table, "groups", name), Strings(file, table, "dependencies", name) ?? [], editable, source, String(file, table, "path"));
    }

    public bool HasExtras(IReadOnlyList<string> extras)
    {
        if (extras.Count != Extras.Count)
        {
            return false;
        }

        foreach (var extra in extras)
        {
            if (!Extras.Any(mine => string.Equals(PackageName.Normalize(mine), PackageName.Normalize(extra), StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    public bool AllowsPython(MarkerEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(RequiresPython))
        {
            return true;
        }

        try
        {
            return SpecifierSet.Parse(RequiresPython).Contains(environment.PythonFullVersion);
        }
        catch (PackagingFormatException)
        {
            // pdm's PySpecSet accepts forms packaging does not ("<3.10,>=3.7.*"); keep the package rather than guess.
            return true;
        }
    }

    public bool Evaluate(string file, MarkerEnvironment environment)
    {
        try
        {
            return Marker!.Evaluate(environment);
        }
        catch (PackagingFormatException error)
        {
            throw new DeclarationFileError(new SourceLocation(file, Line), $"the marker of '{Name}' cannot be evaluated: {error.Message}");
        }
    }

    public RequirementEntry Entry(string file)
    {
        var location = new SourceLocation(file, Line);
        if (Version is { } version && Source is null)
        {
            var entry = LockedPackage.Entry(location, Name, version);
            return Editable ? entry with { Editable = true } : entry;
        }

        // A VCS, url or path package: pip installs whatever version the source holds.
        var requirement = new Requirement(Name, [], SpecifierSet.Any, Source, null);
        return new RequirementEntry(location, requirement, $"{Name} @ {Source}", Editable, []);
    }

    private static string? String(string file, TomlTable table, string key) => table[key] switch
    {
        null => null,
        TomlString text => text.Value,
        var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"'{key}' must be a string, not {other.Kind}"),
    };

    private static List<string>? Strings(string file, TomlTable table, string key, string name)
    {
        if (table[key] is not { } node)
        {
            return null;
        }

        if (node is not TomlArray array)
        {
            throw new DeclarationFileError(new SourceLocation(file, node.Line), $"'{key}' of '{name}' must be an array of strings");
        }

        var values = new List<string>(array.Items.Count);
        foreach (var item in array.Items)
        {
            values.Add(item is TomlString text
                ? text.Value
                : throw new DeclarationFileError(new SourceLocation(file, item.Line), $"'{key}' of '{name}' must be an array of strings"));
        }

        return values;
    }
}
