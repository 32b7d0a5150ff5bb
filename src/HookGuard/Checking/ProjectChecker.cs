using HookGuard.Core.Configuration;
using HookGuard.Core.Drift;
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
public sealed class ProjectChecker(
    string workTreeRoot,
    HookGuardConfig config,
    Func<string, byte[]?> readFile,
    Func<string, string?> environment,
    Policy? policyOverride)
{
    public ProjectVerdict Check(LocatedProject project)
    {
        var declared = DeclaredSetResolver.Resolve(project.RequirementFiles, readFile, environment);
        var directory = Path.GetFullPath(Path.Combine(workTreeRoot, project.Path));
        var venv = VenvLocator.Locate(directory, project.Configuration?.Venv, environment);
        if (venv.Path is not { } venvPath)
        {
            return new ProjectVerdict(project, declared, venv, null, null);
        }

        // Opt-in (SPEC sec. 4.4): ask the venv's own pip, for environments whose metadata HookGuard cannot read alone.
        var installed = config.InstalledSource == InstalledSource.Pip
            ? PipInstalledReader.Read(venvPath, environment)
            : VenvReader.Read(venvPath, environment);
        var policy = policyOverride ?? project.Configuration?.Policy ?? config.Policy;
        var report = DriftChecker.Compare(declared, installed, policy, config.Ignore, new ProjectIdentity(project.Path, directory));
        return new ProjectVerdict(project, declared, venv, installed, report);
    }
}
