using HookGuard.Core.Declarations.Pyproject;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Uv;

/// <summary>
/// Finds a <c>uv.lock</c> that no longer matches its <c>pyproject.toml</c> without running uv, the way <c>uv lock --check</c>
/// starts: uv records the root's requirements in <c>[package.metadata]</c> (<c>requires-dist</c>: <c>[project].dependencies</c>
/// and each extra's <c>optional-dependencies</c> with <c>extra == 'name'</c> added to the marker; <c>requires-dev</c>: the
/// dependency groups, include-groups expanded, plus <c>[tool.uv] dev-dependencies</c> as <c>dev</c>) and the workspace's
/// <c>requires-python</c> at the top, and relocks when they differ from the project's
/// (crates/uv-resolver/src/lock/mod.rs, <c>Lock::satisfies</c>). Requirements compare as parsed sets: names by PEP 503,
/// extras normalized, specifiers and markers by meaning (<see cref="RequirementEquivalence"/>); sources are not compared.
/// </summary>
internal static class UvStaleCheck
{
    /// <summary>One requirement as compared; <see cref="Display"/> is built only for the message of a difference.</summary>
    private sealed record Comparable(string Name, string Extras, SpecifierSet Specifier, Marker? Marker, Func<string> Display);

    /// <returns>The first difference found, or null when the lock matches.</returns>
    public static StaleLock? Check(string lockFile, UvLockFile lockModel, UvPackage? root, TomlTable pyproject, string pyprojectPath)
    {
        var project = pyproject["project"] as TomlTable;
        var requiresPython = project?["requires-python"] as TomlString;
        var allowedPythons = SpecifierSet.Any;
        if (lockModel.RequiresPython is { } recordedPython)
        {
            allowedPythons = ParseSpecifier(lockFile, recordedPython);
            // A workspace's requires-python is the intersection of its members'; one pyproject.toml cannot say it alone.
            if (requiresPython is not null && lockModel.Members.Count <= 1
                && !RequirementEquivalence.SameSpecifiers(allowedPythons, ParseSpecifier(pyprojectPath, requiresPython)))
            {
                return Stale(lockFile, recordedPython.Line, pyprojectPath,
                    $"requires-python '{recordedPython.Value}' is recorded, '{requiresPython.Value}' declared");
            }
        }

        var skipped = NamesWithSeveralSources(pyproject);
        if (root?.Metadata is { } metadata && project is not null)
        {
            var declared = DeclaredDist(pyprojectPath, project, skipped);
            var recorded = Recorded(lockFile, metadata["requires-dist"], "requires-dist", skipped);
            if (FirstDifference(declared, recorded, allowedPythons) is { } difference)
            {
                return Stale(lockFile, metadata.Line, pyprojectPath, difference);
            }

            var requiresDev = metadata["requires-dev"] as TomlTable;
            if (GroupDifference(lockFile, pyprojectPath, pyproject, requiresDev, skipped, allowedPythons) is { } groupDifference)
            {
                return Stale(lockFile, requiresDev?.Line ?? metadata.Line, pyprojectPath, groupDifference);
            }
        }
        else if (root is null && project is null && lockModel.Manifest is { } manifest
                 && GroupDifference(lockFile, pyprojectPath, pyproject, manifest["dependency-groups"] as TomlTable, skipped, allowedPythons)
                     is { } manifestDifference)
        {
            // A workspace whose root is no project: its groups are recorded in [manifest].
            return Stale(lockFile, manifest.Line, pyprojectPath, manifestDifference);
        }

        return null;
    }

    private static StaleLock Stale(string lockFile, int line, string pyprojectPath, string difference) =>
        new(new SourceLocation(lockFile, line), pyprojectPath, $"its recorded requirements do not match pyproject.toml: {difference}");

