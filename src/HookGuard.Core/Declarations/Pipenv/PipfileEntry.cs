using HookGuard.Core.Declarations;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pipenv;

/// <summary>
/// Turns one Pipfile package (<c>name = "*"</c>, <c>name = "&gt;=1.0"</c>, or a table) into a <see cref="Requirement"/>
/// as pipenv 2022.12.19's vendored requirementslib does in <c>Requirement.from_pipfile</c>
/// (pipenv/vendor/requirementslib/models/requirements.py).
/// </summary>
internal static class PipfileEntry
{
    private static readonly string[] VcsKeys = ["git", "svn", "hg", "bzr"];

    // PipenvMarkers' fields (requirementslib/models/markers.py): each "key value" becomes a marker clause.
    private static readonly string[] MarkerKeys =
    [
        "os_name", "sys_platform", "platform_machine", "platform_python_implementation", "platform_release",
        "platform_system", "platform_version", "python_version", "python_full_version", "implementation_name",
        "implementation_version",
    ];

    /// <exception cref="DeclarationFileError">A value of the wrong type, or a version that is no specifier.</exception>
    public static RequirementEntry Read(string file, string name, TomlNode value)
    {
        var location = new SourceLocation(file, value.Line);
        if (!PackageName.IsValid(name))
        {
            throw new DeclarationFileError(location, $"'{name}' is not a valid package name");
        }

        return value switch
        {
            TomlString text => Build(location, name, Specifier(location, name, text.Value), [], null, null, editable: false),
            TomlTable table => FromTable(location, name, table),
            _ => throw new DeclarationFileError(location, $"'{name}' must be a version string or a table, not {value.Kind}"),
        };
    }

    private static RequirementEntry FromTable(SourceLocation location, string name, TomlTable table)
    {
        var version = table["version"] is { } versionNode ? Text(location.File, name, "version", versionNode) : "*";
        var specifier = Specifier(location, name, version);

        var extras = new List<string>();
        if (table["extras"] is { } extrasNode)
        {
            if (extrasNode is not TomlArray array)
            {
                throw new DeclarationFileError(new SourceLocation(location.File, extrasNode.Line), $"'extras' of '{name}' must be an array of strings");
            }

            foreach (var item in array.Items)
            {
                // requirementslib: tuple(sorted(dedup(extra.lower() for extra in extras))).
                var extra = Text(location.File, name, "extras", item).ToLowerInvariant();
                if (!extras.Contains(extra))
                {
                    extras.Add(extra);
                }
            }

            extras.Sort(PythonJson.CompareCodePoints);
        }

        var editable = false;
        if (table["editable"] is { } editableNode)
        {
            editable = editableNode is TomlBoolean flag
                ? flag.Value
                : throw new DeclarationFileError(new SourceLocation(location.File, editableNode.Line), $"'editable' of '{name}' must be true or false");
        }

        if (table["index"] is { } index)
        {
            Text(location.File, name, "index", index);
        }

        var url = Source(location.File, name, table);
        var marker = CombinedMarker(location.File, name, table);
        return Build(location, name, url is null ? specifier : SpecifierSet.Any, extras, url, marker, editable);
    }

    // Requirement.from_pipfile: a VCS key first, else path / file, else a named requirement.
    private static string? Source(string file, string name, TomlTable table)
    {
        foreach (var vcs in VcsKeys)
        {
            if (table[vcs] is { } urlNode)
            {
                var url = Text(file, name, vcs, urlNode);
                var reference = table["ref"] is { } refNode ? Text(file, name, "ref", refNode) : null;
                var subdirectory = table["subdirectory"] is { } subNode ? Text(file, name, "subdirectory", subNode) : null;
                return (url.StartsWith(vcs + "+", StringComparison.Ordinal) ? url : vcs + "+" + url)
                       + (reference is null ? "" : "@" + reference)
                       + (subdirectory is null ? "" : "#subdirectory=" + subdirectory);
            }
        }

        foreach (var key in new[] { "path", "file", "uri" })
        {
            if (table[key] is { } node)
            {
                return Text(file, name, key, node);
            }
        }

        return null;
    }

    // PipenvMarkers.from_pipfile: "key value" for each shorthand, plus "markers", deduplicated, sorted as strings and joined
    // with " and " (without parentheses: "a or b" and "c" read as "a or (b and c)", as in pipenv); a combination that
    // does not parse is dropped (make_marker raises RequirementError, from_pipfile passes).
    private static Marker? CombinedMarker(string file, string name, TomlTable table)
    {
        var clauses = new List<string>();
        foreach (var key in MarkerKeys)
        {
            if (table[key] is { } node)
            {
                var clause = key + " " + Text(file, name, key, node);
                if (!clauses.Contains(clause))
                {
                    clauses.Add(clause);
                }
            }
        }

        if (table["markers"] is { } markersNode && Text(file, name, "markers", markersNode) is { Length: > 0 } markers && !clauses.Contains(markers))
        {
            clauses.Add(markers);
        }

        if (clauses.Count == 0)
        {
            return null;
        }

        clauses.Sort(PythonJson.CompareCodePoints);
        try
        {
            return Marker.Parse(string.Join(" and ", clauses));
        }
        catch (PackagingFormatException)
        {
            return null;
        }
    }

    // get_version (requirementslib/models/utils.py): "*" is any version; otherwise stripped of spaces and parentheses.
    private static SpecifierSet Specifier(SourceLocation location, string name, string version)
    {
        var text = version.Trim().TrimStart('(').TrimEnd(')');
        if (text is "*" or "")
        {
            return SpecifierSet.Any;
        }

        try
        {
            return SpecifierSet.Parse(text);
        }
        catch (PackagingFormatException error)
        {
            throw new DeclarationFileError(location, $"the version of '{name}' is not a version specifier: {error.Message}");
        }
    }

    private static RequirementEntry Build(SourceLocation location, string name, SpecifierSet specifier, IReadOnlyList<string> extras, string? url, Marker? marker, bool editable)
    {
        var requirement = new Requirement(name, extras, specifier, url, marker);
        var text = name + (extras.Count > 0 ? "[" + string.Join(",", extras) + "]" : "")
                   + (url is null ? specifier.Text : " @ " + url)
                   + (marker is null ? "" : " ; " + marker.Text);
        return new RequirementEntry(location, requirement, text, editable, []);
    }

    private static string Text(string file, string name, string key, TomlNode node) => node is TomlString text
        ? text.Value
        : throw new DeclarationFileError(new SourceLocation(file, node.Line), $"'{key}' of '{name}' must be a string, not {node.Kind}");
}
