using HookGuard.Core.Declarations.Pipenv;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pdm;

/// <summary>
/// Reads <c>pdm.lock</c> (lock_version 4.x, what pdm 2.x writes) into the packages <c>pdm sync --clean</c> installs in
/// this venv, as <c>name==version</c> entries at the line of each <c>[[package]]</c>, and checks <c>content_hash</c>
/// against the staged <c>pyproject.toml</c>.
/// </summary>
/// <remarks>
/// <para>Groups: <c>pdm sync</c> installs the <c>default</c> group plus every dev group (<c>[tool.pdm.dev-dependencies]</c>)
/// unless told <c>--prod</c>, and optional groups only when named (pdm 2.2.1, pdm/cli/utils.py
/// <c>translate_groups</c>: <c>dev</c> defaults to True); <see cref="DeclarationInput.Groups"/> replaces that choice
/// (<c>default</c> is always kept).</para>
/// <para>Selection: a package that records its <c>groups</c> (lock 4.4+, pdm's inherit_metadata strategy) is selected when
/// one of them is and its <c>marker</c> holds for the venv. Older locks record neither, and pdm re-resolves the lock
/// from the pyproject's requirements (pdm/models/repositories.py, <c>LockedRepository</c>): HookGuard walks the
/// dependency graph the same way, from the chosen groups' requirements through each package's <c>dependencies</c>,
/// skipping requirements whose marker is false for the venv and packages whose <c>requires_python</c> excludes it.
/// Without a staged pyproject to start from, every package is returned.</para>
/// </remarks>
public static class PdmLockReader
{
    // The artifacts' hashes of each package, which nothing here reads (PdmPackage checks only that they are an array).
    private static readonly TomlUnreadValues Unread = new(("package", "files"));

    /// <exception cref="DeclarationFileError">Invalid TOML, an unknown lock_version, a package without name or version.</exception>
    public static DeclaredSet Read(DeclarationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var root = TomlDocument.Parse(input.File, input.Content, Unread);
        var metadata = root["metadata"] as TomlTable
            ?? throw new DeclarationFileError(new SourceLocation(input.File, root["metadata"]?.Line ?? 1), "pdm.lock has no [metadata] table");
        var lockVersion = CheckLockVersion(input.File, metadata);
        var packages = ReadPackages(input.File, root);

        var pyprojectPath = PipfileLockReader.SiblingPath(input.File, "pyproject.toml");
        var pyprojectBytes = input.ReadFile(pyprojectPath);
        var pyproject = pyprojectBytes is null ? null : TomlDocument.Parse(pyprojectPath, pyprojectBytes);
        var ownNames = new HashSet<string>(StringComparer.Ordinal);
        if ((pyproject?["project"] as TomlTable)?["name"] is TomlString { Value: var ownName } && PackageName.IsValid(ownName))
        {
            ownNames.Add(PackageName.Normalize(ownName));
        }

        foreach (var package in packages)
        {
            if (package.Path is "." or "./")
            {
                ownNames.Add(package.NormalizedName);
            }
        }

        var selected = input.Environment is { } environment
            ? Select(input, packages, pyproject, environment, ownNames)
            : packages;

        var requirements = new List<RequirementEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in selected)
        {
            // "foo" and "foo[extra]" entries are one distribution; pdm installs it once.
            if (seen.Add(package.NormalizedName))
            {
                requirements.Add(package.Entry(input.File));
            }
        }

