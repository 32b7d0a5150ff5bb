using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// Reads <c>poetry.lock</c> (lock-version 1.x, 2.0 and 2.1) and selects what <c>poetry install</c> installs by default
/// into the venv: the main group and every group <c>pyproject.toml</c> does not mark optional, no extras, markers
/// evaluated for the venv. Lock 2.1 records <c>groups</c> and <c>markers</c> per package, which Poetry 2's installer
/// reads as they are (<c>Locker.locked_packages</c>); older locks do not, and Poetry re-resolves them from the root's
/// dependencies through each package's <c>[package.dependencies]</c>, which this reader walks the same way.
/// https://github.com/python-poetry/poetry/blob/main/src/poetry/packages/locker.py,
/// https://github.com/python-poetry/poetry/blob/main/src/poetry/installation/installer.py
/// </summary>
public static class PoetryLockReader
{
    // The artifacts' hashes: `files` of each package (lock 2.x) or every key of [metadata.files] (lock 1.x).
    private static readonly TomlUnreadValues Unread = new(("package", "files"), ("metadata.files", null));

    /// <exception cref="DeclarationFileError">Not TOML, no <c>[metadata]</c>, an unknown lock-version, a package without
    /// name or version, a value of the wrong type.</exception>
    public static DeclaredSet Read(DeclarationInput input)
    {
        var file = input.File;
        var lockDocument = TomlDocument.Parse(file, input.Content, Unread);
        var metadata = lockDocument["metadata"] as TomlTable
                       ?? throw new DeclarationFileError(new SourceLocation(file, 1), "the lock has no [metadata] table (regenerate it with `poetry lock`)");
        // Poetry 1.0 wrote no lock-version; Poetry reads that as "1.0" (locker.py: metadata.get("lock-version", "1.0")).
        var lockVersion = metadata["lock-version"] switch
        {
            null => new TomlString(metadata.Line, "1.0"),
            TomlString text => text,
            var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"lock-version must be a string, not {other.Kind}"),
        };
        var era = EraOf(lockVersion.Value)
                  ?? throw new DeclarationFileError(new SourceLocation(file, lockVersion.Line),
                      $"lock-version '{lockVersion.Value}' is not one HookGuard reads (1.x, 2.0, 2.1)");

        var packages = ReadPackages(file, lockDocument);
        var pyprojectPath = (input.ProjectPath.Length == 0 ? "" : input.ProjectPath.TrimEnd('/') + "/") + "pyproject.toml";
        var pyprojectBytes = input.ReadFile(pyprojectPath);
        var pyproject = pyprojectBytes is null ? null : TomlDocument.Parse(pyprojectPath, pyprojectBytes);

        var own = new HashSet<string>(StringComparer.Ordinal);
        var poetry = (pyproject?["tool"] as TomlTable)?["poetry"] as TomlTable;
        foreach (var name in new[] { (pyproject?["project"] as TomlTable)?["name"], poetry?["name"] })
        {
            if (name is TomlString { Value.Length: > 0 } text)
            {
                own.Add(PackageName.Normalize(text.Value));
            }
        }

        IEnumerable<LockPackage> selected = packages;
        if (input.Environment is { } environment)
        {
            var groups = pyproject is null ? [] : SelectedGroups(pyproject, input.Groups);
            selected = era == LockEra.GroupsAndMarkers
                ? SelectByGroupsAndMarkers(packages, groups, environment, input.Groups)
                : pyproject is null
                    ? packages.Where(package => !package.Optional && PythonAllows(package, environment))
                    : PoetryLockGraph.Walk(file, packages, RootDependencies(pyprojectPath, pyproject, groups), environment);
        }

        var entries = selected.Select(package => LockedPackage.Entry(package.Location, package.Name, package.Version)).ToList();
        var stale = new List<StaleLock>();
        if (pyproject is not null && metadata["content-hash"] is TomlString contentHash && era != LockEra.Unknown)
        {
            var candidates = PoetryContentHash.Candidates(pyproject, poetry2: era == LockEra.GroupsAndMarkers);
            // No candidate: Python's json could not have hashed this pyproject (a date), so there is nothing to compare.
            if (candidates.Count > 0 && !candidates.Contains(contentHash.Value, StringComparer.OrdinalIgnoreCase))
            {
                stale.Add(new StaleLock(new SourceLocation(file, contentHash.Line), pyprojectPath, "its content-hash does not match pyproject.toml"));
            }
        }

