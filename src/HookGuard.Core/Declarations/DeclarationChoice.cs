using HookGuard.Core.Configuration;
using HookGuard.Core.Drift;
using HookGuard.Core.Projects;

namespace HookGuard.Core.Declarations;

/// <summary>
/// Which of a project's files declares what its venv must hold, and under which policy it is compared (SPEC sec. 9).
/// <see cref="File"/> is null for <see cref="DeclarationFormat.RequirementFiles"/> (the project's requirement globs).
/// </summary>
public sealed record DeclarationChoice(DeclarationFormat Format, string? File, Policy Policy)
{
    /// <summary>
    /// Policy <c>freeze</c> compares the venv with the lock, the pins the project's tool installs from (unless
    /// <c>authoritative = "requirements"</c> and there are requirement files), else with the requirement files. A project
    /// that has neither, only <c>pyproject.toml</c> or <c>Pipfile</c> declarations, is compared with those under
    /// <c>top-level</c>: a range such as <c>requests&gt;=2</c> pins nothing, so "every installed distribution is declared"
    /// would flag every transitive dependency.
    /// Policy <c>top-level</c> reads declarations. With a lock and <c>authoritative = "lock"</c> (the default) the project
    /// is managed by that lock's tool, so its declaration file (the lock's <c>pyproject.toml</c> or <c>Pipfile</c>) is read,
    /// else the lock itself; otherwise requirement files come first, as before lock files were read.
    /// </summary>
    public static DeclarationChoice Choose(LocatedProject project, Policy policy, Authoritative authoritative)
    {
        var lockFile = project.Declarations.FirstOrDefault(file => file.IsLock);
        var declaration = DeclarationOf(project, lockFile);
        var requirements = project.RequirementFiles.Count > 0 || project.Declarations.Count == 0
            ? new DeclarationChoice(DeclarationFormat.RequirementFiles, null, policy)
            : null;
        var lockRules = lockFile is not null && !(authoritative == Authoritative.Requirements && project.RequirementFiles.Count > 0);

        if (policy == Policy.Freeze)
        {
            return lockRules ? new DeclarationChoice(lockFile!.Format, lockFile.Path, policy)
                : requirements
                ?? new DeclarationChoice(declaration!.Format, declaration.Path, Policy.TopLevel);
        }

        if (lockRules)
        {
            return declaration is not null
                ? new DeclarationChoice(declaration.Format, declaration.Path, policy)
                : new DeclarationChoice(lockFile!.Format, lockFile.Path, policy);
        }

        return requirements
            ?? (declaration is not null ? new DeclarationChoice(declaration.Format, declaration.Path, policy) : null)
            ?? new DeclarationChoice(lockFile!.Format, lockFile.Path, policy);
    }

    // The file a lock was made from: Pipfile for Pipfile.lock, pyproject.toml for the others; without a lock, pyproject.toml
    // before Pipfile.
    private static DeclarationFile? DeclarationOf(LocatedProject project, DeclarationFile? lockFile)
    {
        var wanted = lockFile?.Format == DeclarationFormat.PipfileLock ? DeclarationFormat.Pipfile : DeclarationFormat.Pyproject;
        return project.Declarations.FirstOrDefault(file => file.Format == wanted)
            ?? (lockFile is null ? project.Declarations.FirstOrDefault(file => !file.IsLock) : null);
    }
}
