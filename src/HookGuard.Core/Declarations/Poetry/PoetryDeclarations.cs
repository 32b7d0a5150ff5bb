using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// The direct dependencies <c>[tool.poetry]</c> declares (policy <c>top-level</c>): <c>dependencies</c> (less
/// <c>python</c>), the legacy <c>dev-dependencies</c>, and <c>group.NAME.dependencies</c>. What <c>poetry install</c>
/// installs by default is required: the main group and every group not marked <c>optional = true</c>
/// (https://python-poetry.org/docs/managing-dependencies/#optional-groups); an optional group and an optional dependency
/// (an extra, https://python-poetry.org/docs/pyproject/#extras) are <see cref="RequirementEntry.Optional"/> unless named
/// in the chosen groups.
/// </summary>
public static class PoetryDeclarations
{
    /// <param name="file">The pyproject.toml, repo-relative, for locations.</param>
    /// <param name="document">The parsed pyproject.toml.</param>
    /// <param name="groups">Poetry groups and extras the user chose; null for what <c>poetry install</c> installs.</param>
    /// <exception cref="DeclarationFileError">A table of the wrong type or a constraint Poetry cannot parse.</exception>
    public static IReadOnlyList<RequirementEntry> Read(string file, TomlTable document, IReadOnlyList<string>? groups)
    {
        if ((document["tool"] as TomlTable)?["poetry"] is not TomlTable poetry)
        {
            return [];
        }

        var chosen = new HashSet<string>(groups ?? [], StringComparer.OrdinalIgnoreCase);
        var entries = new List<RequirementEntry>();
        var extrasOf = ExtrasOf(file, poetry);
        var (requiredMain, optionalMain) = MainDependenciesCount(document["project"] as TomlTable);

        if (Table(file, poetry, "dependencies") is { } main)
        {
            foreach (var (name, value) in main.Entries)
            {
                if (string.Equals(name, "python", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var dependency in PoetryDependency.Read(file, name, value))
                {
                    if (!(dependency.IsOptional ? optionalMain : requiredMain))
                    {
                        continue;
                    }

                    var optional = dependency.IsOptional
                                   && !(extrasOf.TryGetValue(Packaging.PackageName.Normalize(name), out var extras) && extras.Any(chosen.Contains));
                    entries.Add(Entry(dependency, optional));
                }
            }
        }

        // Poetry < 1.2's dev-dependencies are the "dev" group, installed by default.
        AddGroup(file, entries, Table(file, poetry, "dev-dependencies"), optional: false);

        if (Table(file, poetry, "group") is { } groupTables)
        {
            foreach (var (name, node) in groupTables.Entries)
            {
                if (node is not TomlTable group)
                {
                    throw new DeclarationFileError(new SourceLocation(file, node.Line), $"[tool.poetry.group.{name}] must be a table, not {node.Kind}");
                }

                var isOptional = group["optional"] switch
                {
                    null => false,
                    TomlBoolean flag => flag.Value,
                    var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"[tool.poetry.group.{name}] optional must be true or false"),
                };
                AddGroup(file, entries, Table(file, group, "dependencies"), isOptional && !chosen.Contains(name));
            }
        }

        return entries;
    }

    /// <summary>
    /// Which of <c>[tool.poetry.dependencies]</c> declare packages (required ones, optional ones). Poetry 2 reads
    /// <c>[project]</c> first: where <c>[project].dependencies</c> or <c>optional-dependencies</c> exist, the
    /// <c>[tool.poetry.dependencies]</c> of the same packages only add information (source, develop, markers) for locking,
    /// and are no new requirements; only when <c>[project].dynamic</c> names them does Poetry take the required ones (if
    /// <c>[project]</c> has only optional ones) or the optional ones (if it has only required ones) from the tool table.
    /// The PEP 621 reader declares the <c>[project]</c> side.
    /// https://github.com/python-poetry/poetry-core/blob/main/src/poetry/core/packages/dependency_group.py
    /// (<c>DependencyGroup.dependencies</c>, "legacy mode" and <c>_mixed_dynamic</c>)
    /// </summary>
    private static (bool Required, bool Optional) MainDependenciesCount(TomlTable? project)
    {
        var hasRequired = project?["dependencies"] is TomlArray { Items.Count: > 0 };
        var hasOptional = project?["optional-dependencies"] is TomlTable { Entries.Count: > 0 };
        if (!hasRequired && !hasOptional)
        {
            return (true, true); // legacy mode: [tool.poetry.dependencies] is the declaration.
        }

        var dynamic = project?["dynamic"] is TomlArray array
            && array.Items.Any(item => item is TomlString { Value: "dependencies" or "optional-dependencies" });
        if (!dynamic)
        {
            return (false, false);
        }

        return (!hasRequired, !hasOptional);
    }

    private static void AddGroup(string file, List<RequirementEntry> entries, TomlTable? dependencies, bool optional)
    {
        if (dependencies is null)
        {
            return;
        }

        foreach (var (name, value) in dependencies.Entries)
        {
            foreach (var dependency in PoetryDependency.Read(file, name, value))
            {
                entries.Add(Entry(dependency, optional || dependency.IsOptional));
            }
        }
    }

    private static RequirementEntry Entry(PoetryDependency dependency, bool optional)
    {
        var requirement = dependency.Requirement;
        var text = requirement.Name
                   + (requirement.Extras.Count > 0 ? "[" + string.Join(',', requirement.Extras) + "]" : "")
                   + (requirement.Url is { } url ? " @ " + url : dependency.AnyOf is { } union ? " (" + union + ")" : requirement.Specifier.Text)
                   + (requirement.Marker is { } marker ? " ; " + marker.Text : "");
        return new RequirementEntry(dependency.Location, requirement, text, dependency.Develop, [])
        {
            Optional = optional,
            AnyOf = dependency.AnyOf,
        };
    }

    /// <summary><c>[tool.poetry.extras]</c>: for each optional package (PEP 503 name), the extras that install it.</summary>
    private static Dictionary<string, List<string>> ExtrasOf(string file, TomlTable poetry)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (Table(file, poetry, "extras") is not { } extras)
        {
            return result;
        }

        foreach (var (extra, node) in extras.Entries)
        {
            if (node is not TomlArray members)
            {
                throw new DeclarationFileError(new SourceLocation(file, node.Line), $"extra '{extra}' must be a list of package names");
            }

            foreach (var member in members.Items)
            {
                if (member is not TomlString { Value: var package })
                {
                    throw new DeclarationFileError(new SourceLocation(file, member.Line), $"extra '{extra}': package names must be strings");
                }

                // An extra may name "package[its-extra]"; the package is what it makes installed.
                var bare = package.Split('[')[0].Trim();
                var key = Packaging.PackageName.Normalize(bare);
                if (!result.TryGetValue(key, out var list))
                {
                    result[key] = list = [];
                }

                list.Add(extra);
            }
        }

        return result;
    }

    private static TomlTable? Table(string file, TomlTable parent, string key) => parent[key] switch
    {
        null => null,
        TomlTable table => table,
        var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"'{key}' must be a table, not {other.Kind}"),
    };
}