        return new DeclaredSet([input.File], requirements)
        {
            Format = DeclarationFormat.PdmLock,
            Tool = DeclarationTool.Pdm,
            OwnNames = ownNames,
            Stale = StaleCheck(input.File, metadata, lockVersion, pyproject, pyprojectPath),
        };
    }

    private static string CheckLockVersion(string file, TomlTable metadata)
    {
        var node = metadata["lock_version"]
            ?? throw new DeclarationFileError(new SourceLocation(file, metadata.Line), "[metadata] has no lock_version");
        if (node is not TomlString { Value: var version })
        {
            throw new DeclarationFileError(new SourceLocation(file, node.Line), "lock_version must be a string");
        }

        // pdm 2.x writes 4.x and refuses a lock whose major differs (Project.is_lockfile_compatible: "~=" + lock_version
        // must contain its LOCKFILE_VERSION); pdm 1.x's 3.x locks are relocked, not read.
        var major = version.Split('.')[0];
        if (major != "4")
        {
            throw new DeclarationFileError(new SourceLocation(file, node.Line), $"lock_version {version} is not a pdm.lock version HookGuard knows (4.x)");
        }

        return version;
    }

    private static List<PdmPackage> ReadPackages(string file, TomlTable root)
    {
        var packages = new List<PdmPackage>();
        switch (root["package"])
        {
            case null:
                return packages;
            case TomlArray array:
                foreach (var item in array.Items)
                {
                    packages.Add(item is TomlTable table
                        ? PdmPackage.Read(file, table)
                        : throw new DeclarationFileError(new SourceLocation(file, item.Line), "each [[package]] must be a table"));
                }

                return packages;
            case var other:
                throw new DeclarationFileError(new SourceLocation(file, other.Line), "'package' must be an array of tables ([[package]])");
        }
    }

    private static List<PdmPackage> Select(
        DeclarationInput input, List<PdmPackage> packages, TomlTable? pyproject, MarkerEnvironment environment, HashSet<string> ownNames)
    {
        var groups = ChosenGroups(input.Groups, pyproject);
        if (packages.Count > 0 && packages.TrueForAll(package => package.Groups is not null))
        {
            return packages.FindAll(package =>
                package.Groups!.Any(groups.Contains) && (package.Marker is null || package.Evaluate(input.File, environment)));
        }

        if (pyproject is null)
        {
            return packages.FindAll(package => package.AllowsPython(environment));
        }

        return Walk(input.File, packages, RootRequirements(pyproject, groups, ownNames), environment, ownNames);
    }

    private static HashSet<string> ChosenGroups(IReadOnlyList<string>? chosen, TomlTable? pyproject)
    {
        var groups = new HashSet<string>(StringComparer.Ordinal) { "default" };
        if (chosen is not null)
        {
            groups.UnionWith(chosen);
            return groups;
        }

        if (((pyproject?["tool"] as TomlTable)?["pdm"] as TomlTable)?["dev-dependencies"] is TomlTable dev)
        {
            foreach (var (name, _) in dev.Entries)
            {
                groups.Add(name);
            }
        }

        // PDM 2.20+ (lock_version 4.5) installs PEP 735 [dependency-groups] as dev groups by default: a real lock of a
        // project declaring only [dependency-groups] dev records groups = ["default", "dev"] (found by the corpus check).
        if (pyproject?["dependency-groups"] is TomlTable pep735)
        {
            foreach (var (name, _) in pep735.Entries)
            {
                groups.Add(name);
            }
        }

        return groups;
    }

    private static List<(string Text, SourceLocation Location)> RootRequirements(TomlTable pyproject, HashSet<string> groups, HashSet<string> ownNames)
    {
        var roots = new List<(string, SourceLocation)>();
        var project = pyproject["project"] as TomlTable;
        var dev = ((pyproject["tool"] as TomlTable)?["pdm"] as TomlTable)?["dev-dependencies"] as TomlTable;
        var optional = project?["optional-dependencies"] as TomlTable;
        var pending = new Queue<string>(groups);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var group))
        {
            if (!visited.Add(group))
            {
                continue;
            }

            var list = group == "default" ? project?["dependencies"] : optional?[group] ?? dev?[group];
            if (list is not TomlArray array)
            {
                continue;
            }

            foreach (var item in array.Items)
            {
                if (item is not TomlString { Value: var text })
                {
                    continue;
                }

                roots.Add((text, new SourceLocation("pyproject.toml", item.Line)));
                // "myapp[extra1]" in a group of myapp itself pulls that optional group in.
                if (TryParse(text) is { } requirement && ownNames.Contains(requirement.NormalizedName))
                {
                    foreach (var extra in requirement.Extras)
                    {
                        pending.Enqueue(extra);
                    }
                }
            }
        }

        return roots;
    }

    private static List<PdmPackage> Walk(
        string file, List<PdmPackage> packages, List<(string Text, SourceLocation Location)> roots, MarkerEnvironment environment, HashSet<string> ownNames)
    {
        var byName = new Dictionary<string, List<PdmPackage>>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            if (!byName.TryGetValue(package.NormalizedName, out var list))
            {
                byName[package.NormalizedName] = list = [];
            }

            list.Add(package);
        }

        var selected = new HashSet<PdmPackage>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<string>();
        foreach (var (text, _) in roots)
        {
            pending.Push(text);
        }

        while (pending.TryPop(out var text))
        {
            var requirement = TryParse(text);
            if (requirement is null || ownNames.Contains(requirement.NormalizedName) || !byName.TryGetValue(requirement.NormalizedName, out var candidates))
            {
                continue;
            }

            if (requirement.Marker is { } marker && !EvaluateDependency(file, marker, environment, text))
            {
                continue;
            }

            foreach (var package in candidates)
            {
                // LockedRepository.find_candidates: the entry for these extras whose requires_python admits the venv.
                if (!package.HasExtras(requirement.Extras) || !package.AllowsPython(environment) || !selected.Add(package))
                {
                    continue;
                }

                foreach (var dependency in package.Dependencies)
                {
                    pending.Push(dependency);
                }

                if (requirement.Extras.Count > 0)
                {
                    // The extras entry depends on its base ("foo==1.0"); push it for locks that do not say so.
                    pending.Push(package.Name);
                }
            }
        }

        return packages.FindAll(selected.Contains);
    }

    private static bool EvaluateDependency(string file, Marker marker, MarkerEnvironment environment, string text)
    {
        try
        {
            return marker.Evaluate(environment);
        }
        catch (PackagingFormatException error)
        {
            throw new DeclarationFileError(new SourceLocation(file, 1), $"the marker of '{text}' cannot be evaluated: {error.Message}");
        }
    }

    private static Requirement? TryParse(string text)
    {
        try
        {
            return Requirement.Parse(text);
        }
        catch (PackagingFormatException)
        {
            // pdm also writes "-e file:///..." and path requirements it names itself; they name no locked package here.
            return null;
        }
    }

    private static IReadOnlyList<StaleLock> StaleCheck(string file, TomlTable metadata, string lockVersion, TomlTable? pyproject, string pyprojectPath)
    {
        if (pyproject is null || Recipes(lockVersion) is not { } recipes
            || metadata["content_hash"] is not TomlString { Value: var recorded } hashNode)
        {
            return [];
        }

        var colon = recorded.IndexOf(':');
        if (colon < 0)
        {
            return [];
        }

        // Stale only when no recipe pdm may have used for this lock_version gives the recorded hash: a lock is never
        // called stale for a release HookGuard guessed wrong.
        foreach (var recipe in recipes)
        {
            var actual = PdmContentHash.Compute(pyproject, recorded[..colon], recipe);
            if (actual is null || string.Equals(actual, recorded[(colon + 1)..], StringComparison.OrdinalIgnoreCase))
            {
                return [];
            }
        }

        return [new StaleLock(new SourceLocation(file, hashNode.Line), pyprojectPath, "its content_hash does not match pyproject.toml")];
    }

    /// <summary>
    /// The hash recipes pdm releases have used for a 4.x lock, for the lock versions where they reproduce real locks
    /// (4.0, 4.2, 4.3, 4.4.1, 4.4.2, 4.5.0 in the corpus; null for the others, 4.1 and 4.4 among them, whose
    /// staleness is not checked). A lock records its lock_version, not the release that wrote it, and releases hashed
    /// different fields under the same version, so every known recipe is tried: a lock is stale only when none gives
    /// its hash, which is when every pdm release would relock it.
    /// </summary>
    private static PdmHashRecipe[]? Recipes(string lockVersion) =>
        lockVersion is "4.0" or "4.2" or "4.3" or "4.4.1" or "4.4.2" || lockVersion.StartsWith("4.5", StringComparison.Ordinal)
            ? [PdmHashRecipe.Resolution, PdmHashRecipe.ResolutionOverrides, PdmHashRecipe.Overrides]
            : null;
}
