using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;

namespace HookGuard.Core.Projects;

/// <summary>
/// A project to check: its directory (repo-relative, <c>""</c> for the root), its root requirement files as the index
/// holds them (repo-relative, in glob order), the globs that found them, and its <c>[[project]]</c> table if it has one.
/// </summary>
public sealed record LocatedProject(
    string Path,
    IReadOnlyList<string> RequirementFiles,
    IReadOnlyList<string> RequirementGlobs,
    ProjectConfig? Configuration)
{
    /// <summary>The lock and declaration files in the project directory, as the index holds them (SPEC sec. 9).</summary>
    public IReadOnlyList<DeclarationFile> Declarations { get; init; } = [];
}

/// <summary>The projects that explicit PATH arguments name, and the arguments that lie in no project.</summary>
public sealed record ProjectSelection(IReadOnlyList<LocatedProject> Projects, IReadOnlyList<string> PathsOutsideAnyProject);
