using HookGuard.Core.Deploy;
using HookGuard.Core.Installed;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Imports;

/// <summary>What an import check knows of one project: its venv, what it declares, and what is its own.</summary>
/// <param name="Python">The venv's Python (major, minor), whose standard library the imports may use.</param>
/// <param name="Providers">The installed distributions (PEP 503 names) whose files provide a top-level module; an
/// empty string stands for a module in a site directory that no distribution's metadata claims.</param>
/// <param name="Installed">The venv's distributions by PEP 503 name (versions and locations for messages).</param>
/// <param name="Named">PEP 503 names the declaration names itself (<see cref="Drift.DriftReport.Named"/>).</param>
/// <param name="Declared">PEP 503 names of every requirement declared, installed or not.</param>
/// <param name="RequiredBy">For an installed distribution, one that requires it (display name), or null.</param>
/// <param name="DeclarationFile">The file the declaration lives in, for messages.</param>
/// <param name="VenvPath">The venv, to tell a distribution installed outside it.</param>
/// <param name="Blocks">Whether findings block the commit (<c>imports = "block"</c>).</param>
public sealed record ImportScope(
    (int Major, int Minor) Python,
    Func<string, IReadOnlyList<string>> Providers,
    IReadOnlyDictionary<string, InstalledDistribution> Installed,
    IReadOnlySet<string> Named,
    IReadOnlySet<string> Declared,
    Func<string, string?> RequiredBy,
    string DeclarationFile,
    string VenvPath,
    bool Blocks)
{
    /// <summary>
    /// Whether the venv's base interpreter has the module in its own library directories, beyond the generated table
    /// (<c>_testcapi</c>, a vendor's addition): asked only for a module nothing else provides.
    /// </summary>
    public Func<string, bool> InBaseLibrary { get; init; } = _ => false;
}

/// <summary>
/// Judges the imports of one Python file against what a venv rebuilt from the declaration would hold (SPEC sec. 11).
/// An import passes when its top-level module is the standard library's (of the venv's Python), the project's own,
/// or provided by a distribution the declaration names. Otherwise: <c>import-not-declared</c> when an installed
/// distribution provides it (the rebuilt venv may lack it), <c>import-unresolved</c> when nothing does (the deploy
/// raises <c>ModuleNotFoundError</c>).
/// </summary>
/// <remarks>
/// False positives are the enemy of a commit hook, so only imports that certainly run are judged: relative imports
/// (first-party by definition), imports guarded by <c>except ImportError</c> (the code expects them to fail) and
/// typing-only imports (<c>if TYPE_CHECKING:</c>) are skipped, and so is a module named like a declared but
/// uninstalled requirement (not-installed drift already says so, and the deploy installs it). A module is reported
/// once per file, at its first import.
/// </remarks>
public static class ImportCheck
{
    /// <param name="file">The repo-relative file the imports were read from.</param>
    /// <param name="imports">What <see cref="PythonImportReader"/> read from it.</param>
    /// <param name="isFirstParty">Whether a top-level name is one of the project's own modules, seen from this file.</param>
    /// <param name="scope">The project's venv and declaration.</param>
    public static IReadOnlyList<DeployFinding> Findings(
        string file, IReadOnlyList<ImportStatement> imports, Func<string, bool> isFirstParty, ImportScope scope)
    {
        var findings = new List<DeployFinding>();
        var judged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in imports)
        {
            if (import.Level > 0 || import.Need != ImportNeed.Required) continue;
            var module = import.TopLevel;
            if (module.Length == 0 || !judged.Add(module)) continue;
            if (module == "__future__" || module == "__main__" || StandardLibraryModules.Contains(module, scope.Python.Major, scope.Python.Minor)) continue;
            if (isFirstParty(module)) continue;
            if (Judge(module, scope) is { } judgement)
            {
                findings.Add(new DeployFinding(judgement.Kind, new SourceLocation(file, import.Line), module, judgement.Message, scope.Blocks));
            }
        }

        return findings;
    }

    private static (DeployFindingKind Kind, string Message)? Judge(string module, ImportScope scope)
    {
        var providers = scope.Providers(module);
        if (providers.Any(scope.Named.Contains)) return null;
        if (providers.Count == 0)
        {
            if (scope.Declared.Contains(Packaging.PackageName.Normalize(module)) || scope.InBaseLibrary(module)) return null;
            return (DeployFindingKind.ImportUnresolved,
                $"no distribution in the venv, no standard-library module of Python {scope.Python.Major}.{scope.Python.Minor} " +
                $"and no module of the project provides '{module}': the deploy would raise ModuleNotFoundError");
        }

        var distribution = providers.Where(name => name.Length > 0).Select(name => scope.Installed.GetValueOrDefault(name)).FirstOrDefault(found => found is not null);
        if (distribution is null)
        {
            return (DeployFindingKind.ImportNotDeclared,
                $"'{module}' is importable from the venv's site-packages, but no installed distribution claims it and " +
                $"{FileName(scope.DeclarationFile)} cannot declare it: a rebuilt venv will not have it");
        }

        var why = scope.RequiredBy(distribution.NormalizedName) is { } dependent
            ? $"; it is only there because {dependent} requires it"
            : "";
        var outside = IsInside(distribution.Location, scope.VenvPath) ? "" : $" (outside the venv, in {distribution.Location})";
        return (DeployFindingKind.ImportNotDeclared,
            $"'{module}' comes from {distribution.Name} {distribution.Version}, installed{outside} but not declared in " +
            $"{FileName(scope.DeclarationFile)}{why}: a venv rebuilt from the declaration may not have it");
    }

    private static bool IsInside(string location, string venvPath)
    {
        var venv = venvPath.TrimEnd('/', '\\');
        return location.StartsWith(venv, StringComparison.Ordinal)
            && (location.Length == venv.Length || location[venv.Length] is '/' or '\\');
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
