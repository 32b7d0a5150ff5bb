using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pylock;

/// <summary>
/// Reads a PEP 751 lock, <c>pylock.toml</c> or <c>pylock.NAME.toml</c>
/// (https://packaging.python.org/en/latest/specifications/pylock-toml/), and selects as an installer must: every
/// <c>[[packages]]</c> entry whose <c>marker</c> holds for the venv, with PEP 751's <c>extras</c> (the chosen extras, none
/// by default) and <c>dependency_groups</c> (the chosen groups, <c>default-groups</c> by default), and whose
/// <c>requires-python</c> admits it. The lock is flat: no graph is walked.
/// </summary>
/// <remarks>
/// Chosen names (<see cref="DeclarationInput.Groups"/>) go to <c>extras</c> when the lock lists them among its
/// <c>extras</c>, to <c>dependency_groups</c> when among its <c>dependency-groups</c>, and to both when it lists neither.
/// A lock-version 1.x newer than 1.0 is read as 1.0: the specification says installers may, as minor versions only add.
/// Editable directory packages (the project itself, as uv and pip lock it) are own names.
/// </remarks>
public static class PylockReader
{
    // The artifacts of each package (PEP 751 packages.sdist, packages.wheels): only whether they are there matters here.
    private static readonly TomlUnreadValues Unread = new(("packages", "sdist"), ("packages", "wheels"));

    private static readonly HashSet<string> NoNames = [];

    /// <exception cref="DeclarationFileError">
    /// Invalid TOML, a lock-version whose major is not 1, a missing name or required version, a wrong type, an invalid
    /// marker; and a venv that matches none of the lock's <c>environments</c> or its <c>requires-python</c>, or for which two
    /// packages of one name apply (an installer must refuse then, PEP 751 "Installers").
    /// </exception>
    public static DeclaredSet Read(DeclarationInput input)
    {
        var file = input.File;
        var document = TomlDocument.Parse(file, input.Content, Unread);
        var reader = new Reader(file);

        var version = reader.RequiredString(document, "lock-version", 1);
        var dot = version.Value.IndexOf('.');
        if (dot <= 0 || !int.TryParse(version.Value.AsSpan(0, dot), out var major) || !int.TryParse(version.Value.AsSpan(dot + 1), out _))
        {
            throw reader.Error(version.Line, $"lock-version '{version.Value}' is not MAJOR.MINOR");
        }

        if (major != 1)
        {
            throw reader.Error(version.Line, $"lock-version {version.Value} is not one HookGuard reads (PEP 751 lock-version 1.x)");
        }

        var createdBy = reader.RequiredString(document, "created-by", 1);
        var lockExtras = reader.Names(document, "extras");
        var lockGroups = reader.Names(document, "dependency-groups");
        var defaultGroups = reader.Names(document, "default-groups");
        var environments = reader.Markers(document, "environments");
        var requiresPython = reader.OptionalSpecifier(document, "requires-python");

        var environment = input.Environment;
        if (environment is not null)
        {
            if (environments.Count > 0 && !environments.Any(marker => reader.Holds(marker.Marker, marker.Line, environment, NoNames, NoNames)))
            {
                throw reader.Error(environments[0].Line, $"the venv (Python {environment.PythonFullVersion}, {environment.SysPlatform}) matches none of the lock's environments");
            }

            if (requiresPython is { } python && !python.Specifier.Contains(environment.PythonFullVersion))
            {
                throw reader.Error(python.Line, $"the venv's Python {environment.PythonFullVersion} is not in the lock's requires-python '{python.Specifier}'");
            }
        }

        var (extras, groups) = Chosen(input.Groups, lockExtras, lockGroups, defaultGroups);
        var packagesNode = document["packages"] ?? throw reader.Error(1, "no [[packages]] (PEP 751 requires the key)");
        var packages = reader.Array(packagesNode, "packages");
        var entries = new List<RequirementEntry>(packages.Items.Count);
        var own = new HashSet<string>(StringComparer.Ordinal);
        var selectedNames = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in packages.Items)
        {
            var package = reader.Table(item, "packages");
            var nameNode = reader.RequiredString(package, "name", package.Line);
            var name = nameNode.Value;
            if (!PackageName.IsValid(name))
            {
                throw reader.Error(nameNode.Line, $"'{name}' is not a valid package name");
            }

            var packageVersion = reader.OptionalString(package, "version")?.Value;
            var isSourceTree = package["vcs"] is not null || package["directory"] is not null || package["archive"] is not null;
            if (packageVersion is null && !isSourceTree)
            {
                // "The version MUST be specified when ... an sdist or wheels are specified" (packages.version).
                throw reader.Error(package.Line, $"package '{name}' has no version, which PEP 751 requires unless it is a vcs, directory or archive");
            }

            var marker = reader.OptionalMarker(package, "marker");
            var packagePython = reader.OptionalSpecifier(package, "requires-python");
            if (environment is not null)
            {
                if (marker is { } m && !reader.Holds(m.Marker, m.Line, environment, extras, groups))
                {
                    continue;
                }

                if (packagePython is { } p && !p.Specifier.Contains(environment.PythonFullVersion))
                {
                    continue;
                }

                var normalized = PackageName.Normalize(name);
                if (selectedNames.TryGetValue(normalized, out var firstLine))
                {
                    throw reader.Error(package.Line, $"two packages named '{name}' apply to this venv (the other at line {firstLine})");
                }

                selectedNames.Add(normalized, package.Line);
            }

            // The project itself: an editable directory (uv), or the lock's own directory, editable or not (pip lock
            // writes `[packages.directory] path = "."` for the project it locked).
            if (package["directory"] is TomlTable directory
                && (directory["editable"] is TomlBoolean { Value: true } || directory["path"] is TomlString { Value: "." or "./" }))
            {
                own.Add(PackageName.Normalize(name));
                continue;
            }

            var location = new SourceLocation(file, package.Line);
            entries.Add(packageVersion is null
                // A source tree: "the version MUST NOT be included when it cannot be guaranteed", so any version is it.
                ? new RequirementEntry(location, new Requirement(name, [], SpecifierSet.Any, null, null), name, false, [])
                : LockedPackage.Entry(location, name, packageVersion));
        }

