using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Uv;

/// <summary>Where a locked package comes from: the key of its <c>source</c> table.</summary>
internal enum UvSourceKind
{
    None,
    Registry,
    Editable,
    Virtual,
    Directory,
    Path,
    Git,
    Url,
}

/// <summary>
/// An edge of the lock's graph: one item of a package's <c>dependencies</c>, <c>optional-dependencies</c> or
/// <c>dev-dependencies</c>. In a forked resolution, where the lock holds several versions of a name, uv writes the
/// target's <c>version</c> and <c>source</c> on the edge (crates/uv-resolver/src/lock/mod.rs, <c>Dependency::to_toml</c>).
/// </summary>
internal sealed record UvEdge(string Name, string? Version, string? SourceKey, Marker? Marker, IReadOnlyList<string> Extras, int Line);

/// <summary>One <c>[[package]]</c> of a <c>uv.lock</c>.</summary>
internal sealed record UvPackage(
    string Name,
    string NormalizedName,
    string? Version,
    int Line,
    UvSourceKind Source,
    string? SourceKey,
    IReadOnlyList<UvEdge> Dependencies,
    IReadOnlyDictionary<string, IReadOnlyList<UvEdge>> OptionalDependencies,
    IReadOnlyDictionary<string, IReadOnlyList<UvEdge>> DevDependencies,
    IReadOnlyList<Marker> ResolutionMarkers,
    TomlTable? Metadata)
{
    /// <summary>The project itself or a workspace member (or a path dependency installed editable): never drift.</summary>
    public bool IsLocalProject => Source is UvSourceKind.Editable or UvSourceKind.Virtual;
}

