using HookGuard.Core.Deploy;
using HookGuard.Core.Drift;
using HookGuard.Core.Imports;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Projects;
using HookGuard.Core.Requirements;
using HookGuard.Venv;

namespace HookGuard.Checking;

/// <summary>
/// The import check of one project (SPEC sec. 11): reads the imports of its files (<see cref="ImportSources"/>), and
/// judges them with <see cref="ImportCheck"/> against the venv's modules and the declaration. The venv's module map is
/// read only when some import is neither standard library nor first-party, so a commit of code that imports nothing
/// third-party costs the reads of its own files and nothing more.
/// </summary>
public static class ProjectImports
{
    public static IReadOnlyList<DeployFinding> Check(
        LocatedProject project,
        ImportSources sources,
        Func<string, byte[]?> readFile,
        InstalledSet installed,
        DeclaredSet declared,
        DriftReport report,
        string workTreeRoot,
        Func<string, string?> environment,
        bool blocks)
    {
        var files = sources.FilesOf(project, VenvRelativePath(workTreeRoot, installed.VenvPath));
        if (files.Count == 0) return [];

        var python = installed.Python;
        var all = installed.Distributions.Concat(installed.Hidden).ToArray();
        var byName = new Dictionary<string, InstalledDistribution>(StringComparer.Ordinal);
        foreach (var distribution in all) byName.TryAdd(distribution.NormalizedName, distribution);

        var modules = new Lazy<ModuleProviders>(() => VenvModules.Read(installed, environment));
        var baseLibrary = new Lazy<IReadOnlySet<string>>(() => BaseLibraryModules.Of(installed));
        var requiredBy = new Lazy<IReadOnlyDictionary<string, string>>(() => RequiredBy(all));
        var declaredNames = declared.Requirements
            .Select(entry => entry.Requirement?.NormalizedName)
            .OfType<string>()
            .Concat(declared.OwnNames)
            .ToHashSet(StringComparer.Ordinal);
        var scope = new ImportScope(
            python,
            module => modules.Value.For(module).Select(provider => provider.NormalizedName ?? "").ToArray(),
            byName,
            report.Named,
            declaredNames,
            name => requiredBy.Value.GetValueOrDefault(name),
            declared.Files.Count > 0 ? declared.Files[0] : RepoPath.Join(project.Path, "requirements.txt"),
            installed.VenvPath,
            blocks)
        {
            InBaseLibrary = module => baseLibrary.Value.Contains(module),
        };

        var findings = new List<DeployFinding>();
        foreach (var file in files)
        {
            if (readFile(file) is not { } source) continue;
            var imports = PythonImportReader.Read(source);
            foreach (var finding in ImportCheck.Findings(file, imports, module => sources.IsFirstParty(project, file, module), scope))
            {
                findings.Add(finding.Kind == DeployFindingKind.ImportUnresolved && sources.OnlyInWorkTree(project, file, finding.Subject) is { } unstaged
                    ? finding with
                    {
                        Message = $"'{finding.Subject}' is the project's {unstaged} in the work tree, but it is not in the commit: " +
                            "a deploy from the repository would raise ModuleNotFoundError (git add it)",
                    }
                    : finding);
            }
        }

        return findings;
    }

    /// <summary>For each installed distribution, one installed distribution that requires it (for "only pulled in by").</summary>
    private static IReadOnlyDictionary<string, string> RequiredBy(IEnumerable<InstalledDistribution> distributions)
    {
        var dependents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var distribution in distributions)
        {
            foreach (var text in distribution.RequiresDist)
            {
                try
                {
                    var requirement = Requirement.Parse(text);
                    // An extra's dependency is not pulled in unless the extra was asked for: say nothing rather than guess.
                    if (requirement.Marker?.Text.Contains("extra", StringComparison.Ordinal) == true) continue;
                    dependents.TryAdd(requirement.NormalizedName, distribution.Name);
                }
                catch (PackagingFormatException)
                {
                    // A Requires-Dist line PEP 508 does not accept names nothing for certain.
                }
            }
        }

        return dependents;
    }

    private static string? VenvRelativePath(string workTreeRoot, string venvPath)
    {
        var relative = Path.GetRelativePath(workTreeRoot, venvPath).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative;
    }
}
