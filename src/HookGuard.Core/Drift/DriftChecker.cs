using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Projects;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Drift;

/// <summary>
/// Compares what a project declares with what its venv holds (SPEC 4.6) and lists the differences.
/// </summary>
/// <remarks>
/// Decisions, each as pip would behave when a deploy pipeline runs <c>pip install -r requirements.txt</c> on an
/// interpreter like the venv's:
/// <list type="bullet">
/// <item>Names compare PEP 503 normalized; the first distribution of a name on <c>sys.path</c> is the installed one.</item>
/// <item>A requirement whose marker is false for the venv declares nothing: pip prints "Ignoring foo: markers ... don't
/// match your environment" and installs nothing. So <c>foo==1.0; python_version&lt;'3'</c> on a 3.11 venv is neither
/// not-installed nor a version mismatch, and an installed <c>foo</c> is undeclared: the pipeline would not install it.</item>
/// <item>Every applicable line is checked on its own, so a name declared twice must be accepted by both lines.</item>
/// <item>Constraint (<c>-c</c>) lines declare nothing, but a distribution that is declared (or, under top-level, needed)
/// must be installed at a version they accept: otherwise pip would install another one.</item>
/// <item>Direct references (<c>name @ url</c>) and editable lines are satisfied by any installed version: their
/// specifier is empty, and pip does not compare versions for them either.</item>
/// <item>Lines without a name (<c>-e .</c>, <c>./libs/x</c>, a URL without <c>#egg=</c>) match the installed
/// distributions whose PEP 610 <c>direct_url.json</c> points at the same place; an unresolvable relative path (no project
/// directory known) is not judged.</item>
/// <item>The project's own install (editable or from its directory) is never drift, declared or not.</item>
/// <item>Ignored names (config <c>ignore</c>) never give a finding, but still count as declared roots for
/// <see cref="Policy.TopLevel"/>, so what they need is needed.</item>
/// <item>An undeclared distribution is reported against the first root requirement file with line 0: it concerns the file
/// as a whole (it is missing from it), and reporters show it without a line.</item>
/// <item>A lock's stale finding comes first: until the lock is refreshed, the rest compares with an outdated lock.</item>
/// <item>An <see cref="RequirementEntry.Optional"/> declaration (an extra, a group not installed by default) that is not
/// installed is no drift; installed, it covers the distribution and its version is checked.</item>
/// <item>Findings come in declaration order (file order of the declared set, then line), then undeclared ones by
/// normalized name: the same inputs always give the same report.</item>
/// </list>
/// </remarks>
public static class DriftChecker
{
    public static DriftReport Compare(
        DeclaredSet declared,
        InstalledSet installed,
        Policy policy,
        IReadOnlySet<string> ignore,
        ProjectIdentity project)
    {
        var environment = installed.Environment;
        // Distributions pip freeze hides (pip, and setuptools/wheel where that pip hides them) are still installed: a
        // line that declares one is satisfied by it, and top-level walks through it. Only undeclared-ness ignores them.
        var byName = new Dictionary<string, InstalledDistribution>(StringComparer.Ordinal);
        foreach (var distribution in installed.Distributions.Concat(installed.Hidden))
        {
            byName.TryAdd(distribution.NormalizedName, distribution);
        }

        var ignored = new HashSet<string>(ignore.Select(PackageName.Normalize), StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var roots = new List<(InstalledDistribution Distribution, IReadOnlyList<string> Extras)>();
        var findings = new List<Finding>();

        foreach (var own in OwnInstalls(installed, project))
        {
            covered.Add(own.NormalizedName);
            roots.Add((own, []));
        }

        // The project's own packages as its lock or pyproject.toml names them (uv's workspace members, Poetry's root).
        foreach (var name in declared.OwnNames)
        {
            if (byName.TryGetValue(name, out var own) && covered.Add(name))
            {
                roots.Add((own, []));
            }
        }

        foreach (var entry in declared.Requirements)
        {
            if (entry.Requirement is { } requirement)
            {
                CheckNamed(entry, requirement);
            }
            else
            {
                CheckUnnamed(entry);
            }
        }

        // What the declaration names itself, before top-level adds what those need: an import is only safe from what is
        // named (a dependency of a dependency can go at its next release). Ignored names count: they are the user's call.
        var named = new HashSet<string>(covered, StringComparer.Ordinal);
        named.UnionWith(ignored);
        if (policy == Policy.TopLevel)
        {
            covered.UnionWith(NeededBy(roots, byName, environment));
        }

        foreach (var constraint in declared.Constraints)
        {
            CheckConstraint(constraint);
        }

        var rootFile = declared.Files.Count > 0 ? declared.Files[0] : RepoPath.Join(project.ProjectPath, "requirements.txt");
        var undeclared = installed.Distributions.DistinctBy(distribution => distribution.NormalizedName)
            .Where(distribution => !covered.Contains(distribution.NormalizedName) && !ignored.Contains(distribution.NormalizedName))
            .OrderBy(distribution => distribution.NormalizedName, StringComparer.Ordinal)
            .Select(distribution => new Finding(
                FindingKind.Undeclared, distribution.Name, distribution.Version, null, new SourceLocation(rootFile, 0)));

        var fileOrder = declared.Files.Select((file, index) => (file, index)).ToDictionary(pair => pair.file, pair => pair.index);
        var ordered = findings
            .OrderBy(finding => fileOrder.GetValueOrDefault(finding.Location.File, int.MaxValue))
            .ThenBy(finding => finding.Location.File, StringComparer.Ordinal)
            .ThenBy(finding => finding.Location.Line)
            .Concat(undeclared)
            .ToArray();

        var stale = declared.Stale.Select(lockFile => new Finding(FindingKind.StaleLock, lockFile.DeclarationFile, null, null, lockFile.Location)
        {
            Reason = lockFile.Reason,
        });

        return new DriftReport(project.ProjectPath, installed.VenvPath, declared.Files, stale.Concat(ordered).ToArray())
        {
            Policy = policy,
            Format = declared.Format,
            Tool = declared.Tool,
            Named = named,
        };

        void CheckNamed(RequirementEntry entry, Requirement requirement)
        {
            if (requirement.Marker is { } marker && !AppliesTo(entry, marker, environment))
            {
                return;
            }

            var name = requirement.NormalizedName;
            if (!byName.TryGetValue(name, out var distribution))
            {
                // An extra or a group the tool does not install by default: declared, but its absence is no drift.
                if (!ignored.Contains(name) && !entry.Optional)
                {
                    findings.Add(new Finding(FindingKind.NotInstalled, requirement.Name, null, entry, entry.Location));
                }

                return;
            }

            covered.Add(name);
            roots.Add((distribution, requirement.Extras));
            var versionMatters = requirement.Url is null && !entry.Editable;
            if (versionMatters && !ignored.Contains(name) && !Accepts(entry, requirement, distribution.Version))
            {
                findings.Add(new Finding(FindingKind.VersionMismatch, distribution.Name, distribution.Version, entry, entry.Location));
            }
        }

        // A -c line declares nothing, but pip installs what it does install at a version the constraint accepts: an
        // installed version it refuses would not be what a deploy gets.
        void CheckConstraint(RequirementEntry entry)
        {
            if (entry.Requirement is not { Url: null } requirement
                || (requirement.Marker is { } marker && !AppliesTo(entry, marker, environment)))
            {
                return;
            }

            var name = requirement.NormalizedName;
            if (covered.Contains(name) && !ignored.Contains(name) && byName.TryGetValue(name, out var distribution)
                && !requirement.Specifier.Contains(distribution.Version))
            {
                findings.Add(new Finding(FindingKind.VersionMismatch, distribution.Name, distribution.Version, entry, entry.Location));
            }
        }

        void CheckUnnamed(RequirementEntry entry)
        {
            var target = LocalTarget.From(entry, project);
            if (target is null)
            {
                return;
            }

            var matches = installed.Distributions.Where(target.IsInstalledAs).ToArray();
            if (matches.Length == 0)
            {
                // No name to give: the line as written stands for it ("-e ./libs/x").
                var written = entry.Text.Trim();
                var name = entry.Editable && !written.StartsWith('-') ? "-e " + written : written;
                findings.Add(new Finding(FindingKind.NotInstalled, name, null, entry, entry.Location));
                return;
            }

            foreach (var distribution in matches)
            {
                covered.Add(distribution.NormalizedName);
                roots.Add((distribution, target.Extras));
            }
        }
    }

    /// <summary>
    /// Distributions installed from the project's own directory: editable (<c>pip install -e .</c>) or not
    /// (<c>pip install .</c>, PEP 610 <c>dir_info</c>). Either way it is the project itself, not something it depends on.
    /// </summary>
    private static IEnumerable<InstalledDistribution> OwnInstalls(InstalledSet installed, ProjectIdentity project) =>
        project.Directory is { } directory
            ? installed.Distributions.Where(distribution => LocalTarget.PointsAt(distribution, directory))
            : [];

    /// <summary>
    /// The distributions the roots need, transitively through <c>Requires-Dist</c> (for <see cref="Policy.TopLevel"/>):
    /// a dependency counts when its marker holds for the venv, either without an extra or for one of the extras its
    /// dependent was asked for (pip evaluates <c>extra == "x"</c> per requested extra). Each Requires-Dist string is parsed
    /// only when its distribution is reached. A dependency that is not installed is <c>pip check</c>'s business, not
    /// drift of the requirement file.
    /// </summary>
    private static HashSet<string> NeededBy(
        IEnumerable<(InstalledDistribution Distribution, IReadOnlyList<string> Extras)> roots,
        IReadOnlyDictionary<string, InstalledDistribution> byName,
        MarkerEnvironment environment)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var parsed = new Dictionary<string, IReadOnlyList<Requirement>>(StringComparer.Ordinal);
        var pending = new Queue<(InstalledDistribution Distribution, IReadOnlyList<string> Extras)>(roots);
        while (pending.TryDequeue(out var item))
        {
            var (distribution, extras) = item;
            var normalizedExtras = extras.Select(PackageName.Normalize).ToArray();

            // Visit the base once, and each extra once, so cycles end and extras reached later still count.
            var newBase = visited.Add(distribution.NormalizedName);
            var newExtras = normalizedExtras.Where(extra => visited.Add(distribution.NormalizedName + "[" + extra + "]")).ToArray();
            if (!newBase && newExtras.Length == 0)
            {
                continue;
            }

            foreach (var dependency in RequiresDist(distribution, parsed))
            {
                var applies = dependency.Marker is not { } marker
                    ? newBase
                    : (newBase && Holds(marker, environment, null)) || newExtras.Any(extra => Holds(marker, environment, extra));
                if (!applies || !byName.TryGetValue(dependency.NormalizedName, out var target))
                {
                    continue;
                }

                needed.Add(target.NormalizedName);
                pending.Enqueue((target, dependency.Extras));
            }
        }

        return needed;
    }