    private static string? GroupDifference(string lockFile, string pyprojectPath, TomlTable pyproject, TomlTable? recordedGroups,
        HashSet<string> skipped, SpecifierSet allowedPythons)
    {
        var declared = new Dictionary<string, List<Comparable>>(StringComparer.Ordinal);
        foreach (var group in DependencyGroups.Expand(pyprojectPath, pyproject["dependency-groups"]))
        {
            declared[group.Name] = group.Requirements.Select(text => Declared(pyprojectPath, text, null)).Where(r => !skipped.Contains(r.Name)).ToList();
        }

        // uv's legacy `[tool.uv] dev-dependencies` is the `dev` group (https://docs.astral.sh/uv/concepts/projects/dependencies/#legacy-dev-dependencies).
        if (((pyproject["tool"] as TomlTable)?["uv"] as TomlTable)?["dev-dependencies"] is TomlArray legacy)
        {
            var dev = declared.TryGetValue("dev", out var existing) ? existing : declared["dev"] = [];
            foreach (var item in legacy.Items)
            {
                if (item is TomlString text && Declared(pyprojectPath, text, null) is var requirement && !skipped.Contains(requirement.Name))
                {
                    dev.Add(requirement);
                }
            }
        }

        var recorded = new Dictionary<string, List<Comparable>>(StringComparer.Ordinal);
        foreach (var (group, items) in recordedGroups?.Entries ?? [])
        {
            recorded[PackageName.Normalize(group)] = Recorded(lockFile, items, "requires-dev", skipped);
        }

        foreach (var (group, requirements) in declared)
        {
            if (requirements.Count == 0 && !recorded.ContainsKey(group))
            {
                continue;
            }

            if (!recorded.TryGetValue(group, out var recordedGroup))
            {
                return $"group '{group}' is declared but not recorded";
            }

            if (FirstDifference(requirements, recordedGroup, allowedPythons) is { } difference)
            {
                return $"group '{group}': {difference}";
            }
        }

        foreach (var (group, requirements) in recorded)
        {
            if (!declared.ContainsKey(group) && requirements.Count > 0)
            {
                return $"group '{group}' is recorded but no longer declared";
            }
        }

        return null;
    }

    private static List<Comparable> DeclaredDist(string pyprojectPath, TomlTable project, HashSet<string> skipped)
    {
        var declared = new List<Comparable>();
        if (project["dependencies"] is TomlArray dependencies)
        {
            foreach (var item in dependencies.Items.OfType<TomlString>())
            {
                declared.Add(Declared(pyprojectPath, item, null));
            }
        }

        if (project["optional-dependencies"] is TomlTable extras)
        {
            foreach (var (extra, items) in extras.Entries)
            {
                foreach (var item in (items as TomlArray)?.Items.OfType<TomlString>() ?? [])
                {
                    declared.Add(Declared(pyprojectPath, item, PackageName.Normalize(extra)));
                }
            }
        }

        declared.RemoveAll(requirement => skipped.Contains(requirement.Name));
        return declared;
    }

    private static Comparable Declared(string pyprojectPath, TomlString text, string? extra)
    {
        var requirement = Pep621Declarations.Entry(pyprojectPath, text, optional: false).Requirement!;
        var marker = requirement.Marker;
        if (extra is not null)
        {
            marker = Marker.Parse(marker is null ? $"extra == \"{extra}\"" : $"({marker.Text}) and extra == \"{extra}\"");
        }

        return new Comparable(requirement.NormalizedName, ExtrasKey(requirement.Extras), requirement.Specifier, marker,
            () => extra is null ? $"'{text.Value}'" : $"'{text.Value}' (extra '{extra}')");
    }