        return new DeclaredSet([file], entries)
        {
            Format = DeclarationFormat.Pylock,
            Tool = PylockTool.For(file, createdBy.Value),
            OwnNames = own,
        };
    }

    private static (HashSet<string> Extras, HashSet<string> Groups) Chosen(
        IReadOnlyList<string>? chosen, HashSet<string> lockExtras, HashSet<string> lockGroups, HashSet<string> defaultGroups)
    {
        if (chosen is null)
        {
            return ([], new HashSet<string>(defaultGroups, StringComparer.Ordinal));
        }

        var extras = new HashSet<string>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in chosen.Select(PackageName.Normalize))
        {
            var known = false;
            if (lockExtras.Contains(name))
            {
                extras.Add(name);
                known = true;
            }

            if (lockGroups.Contains(name))
            {
                groups.Add(name);
                known = true;
            }

            if (!known)
            {
                extras.Add(name);
                groups.Add(name);
            }
        }

        return (extras, groups);
    }

    /// <summary>Reads values of the types PEP 751 gives, or fails at their line.</summary>
    private sealed class Reader(string file)
    {
        public TomlString RequiredString(TomlTable table, string key, int line) =>
            OptionalString(table, key) ?? throw Error(line, $"no '{key}' (PEP 751 requires it)");

        public TomlString? OptionalString(TomlTable table, string key) =>
            table[key] is { } node ? node as TomlString ?? throw Error(node.Line, $"'{key}' must be a string, not {node.Kind}") : null;

        public HashSet<string> Names(TomlTable table, string key)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (table[key] is { } node)
            {
                foreach (var item in Array(node, key).Items)
                {
                    names.Add(PackageName.Normalize(item as TomlString is { } text ? text.Value : throw Error(item.Line, $"'{key}' must hold strings, not {item.Kind}")));
                }
            }

            return names;
        }

        public List<(Marker Marker, int Line)> Markers(TomlTable table, string key)
        {
            var markers = new List<(Marker, int)>();
            if (table[key] is { } node)
            {
                foreach (var item in Array(node, key).Items)
                {
                    markers.Add((ParseMarker(item as TomlString ?? throw Error(item.Line, $"'{key}' must hold strings, not {item.Kind}")), item.Line));
                }
            }

            return markers;
        }

        public (Marker Marker, int Line)? OptionalMarker(TomlTable table, string key) =>
            OptionalString(table, key) is { } text ? (ParseMarker(text), text.Line) : null;

        public (SpecifierSet Specifier, int Line)? OptionalSpecifier(TomlTable table, string key)
        {
            if (OptionalString(table, key) is not { } text)
            {
                return null;
            }

            try
            {
                return (SpecifierSet.Parse(text.Value), text.Line);
            }
            catch (PackagingFormatException error)
            {
                throw Error(text.Line, $"'{text.Value}' is not a valid version specifier: {error.Message}");
            }
        }

        public bool Holds(Marker marker, int line, MarkerEnvironment environment, IReadOnlySet<string> extras, IReadOnlySet<string> groups)
        {
            try
            {
                return marker.Evaluate(environment, extras, groups);
            }
            catch (PackagingFormatException error)
            {
                throw Error(line, $"marker '{marker.Text}' cannot be evaluated: {error.Message}");
            }
        }

        public TomlArray Array(TomlNode node, string what) =>
            node as TomlArray ?? throw Error(node.Line, $"'{what}' must be an array, not {node.Kind}");

        public TomlTable Table(TomlNode node, string what) =>
            node as TomlTable ?? throw Error(node.Line, $"an item of '{what}' must be a table, not {node.Kind}");

        public DeclarationFileError Error(int line, string message) => new(new SourceLocation(file, line), message);

        private Marker ParseMarker(TomlString text)
        {
            try
            {
                return Marker.ParseLockFile(text.Value);
            }
            catch (PackagingFormatException error)
            {
                throw Error(text.Line, $"'{text.Value}' is not a valid marker: {error.Message}");
            }
        }
    }
}
