using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Uv;

/// <summary>
/// Reads a <c>uv.lock</c> (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile) and selects what a plain
/// <c>uv sync</c> installs into this venv (https://docs.astral.sh/uv/concepts/projects/sync/): the lock is a graph, so
/// the walk starts at the project (the package named by the <c>pyproject.toml</c> next to the lock; in a workspace whose
/// root is no project, every member) and follows each <c>dependencies</c> edge whose marker holds for the venv. An edge's
/// <c>extra = [...]</c> also follows the target's <c>optional-dependencies</c> of those extras. The project's own
/// extras are not installed unless chosen; its <c>dev-dependencies</c> are, for uv's default groups (<c>dev</c>, or
/// <c>[tool.uv] default-groups</c>). Chosen groups (<see cref="DeclarationInput.Groups"/>) replace the defaults and name
/// groups and extras alike. Local projects (<c>editable</c> or <c>virtual</c> sources) are own names, never entries.
/// </summary>
/// <remarks>
/// Not modelled: uv's conflict markers (<c>extra == 'extra-N-package-name'</c>, written for <c>[tool.uv] conflicts</c>)
/// are evaluated for each chosen extra or group of the roots in turn, which is exact when at most one conflicting item is
/// chosen (uv refuses to install two that conflict); <c>--all-packages</c>, <c>--no-dev</c> and <c>--only-group</c> are
/// not sync modes HookGuard is told about.
/// </remarks>
public static class UvLockReader
{
    // Each package's artifacts, which are most of the lock's bytes: nothing here reads them.
    private static readonly TomlUnreadValues Unread = new(("package", "sdist"), ("package", "wheels"));

    /// <exception cref="DeclarationFileError">Invalid TOML, a lock version other than 1, a bad package or edge.</exception>
    public static DeclaredSet Read(DeclarationInput input)
    {
        var document = TomlDocument.Parse(input.File, input.Content, Unread);
        var lockFile = UvLockFile.Parse(input.File, document);

        var slash = input.File.LastIndexOf('/');
        var pyprojectPath = slash < 0 ? "pyproject.toml" : input.File[..(slash + 1)] + "pyproject.toml";
        var pyprojectBytes = input.ReadFile(pyprojectPath);
        var pyproject = pyprojectBytes is null ? null : TomlDocument.Parse(pyprojectPath, pyprojectBytes);
        var projectName = (pyproject?["project"] as TomlTable)?["name"] is TomlString { Value: var name } ? PackageName.Normalize(name) : null;

        var own = new HashSet<string>(lockFile.Members, StringComparer.Ordinal);
        foreach (var package in lockFile.Packages)
        {
            if (package.IsLocalProject)
            {
                own.Add(package.NormalizedName);
            }
        }

        var root = projectName is null ? null : lockFile.Packages.FirstOrDefault(p => p.NormalizedName == projectName && p.IsLocalProject);
        var stale = new List<StaleLock>();
        if (pyproject is not null)
        {
            if (projectName is not null && root is null)
            {
                stale.Add(new StaleLock(new SourceLocation(input.File, 1), pyprojectPath,
                    $"it does not lock the project '{projectName}' that pyproject.toml names"));
            }
            else if (UvStaleCheck.Check(input.File, lockFile, root, pyproject, pyprojectPath) is { } found)
            {
                stale.Add(found);
            }
        }

        var selected = input.Environment is null
            ? lockFile.Packages
            : new UvSyncSelection(input.File, lockFile, input.Environment).Select(Roots(lockFile, root), input.Groups, DefaultGroups(pyproject), rootIsProject: root is not null);

        var entries = new List<RequirementEntry>(selected.Count);
        foreach (var package in selected)
        {
            if (own.Contains(package.NormalizedName))
            {
                continue;
            }

            var location = new SourceLocation(input.File, package.Line);
            entries.Add(package.Version is { } version
                ? LockedPackage.Entry(location, package.Name, version)
                // A source tree with a dynamic version: uv records no version, and any installed one is what it built.
                : new RequirementEntry(location, new Requirement(package.Name, [], SpecifierSet.Any, null, null), package.Name, false, []));
        }

        return new DeclaredSet([input.File], entries)
        {
            Format = DeclarationFormat.UvLock,
            Tool = DeclarationTool.Uv,
            OwnNames = own,
            Stale = stale,
        };
    }

    private static List<UvPackage> Roots(UvLockFile lockFile, UvPackage? root)
    {
        if (root is not null)
        {
            return [root];
        }

        // No project at the root: uv syncs every workspace member (uv's `InstallTarget::NonProjectWorkspace`).
        var members = lockFile.Packages.Where(p => p.IsLocalProject && lockFile.Members.Contains(p.NormalizedName)).ToList();
        return members.Count > 0 ? members : lockFile.Packages.Where(p => p.IsLocalProject).ToList();
    }

    /// <summary>uv installs the <c>dev</c> group unless <c>[tool.uv] default-groups</c> says otherwise; null means all.</summary>
    private static IReadOnlyList<string>? DefaultGroups(TomlTable? pyproject)
    {
        // https://docs.astral.sh/uv/concepts/projects/dependencies/#default-groups
        var setting = ((pyproject?["tool"] as TomlTable)?["uv"] as TomlTable)?["default-groups"];
        return setting switch
        {
            TomlString { Value: "all" } => null,
            TomlArray array => array.Items.OfType<TomlString>().Select(item => item.Value).ToList(),
            _ => ["dev"],
        };
    }
}