/// <summary>
/// A parsed <c>uv.lock</c> (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile): its top-level keys, the
/// workspace manifest and every package, checked for the types uv writes.
/// </summary>
internal sealed record UvLockFile(
    TomlString? RequiresPython,
    IReadOnlyList<string> Members,
    IReadOnlyDictionary<string, IReadOnlyList<UvEdge>> ManifestGroups,
    TomlTable? Manifest,
    IReadOnlyList<UvPackage> Packages)
{
    /// <exception cref="DeclarationFileError">A version other than 1, a missing name, a wrong type, an invalid marker.</exception>
    public static UvLockFile Parse(string file, TomlTable document)
    {
        // uv reads only lock version 1; `revision` counts compatible changes within it
        // (https://docs.astral.sh/uv/concepts/resolution/#lockfile-versioning).
        switch (document["version"])
        {
            case null:
                throw new DeclarationFileError(new SourceLocation(file, 1), "no lock 'version' (uv writes version = 1)");
            case TomlInteger { Value: 1 }:
                break;
            case TomlInteger other:
                throw new DeclarationFileError(new SourceLocation(file, other.Line),
                    $"lock version {other.Value} is not one HookGuard reads (uv.lock version 1)");
            case var wrong:
                throw new DeclarationFileError(new SourceLocation(file, wrong.Line), $"'version' must be an integer, not {wrong.Kind}");
        }

        var reader = new Reader(file);
        var requiresPython = reader.OptionalString(document, "requires-python");
        var manifest = reader.OptionalTable(document, "manifest");
        var members = new List<string>();
        var manifestGroups = new Dictionary<string, IReadOnlyList<UvEdge>>(StringComparer.Ordinal);
        if (manifest is not null)
        {
            if (manifest["members"] is { } memberList)
            {
                foreach (var member in reader.Array(memberList, "manifest.members").Items)
                {
                    members.Add(PackageName.Normalize(reader.String(member, "manifest.members")));
                }
            }

            // A workspace whose root is no project records the root's [dependency-groups] here, as requirements.
            if (reader.OptionalTable(manifest, "dependency-groups") is { } groups)
            {
                foreach (var (group, items) in groups.Entries)
                {
                    manifestGroups[PackageName.Normalize(group)] = reader.Edges(items, "manifest.dependency-groups", extrasKey: "extras");
                }
            }
        }

        var packages = new List<UvPackage>();
        if (document["package"] is { } packageArray)
        {
            foreach (var item in reader.Array(packageArray, "package").Items)
            {
                packages.Add(reader.Package(reader.Table(item, "package")));
            }
        }
        else if (document["distribution"] is { } early)
        {
            // uv 0.2 wrote [[distribution]] before it settled on [[package]], with the same version = 1.
            throw new DeclarationFileError(new SourceLocation(file, early.Line),
                "this uv.lock uses [[distribution]], a pre-release format uv no longer reads; run 'uv lock'");
        }

        return new UvLockFile(requiresPython, members, manifestGroups, manifest, packages);
    }

    /// <summary>Reads values of the types uv writes, or fails at their line.</summary>
    private sealed class Reader(string file)
    {
        private static readonly IReadOnlyDictionary<string, IReadOnlyList<UvEdge>> NoEdgeGroups =
            System.Collections.ObjectModel.ReadOnlyDictionary<string, IReadOnlyList<UvEdge>>.Empty;

        // A lock repeats a few marker texts on hundreds of edges: each is parsed once, and the selection, which caches
        // evaluations by instance, evaluates it once.
        private readonly Dictionary<string, Marker> _markers = new(StringComparer.Ordinal);
        private readonly System.Text.StringBuilder _sourceKey = new();

        public UvPackage Package(TomlTable table)
        {
            var nameNode = table["name"] ?? throw Error(table.Line, "a [[package]] without a name");
            var name = String(nameNode, "name");
            if (!PackageName.IsValid(name))
            {
                throw Error(nameNode.Line, $"'{name}' is not a valid package name");
            }

            var version = OptionalString(table, "version")?.Value;
            var (source, sourceKey) = Source(table["source"]);
            if (version is null && source is UvSourceKind.Registry)
            {
                throw Error(table.Line, $"package '{name}' comes from a registry but has no version");
            }

            var optional = NoEdgeGroups;
            if (OptionalTable(table, "optional-dependencies") is { } extras)
            {
                optional = EdgeGroups(extras, "optional-dependencies");
            }

            var dev = NoEdgeGroups;
            if (OptionalTable(table, "dev-dependencies") is { } groups)
            {
                dev = EdgeGroups(groups, "dev-dependencies");
            }

            IReadOnlyList<Marker> resolutionMarkers = [];
            if (table["resolution-markers"] is { } markers)
            {
                var items = Array(markers, "resolution-markers").Items;
                var parsed = new Marker[items.Count];
                for (var i = 0; i < parsed.Length; i++)
                {
                    parsed[i] = Marker(items[i]);
                }

                resolutionMarkers = parsed;
            }

            var dependencies = table["dependencies"] is { } list ? Edges(list, "dependencies", extrasKey: "extra") : [];
            return new UvPackage(name, PackageName.Normalize(name), version, table.Line, source, sourceKey, dependencies,
                optional, dev, resolutionMarkers, OptionalTable(table, "metadata"));
        }

        private Dictionary<string, IReadOnlyList<UvEdge>> EdgeGroups(TomlTable table, string what)
        {
            var groups = new Dictionary<string, IReadOnlyList<UvEdge>>(table.Entries.Count, StringComparer.Ordinal);
            foreach (var (group, edges) in table.Entries)
            {
                groups[PackageName.Normalize(group)] = Edges(edges, what, extrasKey: "extra");
            }

            return groups;
        }

        public IReadOnlyList<UvEdge> Edges(TomlNode node, string what, string extrasKey)
        {
            var items = Array(node, what).Items;
            var edges = new UvEdge[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var table = Table(items[i], what);
                var name = String(table["name"] ?? throw Error(table.Line, $"an item of '{what}' without a name"), "name");
                var marker = table["marker"] is { } markerNode ? Marker(markerNode) : null;
                IReadOnlyList<string> extras = [];
                if (table[extrasKey] is { } extraNode)
                {
                    var extraItems = Array(extraNode, extrasKey).Items;
                    var names = new string[extraItems.Count];
                    for (var j = 0; j < names.Length; j++)
                    {
                        names[j] = PackageName.Normalize(String(extraItems[j], extrasKey));
                    }

                    extras = names;
                }

                var sourceKey = table["source"] is { } source ? Source(source).Key : null;
                edges[i] = new UvEdge(PackageName.Normalize(name), OptionalString(table, "version")?.Value, sourceKey, marker, extras, table.Line);
            }

            return edges;
        }

        private (UvSourceKind Kind, string? Key) Source(TomlNode? node)
        {
            if (node is null)
            {
                return (UvSourceKind.None, null);
            }

            var table = Table(node, "source");
            var kind = UvSourceKind.None;
            var key = _sourceKey.Clear();
            foreach (var (name, value) in table.Entries)
            {
                // The kinds of crates/uv-resolver/src/lock/mod.rs `SourceWire`.
                kind = kind != UvSourceKind.None ? kind : name switch
                {
                    "registry" => UvSourceKind.Registry,
                    "editable" => UvSourceKind.Editable,
                    "virtual" => UvSourceKind.Virtual,
                    "directory" => UvSourceKind.Directory,
                    "path" => UvSourceKind.Path,
                    "git" => UvSourceKind.Git,
                    "url" => UvSourceKind.Url,
                    _ => UvSourceKind.None,
                };
                key.Append(name).Append('=').Append((value as TomlString)?.Value).Append('\n');
            }

            return (kind, key.ToString());
        }

        private Marker Marker(TomlNode node)
        {
            var text = String(node, "marker");
            if (_markers.TryGetValue(text, out var known))
            {
                return known;
            }

            try
            {
                return _markers[text] = Packaging.Marker.Parse(text);
            }
            catch (PackagingFormatException error)
            {
                throw Error(node.Line, $"'{text}' is not a valid marker: {error.Message}");
            }
        }

        public TomlString? OptionalString(TomlTable table, string key) =>
            table[key] is { } node ? node as TomlString ?? throw Error(node.Line, $"'{key}' must be a string, not {node.Kind}") : null;

        public TomlTable? OptionalTable(TomlTable table, string key) =>
            table[key] is { } node ? Table(node, key) : null;

        public string String(TomlNode node, string what) =>
            (node as TomlString ?? throw Error(node.Line, $"'{what}' must be a string, not {node.Kind}")).Value;

        public TomlArray Array(TomlNode node, string what) =>
            node as TomlArray ?? throw Error(node.Line, $"'{what}' must be an array, not {node.Kind}");

        public TomlTable Table(TomlNode node, string what) =>
            node as TomlTable ?? throw Error(node.Line, $"'{what}' must be a table, not {node.Kind}");

        private DeclarationFileError Error(int line, string message) => new(new SourceLocation(file, line), message);
    }
}