        return new DeclaredSet(pyproject is null ? [file] : [file, pyprojectPath], entries)
        {
            Format = DeclarationFormat.PoetryLock,
            Tool = DeclarationTool.Poetry,
            OwnNames = own,
            Stale = stale,
        };
    }

    /// <summary>How a lock-version records what to install, and which <c>_get_content_hash</c> wrote it.</summary>
    private enum LockEra
    {
        /// <summary>1.x and 2.0 (Poetry 1.x): no groups or markers per package; Poetry 1's hash.</summary>
        Resolved,

        /// <summary>2.1 (Poetry 2): <c>groups</c> and <c>markers</c> per package; Poetry 2's hash.</summary>
        GroupsAndMarkers,

        /// <summary>A later 2.x: read as 2.1, but its hash algorithm is unknown, so no stale finding.</summary>
        Unknown,
    }

    // Locker._READ_VERSION_RANGE is ">=1,<3".
    private static LockEra? EraOf(string version)
    {
        var parts = version.Split('.');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], out var major) || (parts.Length == 2 && !int.TryParse(parts[1], out _)))
        {
            return null;
        }

        var minor = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return major switch
        {
            1 => LockEra.Resolved,
            2 when minor == 0 => LockEra.Resolved,
            2 when minor == 1 => LockEra.GroupsAndMarkers,
            2 => LockEra.Unknown,
            _ => null,
        };
    }

    private static List<LockPackage> ReadPackages(string file, TomlTable lockDocument)
    {
        var result = new List<LockPackage>();
        switch (lockDocument["package"])
        {
            case null:
                return result;
            case TomlArray array:
                foreach (var item in array.Items)
                {
                    result.Add(item is TomlTable table
                        ? LockPackage.Read(file, table)
                        : throw new DeclarationFileError(new SourceLocation(file, item.Line), $"a [[package]] must be a table, not {item.Kind}"));
                }

                return result;
            case var other:
                throw new DeclarationFileError(new SourceLocation(file, other.Line), $"'package' must be an array of tables, not {other.Kind}");
        }
    }

    /// <summary>
    /// The groups <c>poetry install</c> installs: main, the legacy dev-dependencies ("dev"), every
    /// <c>[tool.poetry.group.NAME]</c> not marked optional, and those the user chose
    /// (https://python-poetry.org/docs/managing-dependencies/#installing-group-dependencies).
    /// </summary>
    private static HashSet<string> SelectedGroups(TomlTable? pyproject, IReadOnlyList<string>? chosen)
    {
        var groups = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "main" };
        if (chosen is not null)
        {
            groups.UnionWith(chosen);
        }

        var poetry = (pyproject?["tool"] as TomlTable)?["poetry"] as TomlTable;
        if (poetry?["dev-dependencies"] is not null)
        {
            groups.Add("dev");
        }

        if (poetry?["group"] is TomlTable declared)
        {
            foreach (var (name, node) in declared.Entries)
            {
                if (node is TomlTable { } group && group["optional"] is TomlBoolean { Value: true } && chosen?.Contains(name, StringComparer.OrdinalIgnoreCase) != true)
                {
                    continue;
                }

                groups.Add(name);
            }
        }

        // Poetry 2.2+ reads PEP 735 [dependency-groups] as groups too, installed by default unless
        // [tool.poetry.group.NAME] marks them optional (found by the corpus check: a lock recording groups = ["dev"] from
        // [dependency-groups] alone).
        if (pyproject?["dependency-groups"] is TomlTable pep735)
        {
            foreach (var (name, _) in pep735.Entries)
            {
                var optional = ((poetry?["group"] as TomlTable)?[name] as TomlTable)?["optional"] is TomlBoolean { Value: true };
                if (!optional || chosen?.Contains(name, StringComparer.OrdinalIgnoreCase) == true)
                {
                    groups.Add(name);
                    groups.Add(PackageName.Normalize(name));
                }
            }
        }

        return groups;
    }

    // Locker.locked_packages: a string marker applies to every group of the package, a table gives one per group ("*" when
    // the group is missing); the installer keeps a package when the marker of one of the selected groups holds.
    private static IEnumerable<LockPackage> SelectByGroupsAndMarkers(List<LockPackage> packages, HashSet<string> groups,
        MarkerEnvironment environment, IReadOnlyList<string>? chosen)
    {
        foreach (var package in packages)
        {
            var applies = false;
            foreach (var group in package.Groups)
            {
                // Without the pyproject.toml there is no telling which groups are optional: every group counts.
                if (groups.Count > 0 && !groups.Contains(group))
                {
                    continue;
                }

                var marker = package.MarkerFor(group);
                if (marker is null || marker.Evaluate(environment)
                    || (chosen ?? []).Any(extra => marker.Evaluate(environment, PackageName.Normalize(extra))))
                {
                    applies = true;
                    break;
                }
            }

            if (applies && (!package.Optional || (chosen ?? []).Any(extra => package.MarkerMentionsExtra(extra))))
            {
                yield return package;
            }
        }
    }

    private static bool PythonAllows(LockPackage package, MarkerEnvironment environment) =>
        package.PythonVersions is not { } python || PoetryLockGraph.PythonAllows(python, environment);

    /// <summary>The root's dependencies in the selected groups, as the installer starts its resolution from them.</summary>
    private static List<PoetryDependency> RootDependencies(string file, TomlTable pyproject, HashSet<string> groups)
    {
        var roots = new List<PoetryDependency>();
        var poetry = (pyproject["tool"] as TomlTable)?["poetry"] as TomlTable;
        if (pyproject["project"] is TomlTable { } project && project["dependencies"] is TomlArray pep621)
        {
            foreach (var item in pep621.Items)
            {
                if (item is TomlString { Value: var text })
                {
                    try
                    {
                        roots.Add(new PoetryDependency(new SourceLocation(file, item.Line), Requirement.Parse(text), null, false, false));
                    }
                    catch (PackagingFormatException error)
                    {
                        throw new DeclarationFileError(new SourceLocation(file, item.Line), $"not a valid PEP 508 requirement: {error.Message}");
                    }
                }
            }
        }

        void AddTable(TomlNode? table)
        {
            if (table is not TomlTable dependencies)
            {
                return;
            }

            foreach (var (name, value) in dependencies.Entries)
            {
                if (!string.Equals(name, "python", StringComparison.OrdinalIgnoreCase))
                {
                    roots.AddRange(PoetryDependency.Read(file, name, value).Where(dependency => !dependency.IsOptional));
                }
            }
        }

        AddTable(poetry?["dependencies"]);
        AddTable(poetry?["dev-dependencies"]);
        if (poetry?["group"] is TomlTable declared)
        {
            foreach (var (name, node) in declared.Entries)
            {
                if (groups.Contains(name) && node is TomlTable group)
                {
                    AddTable(group["dependencies"]);
                }
            }
        }

        return roots;
    }
}