    // A Poetry "||" union has no PEP 440 form: the entry's own union decides, with the (empty) specifier.
    private static bool Accepts(RequirementEntry entry, Requirement requirement, string version) =>
        requirement.Specifier.Contains(version) && (entry.AnyOf?.Contains(version) ?? true);

    /// <summary>A declared line's marker, evaluated as pip does (<c>extra</c> is <c>""</c> on a requirement line).</summary>
    /// <exception cref="RequirementFileError">The marker has no defined result (e.g. <c>~=</c> between strings): pip errors too.</exception>
    private static bool AppliesTo(RequirementEntry entry, Marker marker, MarkerEnvironment environment)
    {
        try
        {
            return marker.Evaluate(environment);
        }
        catch (PackagingFormatException error)
        {
            throw new RequirementFileError(entry.Location, error.Message);
        }
    }

    /// <summary>A Requires-Dist marker that cannot be evaluated makes nothing needed, like a malformed line.</summary>
    private static bool Holds(Marker marker, MarkerEnvironment environment, string? extra)
    {
        try
        {
            return marker.Evaluate(environment, extra);
        }
        catch (PackagingFormatException)
        {
            return false;
        }
    }

    private static IReadOnlyList<Requirement> RequiresDist(
        InstalledDistribution distribution, Dictionary<string, IReadOnlyList<Requirement>> parsed)
    {
        if (parsed.TryGetValue(distribution.NormalizedName, out var known))
        {
            return known;
        }

        var requirements = new List<Requirement>();
        foreach (var text in distribution.RequiresDist)
        {
            try
            {
                requirements.Add(Requirement.Parse(text));
            }
            catch (PackagingFormatException)
            {
                // A Requires-Dist line this venv's installer accepted but PEP 508 does not (old setuptools wrote some):
                // it cannot make anything needed, and refusing the whole check for it would help nobody.
            }
        }

        parsed[distribution.NormalizedName] = requirements;
        return requirements;
    }
}
