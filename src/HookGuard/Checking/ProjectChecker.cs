using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Deploy;
using HookGuard.Core.Installed;
using HookGuard.Core.Drift;
using HookGuard.Core.Packaging;
using HookGuard.Core.Projects;
using HookGuard.Core.Requirements;
using HookGuard.Venv;

namespace HookGuard.Checking;

/// <summary>
/// Checks one project: its declared set (read through <paramref name="readFile"/>, which is the index for a commit
/// check and the work tree for <c>fix</c>), its venv's installed set, and the comparison (SPEC sec. 4.3-4.6).
/// </summary>
/// <param name="workTreeRoot">Absolute work-tree root, to turn project paths into directories.</param>
/// <param name="config">The repository's settings.</param>
/// <param name="readFile">Reads a repo-relative file; null when it does not exist there.</param>
/// <param name="environment">Environment variables (for <c>${VAR}</c>, <c>VIRTUAL_ENV</c>, user site).</param>
/// <param name="policyOverride">The <c>--policy</c> given on the command line, which beats the configuration.</param>
/// <param name="imports">The Python files whose imports are judged (SPEC sec. 11); null: no import check.</param>
public sealed class ProjectChecker(
    string workTreeRoot,
    HookGuardConfig config,
    Func<string, byte[]?> readFile,
    Func<string, string?> environment,
    Policy? policyOverride,
    ImportSources? imports = null)
{
    public ProjectVerdict Check(LocatedProject project)
    {
        var directory = Path.GetFullPath(Path.Combine(workTreeRoot, project.Path));
        var venv = VenvLocator.Locate(directory, project.Configuration?.Venv, environment);

        // The venv comes first: a lock is selected by the venv's markers (and, for Pipfile.lock, by what it holds).
        // Opt-in (SPEC sec. 4.4): ask the venv's own pip, for environments whose metadata HookGuard cannot read alone.
        var installed = venv.Path is not { } venvPath ? null
            : config.InstalledSource == InstalledSource.Pip ? PipInstalledReader.Read(venvPath, environment)
            : VenvReader.Read(venvPath, environment);

        var policy = policyOverride ?? project.Configuration?.Policy ?? config.Policy;
        var choice = DeclarationChoice.Choose(project, policy, project.Configuration?.Authoritative ?? config.Authoritative);
        var declared = Declared(project, choice, installed);
        if (installed is null)
        {
            return new ProjectVerdict(project, declared, venv, null, null);
        }

        var report = DriftChecker.Compare(declared, installed, choice.Policy, config.Ignore, new ProjectIdentity(project.Path, directory));
        if (imports is not null && config.Imports != Severity.Off)
        {
            report = report with
            {
                Deploy = [.. report.Deploy, .. ProjectImports.Check(project, imports, readFile, installed, declared, report, workTreeRoot, environment, config.Imports == Severity.Block)],
            };
        }

        // SPEC sec. 11: the deploy target's Python and markers; a lock is read again, selecting for the target.
        var targetFindings = DeployTargetCheck.Findings(project.Path, config, readFile, installed.Environment, declared,
            choice.File is null ? null : markers => Declared(project, choice, installed, markers));
        report = report with { Deploy = [.. report.Deploy, .. targetFindings] };
        return new ProjectVerdict(project, declared, venv, installed, report);
    }

    private DeclaredSet Declared(LocatedProject project, DeclarationChoice choice, InstalledSet? installed, MarkerEnvironment? markers = null)
    {
        if (choice.File is not { } file)
        {
            return DeclaredSetResolver.Resolve(project.RequirementFiles, readFile, environment);
        }

        var content = readFile(file) ?? throw new DeclarationFileError(new SourceLocation(file, 1), "could not open the file");
        var installedNames = installed is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : installed.Distributions.Select(distribution => distribution.NormalizedName).ToHashSet(StringComparer.Ordinal);
        var input = new DeclarationInput(
            project.Path, file, content, readFile, markers ?? installed?.Environment, project.Configuration?.Groups ?? config.Groups, installedNames);
        return DeclarationReaders.Read(choice.Format, input);
    }
}
