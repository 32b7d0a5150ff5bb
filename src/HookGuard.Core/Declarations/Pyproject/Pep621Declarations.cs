using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pyproject;

/// <summary>
/// The direct dependencies a <c>pyproject.toml</c> declares in the standard tables, for policy top-level:
/// PEP 621 <c>[project].dependencies</c> (https://packaging.python.org/en/latest/specifications/pyproject-toml/#dependencies-optional-dependencies),
/// <c>[project].optional-dependencies</c> and PEP 735 <c>[dependency-groups]</c> (https://peps.python.org/pep-0735/).
/// An extra or group is optional (its absence from the venv is no drift) unless it is among the chosen groups.
/// </summary>
/// <remarks>
/// A project whose <c>dynamic</c> lists <c>dependencies</c> (or <c>optional-dependencies</c>) leaves them to its build
/// backend: the file declares none, so none are read; pyproject.toml then says nothing about them and policy top-level
/// sees only the groups. Listing a field in <c>dynamic</c> and also giving it is an error, as the specification says
/// ("Build back-ends MUST raise an error if the metadata specifies a field statically as well as being listed in dynamic").
/// </remarks>
public static class Pep621Declarations
{
    /// <param name="file">The file, named in locations and errors.</param>
    /// <param name="document">The parsed file.</param>
    /// <param name="groups">The extras and dependency groups chosen; null for none.</param>
    /// <exception cref="DeclarationFileError">A wrong type, an invalid requirement, a bad include, with its line.</exception>
    public static IReadOnlyList<RequirementEntry> Read(string file, TomlTable document, IReadOnlyList<string>? groups)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups ?? [])
        {
            chosen.Add(PackageName.Normalize(group));
        }

        var entries = new List<RequirementEntry>();
        if (document["project"] is { } projectNode)
        {
            var project = projectNode as TomlTable
                ?? throw new DeclarationFileError(new SourceLocation(file, projectNode.Line), $"'project' must be a table, not {projectNode.Kind}");
            var dynamic = DynamicFields(file, project);
            ReadDependencies(file, project, dynamic, entries);
            ReadOptionalDependencies(file, project, dynamic, chosen, entries);
        }

        ReadDependencyGroups(file, document["dependency-groups"], chosen, entries);
        return entries;
    }

    /// <summary>Parses one requirement string; an invalid one is an error at its line.</summary>
    public static RequirementEntry Entry(string file, TomlString text, bool optional)
    {
        var location = new SourceLocation(file, text.Line);
        try
        {
            return new RequirementEntry(location, Requirement.Parse(text.Value), text.Value, Editable: false, Hashes: [])
            {
                Optional = optional,
            };
        }
        catch (PackagingFormatException error)
        {
            throw new DeclarationFileError(location, $"'{text.Value}' is not a valid requirement: {error.Message}");
        }
    }

    private static HashSet<string> DynamicFields(string file, TomlTable project)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (project["dynamic"] is not { } dynamic)
        {
            return fields;
        }

        foreach (var item in Strings(file, dynamic, "project.dynamic"))
        {
            fields.Add(item.Value);
        }

        return fields;
    }

    private static void ReadDependencies(string file, TomlTable project, HashSet<string> dynamic, List<RequirementEntry> entries)
    {
        if (project["dependencies"] is not { } dependencies)
        {
            return;
        }

        if (dynamic.Contains("dependencies"))
        {
            throw new DeclarationFileError(new SourceLocation(file, dependencies.Line),
                "'dependencies' is listed in project.dynamic and given too");
        }

        foreach (var text in Strings(file, dependencies, "project.dependencies"))
        {
            entries.Add(Entry(file, text, optional: false));
        }
    }

    private static void ReadOptionalDependencies(
        string file, TomlTable project, HashSet<string> dynamic, HashSet<string> chosen, List<RequirementEntry> entries)
    {
        if (project["optional-dependencies"] is not { } node)
        {
            return;
        }

        if (dynamic.Contains("optional-dependencies"))
        {
            throw new DeclarationFileError(new SourceLocation(file, node.Line),
                "'optional-dependencies' is listed in project.dynamic and given too");
        }

        var extras = node as TomlTable
            ?? throw new DeclarationFileError(new SourceLocation(file, node.Line), $"'project.optional-dependencies' must be a table, not {node.Kind}");
        foreach (var (extra, requirements) in extras.Entries)
        {
            // PEP 685: extras compare by their normalized names.
            var optional = !chosen.Contains(PackageName.Normalize(extra));
            foreach (var text in Strings(file, requirements, $"project.optional-dependencies.{extra}"))
            {
                entries.Add(Entry(file, text, optional));
            }
        }
    }

    private static void ReadDependencyGroups(string file, TomlNode? table, HashSet<string> chosen, List<RequirementEntry> entries)
    {
        // An included group's strings appear in every group that includes it: one entry each, required when any chosen
        // group reaches it, in the order first met.
        var order = new List<TomlString>();
        var required = new Dictionary<TomlString, bool>(ReferenceEqualityComparer.Instance);
        foreach (var group in DependencyGroups.Expand(file, table))
        {
            var isChosen = chosen.Contains(group.Name);
            foreach (var text in group.Requirements)
            {
                if (required.TryGetValue(text, out var already))
                {
                    required[text] = already || isChosen;
                }
                else
                {
                    order.Add(text);
                    required.Add(text, isChosen);
                }
            }
        }

        foreach (var text in order)
        {
            entries.Add(Entry(file, text, optional: !required[text]));
        }
    }

    private static IEnumerable<TomlString> Strings(string file, TomlNode node, string what)
    {
        if (node is not TomlArray array)
        {
            throw new DeclarationFileError(new SourceLocation(file, node.Line), $"'{what}' must be an array of strings, not {node.Kind}");
        }

        foreach (var item in array.Items)
        {
            yield return item as TomlString
                ?? throw new DeclarationFileError(new SourceLocation(file, item.Line), $"'{what}' must hold strings, not {item.Kind}");
        }
    }
}