    private static List<Comparable> Recorded(string lockFile, TomlNode? node, string what, HashSet<string> skipped)
    {
        var recorded = new List<Comparable>();
        if (node is null)
        {
            return recorded;
        }

        var items = node as TomlArray ?? throw Error(lockFile, node.Line, $"'{what}' must be an array, not {node.Kind}");
        foreach (var item in items.Items)
        {
            var table = item as TomlTable ?? throw Error(lockFile, item.Line, $"an item of '{what}' must be a table, not {item.Kind}");
            var name = (table["name"] as TomlString)?.Value ?? throw Error(lockFile, table.Line, $"an item of '{what}' without a name");
            var normalized = PackageName.Normalize(name);
            if (skipped.Contains(normalized))
            {
                continue;
            }

            var specifier = table["specifier"] is TomlString specifierText ? ParseSpecifier(lockFile, specifierText) : SpecifierSet.Any;
            Marker? marker = null;
            if (table["marker"] is TomlString markerText)
            {
                try
                {
                    marker = Marker.Parse(markerText.Value);
                }
                catch (PackagingFormatException error)
                {
                    throw Error(lockFile, markerText.Line, $"'{markerText.Value}' is not a valid marker: {error.Message}");
                }
            }

            var extras = (table["extras"] as TomlArray)?.Items.OfType<TomlString>().Select(extra => extra.Value).ToList() ?? [];
            recorded.Add(new Comparable(normalized, ExtrasKey(extras), specifier, marker, () =>
                $"'{name}{(extras.Count > 0 ? $"[{string.Join(',', extras)}]" : "")}{specifier.Text}{(marker is null ? "" : "; " + marker.Text)}'"));
        }

        return recorded;
    }

    private static string? FirstDifference(List<Comparable> declared, List<Comparable> recorded, SpecifierSet allowedPythons)
    {
        // Matched by name first (a lock records hundreds of requirements, most under a name of their own), then by meaning.
        var unmatched = new Dictionary<string, List<Comparable>>(recorded.Count, StringComparer.Ordinal);
        foreach (var requirement in recorded)
        {
            if (!unmatched.TryGetValue(requirement.Name, out var sameName))
            {
                unmatched[requirement.Name] = sameName = new List<Comparable>(1);
            }

            sameName.Add(requirement);
        }

        foreach (var requirement in declared)
        {
            var candidates = unmatched.GetValueOrDefault(requirement.Name);
            var match = candidates?.FindIndex(other => other.Extras == requirement.Extras
                && RequirementEquivalence.SameSpecifiers(other.Specifier, requirement.Specifier)
                && RequirementEquivalence.SameMarkers(other.Marker, requirement.Marker, allowedPythons)) ?? -1;
            if (match < 0)
            {
                return $"{requirement.Display()} is declared but not recorded";
            }

            candidates!.RemoveAt(match);
        }

        // The first left over in the lock's own order, so that the message names the same one every time.
        return recorded.FirstOrDefault(requirement => unmatched[requirement.Name].Exists(other => ReferenceEquals(other, requirement))) is { } left
            ? $"{left.Display()} is recorded but no longer declared"
            : null;
    }

    /// <summary>
    /// Names with a list of sources in <c>[tool.uv.sources]</c>: uv splits such a requirement into one per source, each
    /// with the source's marker added (https://docs.astral.sh/uv/concepts/projects/dependencies/#multiple-sources), so
    /// the recorded set cannot be compared with the declared one by parsing alone.
    /// </summary>
    private static HashSet<string> NamesWithSeveralSources(TomlTable pyproject)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if ((((pyproject["tool"] as TomlTable)?["uv"] as TomlTable)?["sources"]) is TomlTable sources)
        {
            foreach (var (name, value) in sources.Entries)
            {
                if (value is TomlArray || value is TomlTable table && table["marker"] is not null)
                {
                    names.Add(PackageName.Normalize(name));
                }
            }
        }

        return names;
    }

    private static string ExtrasKey(IReadOnlyCollection<string> extras) => extras.Count == 0
        ? ""
        : string.Join(',', extras.Select(PackageName.Normalize).Distinct().Order(StringComparer.Ordinal));

    private static SpecifierSet ParseSpecifier(string file, TomlString text)
    {
        try
        {
            return SpecifierSet.Parse(text.Value);
        }
        catch (PackagingFormatException error)
        {
            throw Error(file, text.Line, $"'{text.Value}' is not a valid version specifier: {error.Message}");
        }
    }

    private static DeclarationFileError Error(string file, int line, string message) => new(new SourceLocation(file, line), message);
}
