using HookGuard.Core.Packaging;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// For locks without per-package groups and markers (1.x, 2.0): the packages <c>poetry install</c> reaches for one
/// environment, found as Poetry 1's installer finds them, by resolving again from the root's dependencies through the
/// locked packages' <c>[package.dependencies]</c>, keeping a dependency whose marker and <c>python</c> hold for the venv,
/// an optional one only for a requested extra (<c>[package.extras]</c>), and, where marker forks locked several
/// versions of a name, the one whose version the dependency accepts and whose <c>python-versions</c> the venv meets.
/// https://github.com/python-poetry/poetry/blob/1.3.2/src/poetry/installation/installer.py (_do_install, locked repository)
/// </summary>
internal static class PoetryLockGraph
{
    public static IEnumerable<LockPackage> Walk(string file, List<LockPackage> packages, List<PoetryDependency> roots, MarkerEnvironment environment)
    {
        var byName = packages.GroupBy(package => package.NormalizedName).ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        var selected = new HashSet<LockPackage>();
        var visited = new HashSet<(LockPackage, string)>();
        var pending = new Queue<PoetryDependency>(roots);
        while (pending.TryDequeue(out var dependency))
        {
            var requirement = dependency.Requirement;
            if (requirement.Marker is { } marker && !marker.Evaluate(environment))
            {
                continue;
            }

            if (!byName.TryGetValue(requirement.NormalizedName, out var candidates))
            {
                continue; // the root itself, or a package the lock lacks (a stale lock says so through its hash)
            }

            var package = Choose(candidates, dependency, environment);
            if (package is null)
            {
                continue;
            }

            selected.Add(package);
            var extras = requirement.Extras.Select(PackageName.Normalize).Order(StringComparer.Ordinal).ToArray();
            if (!visited.Add((package, string.Join(',', extras))))
            {
                continue;
            }

            var activated = ExtraMembers(file, package, extras);
            if (package.Table["dependencies"] is TomlTable dependencies)
            {
                foreach (var (name, value) in dependencies.Entries)
                {
                    foreach (var child in PoetryDependency.Read(file, name, value))
                    {
                        if (!child.IsOptional || activated.Contains(PackageName.Normalize(name)))
                        {
                            pending.Enqueue(child);
                        }
                    }
                }
            }
        }

        // In lock order, as the lock lists them.
        return packages.Where(selected.Contains);
    }

    /// <summary>Whether the venv's Python meets a Poetry constraint such as <c>python-versions = "&gt;=3.8,&lt;4.0"</c>.</summary>
    public static bool PythonAllows(string constraint, MarkerEnvironment environment)
    {
        var ranges = PoetryConstraint.TryParse(constraint);
        var python = PoetryVersion.TryParse(environment.PythonFullVersion);
        return ranges is null || python is null || ranges.Any(range => range.Allows(python));
    }

    private static LockPackage? Choose(List<LockPackage> candidates, PoetryDependency dependency, MarkerEnvironment environment)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        LockPackage? best = null;
        foreach (var candidate in candidates)
        {
            var accepts = dependency.Requirement.Specifier.Contains(candidate.Version) && (dependency.AnyOf?.Contains(candidate.Version) ?? true);
            if (!accepts || (candidate.PythonVersions is { } python && !PythonAllows(python, environment)))
            {
                continue;
            }

            // The solver settles on one version a name: the newest the constraints allow.
            if (best is null || Compare(candidate.Version, best.Version) > 0)
            {
                best = candidate;
            }
        }

        return best ?? candidates.FirstOrDefault(candidate => candidate.PythonVersions is not { } python || PythonAllows(python, environment));
    }

    private static int Compare(string left, string right) =>
        PythonVersion.TryParse(left, out var l) && PythonVersion.TryParse(right, out var r) ? l!.CompareTo(r) : string.CompareOrdinal(left, right);

    // [package.extras]: extra -> ["name (constraint)", "name[extra] (>=1) ; marker"]; the names are what the extra adds.
    private static HashSet<string> ExtraMembers(string file, LockPackage package, string[] extras)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        if (extras.Length == 0 || package.Table["extras"] is not TomlTable table)
        {
            return members;
        }

        foreach (var (extra, node) in table.Entries)
        {
            if (!extras.Contains(PackageName.Normalize(extra)) || node is not TomlArray list)
            {
                continue;
            }

            foreach (var item in list.Items)
            {
                if (item is TomlString { Value: var text })
                {
                    var end = text.IndexOfAny([' ', '(', '[', ';', '<', '>', '=', '!', '~']);
                    members.Add(PackageName.Normalize(end < 0 ? text : text[..end]));
                }
                else
                {
                    throw new Declarations.DeclarationFileError(new Requirements.SourceLocation(file, item.Line),
                        $"package '{package.Name}': extra '{extra}' must list strings");
                }
            }
        }

        return members;
    }
}
