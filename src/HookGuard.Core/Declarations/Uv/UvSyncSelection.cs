using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations.Uv;

/// <summary>
/// The walk of a uv lock's graph that <c>uv sync</c> does to pick what to install for one interpreter
/// (crates/uv-resolver/src/lock/installable.rs, <c>Installable::to_resolution</c>): from the roots, breadth first, each
/// (package, extra) once, following the edges whose marker holds.
/// </summary>
internal sealed class UvSyncSelection(string file, UvLockFile lockFile, MarkerEnvironment environment)
{
    private readonly Dictionary<string, List<int>> _byName = Index(lockFile);
    private readonly Queue<(int Package, string? Extra)> _queue = new();
    private readonly HashSet<(int Package, string Extra)> _visited = [];
    private readonly bool[] _selected = new bool[lockFile.Packages.Count];
    private List<string> _conflictItems = [];
    // The lock's reader shares one Marker per distinct text, so most of a lock's edges hit this cache.
    private readonly Dictionary<Marker, bool> _holds = new(ReferenceEqualityComparer.Instance);

    /// <param name="roots">The projects sync starts from.</param>
    /// <param name="chosen">The groups and extras chosen, or null for uv's defaults.</param>
    /// <param name="defaultGroups">uv's default groups; null means all of them.</param>
    /// <param name="rootIsProject">Whether the workspace root is a project; if not, its groups are in the manifest.</param>
    public List<UvPackage> Select(IReadOnlyList<UvPackage> roots, IReadOnlyList<string>? chosen, IReadOnlyList<string>? defaultGroups,
        bool rootIsProject)
    {
        var chosenNames = chosen?.Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal);
        var defaults = defaultGroups?.Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal);
        var rootIndices = roots.Select(root => IndexOf(root)).ToList();

        // The items uv's conflict markers name: `extra-{len(name)}-{name}-{extra}` and `group-...` (crates/uv-pypi-types
        // /src/conflicts.rs, ConflictItem and its marker encoding).
        _conflictItems = [];
        foreach (var root in roots)
        {
            foreach (var extra in root.OptionalDependencies.Keys.Where(extra => chosenNames?.Contains(extra) == true))
            {
                _conflictItems.Add($"extra-{root.NormalizedName.Length}-{root.NormalizedName}-{extra}");
            }

            foreach (var group in root.DevDependencies.Keys.Where(group => IsGroupChosen(group, chosenNames, defaults)))
            {
                _conflictItems.Add($"group-{root.NormalizedName.Length}-{root.NormalizedName}-{group}");
            }
        }

        foreach (var index in rootIndices)
        {
            var root = lockFile.Packages[index];
            Enqueue(index, null);
            foreach (var extra in root.OptionalDependencies.Keys)
            {
                if (chosenNames?.Contains(extra) == true)
                {
                    Enqueue(index, extra);
                }
            }

            foreach (var (group, edges) in root.DevDependencies)
            {
                if (IsGroupChosen(group, chosenNames, defaults))
                {
                    Follow(edges);
                }
            }
        }

        // A root that is no project keeps its groups in the manifest, as plain requirements.
        if (!rootIsProject)
        {
            foreach (var (group, edges) in lockFile.ManifestGroups)
            {
                if (IsGroupChosen(group, chosenNames, defaults))
                {
                    Follow(edges);
                }
            }
        }

        while (_queue.Count > 0)
        {
            var (package, extra) = _queue.Dequeue();
            var node = lockFile.Packages[package];
            _selected[package] = true;
            if (extra is null)
            {
                Follow(node.Dependencies);
            }
            else if (node.OptionalDependencies.TryGetValue(extra, out var edges))
            {
                Follow(edges);
            }
        }

        var selected = new List<UvPackage>();
        for (var i = 0; i < _selected.Length; i++)
        {
            if (_selected[i])
            {
                selected.Add(lockFile.Packages[i]);
            }
        }

        return selected;
    }

    private static bool IsGroupChosen(string group, HashSet<string>? chosen, HashSet<string>? defaults) =>
        chosen is not null ? chosen.Contains(group) : defaults is null || defaults.Contains(group);

    private void Follow(IReadOnlyList<UvEdge> edges)
    {
        foreach (var edge in edges)
        {
            if (edge.Marker is { } marker && !Holds(marker, edge.Line))
            {
                continue;
            }

            var target = Resolve(edge);
            Enqueue(target, null);
            foreach (var extra in edge.Extras)
            {
                Enqueue(target, extra);
            }
        }
    }

    private void Enqueue(int package, string? extra)
    {
        if (_visited.Add((package, extra ?? "")))
        {
            _queue.Enqueue((package, extra));
        }
    }

    private bool Holds(Marker marker, int line)
    {
        try
        {
            if (_conflictItems.Count == 0)
            {
                if (!_holds.TryGetValue(marker, out var holds))
                {
                    _holds[marker] = holds = marker.Evaluate(environment);
                }

                return holds;
            }

            foreach (var item in _conflictItems)
            {
                if (marker.Evaluate(environment, item))
                {
                    return true;
                }
            }

            return false;
        }
        catch (PackagingFormatException error)
        {
            throw new DeclarationFileError(new SourceLocation(file, line), $"marker '{marker.Text}' cannot be evaluated: {error.Message}");
        }
    }

    /// <summary>The package an edge points at: by name, and in a fork by the version and source the edge carries.</summary>
    private int Resolve(UvEdge edge)
    {
        if (!_byName.TryGetValue(edge.Name, out var candidates))
        {
            throw new DeclarationFileError(new SourceLocation(file, edge.Line), $"a dependency on '{edge.Name}', which the lock has no package for");
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var matching = candidates.Where(index =>
        {
            var package = lockFile.Packages[index];
            return (edge.Version is null || package.Version == edge.Version)
                   && (edge.SourceKey is null || package.SourceKey == edge.SourceKey);
        }).ToList();
        if (matching.Count > 1)
        {
            // An edge without a version in a fork (a manifest requirement): the fork whose resolution-markers hold.
            var forked = matching.Where(index => lockFile.Packages[index].ResolutionMarkers.Any(marker => marker.Evaluate(environment))).ToList();
            if (forked.Count > 0)
            {
                matching = forked;
            }
        }

        return matching.Count switch
        {
            1 => matching[0],
            0 => throw new DeclarationFileError(new SourceLocation(file, edge.Line),
                $"a dependency on '{edge.Name}' {edge.Version}, which the lock has no package for"),
            _ => throw new DeclarationFileError(new SourceLocation(file, edge.Line),
                $"a dependency on '{edge.Name}' that matches {matching.Count} of its packages; uv writes version and source to tell them apart"),
        };
    }

    private int IndexOf(UvPackage package)
    {
        for (var i = 0; i < lockFile.Packages.Count; i++)
        {
            if (ReferenceEquals(lockFile.Packages[i], package))
            {
                return i;
            }
        }

        throw new InvalidOperationException("a root that is not in the lock");
    }

    private static Dictionary<string, List<int>> Index(UvLockFile lockFile)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < lockFile.Packages.Count; i++)
        {
            var name = lockFile.Packages[i].NormalizedName;
            if (!index.TryGetValue(name, out var list))
            {
                index[name] = list = [];
            }

            list.Add(i);
        }

        return index;
    }
}
