using HookGuard.Cli;
using HookGuard.Configuration;
using HookGuard.Core.Configuration;
using HookGuard.Core.Projects;
using HookGuard.Git;

namespace HookGuard.Checking;

/// <summary>
/// What every command that looks at projects opens first: the repository around the working directory, its
/// <c>.hookguard.toml</c>, the index being committed, and project location over that index.
/// </summary>
public sealed class RepositorySession : IDisposable
{
    private RepositorySession(RepositoryLocation location, HookGuardConfig config, StagedIndex index)
    {
        Location = location;
        Config = config;
        Index = index;
        Projects = new ProjectLocator(config, new IndexRepositoryPaths(index), StagedFileReader.For(index, location.WorkTreeRoot));
    }

    public RepositoryLocation Location { get; }

    public HookGuardConfig Config { get; }

    public StagedIndex Index { get; }

    public ProjectLocator Projects { get; }

    public static RepositorySession Open(CommandContext context)
    {
        var location = RepositoryLocator.Locate(context.WorkingDirectory, context.Environment);
        var config = ConfigFile.Load(location.WorkTreeRoot);
        var index = StagedIndex.Open(location, context.Environment, context.WorkingDirectory);
        if (index.ReadByGitBecause is { } because)
        {
            context.Trace($"index read through git: {because}");
        }

        return new RepositorySession(location, config, index);
    }

    /// <summary>The projects that PATH arguments (relative to the working directory) name; a path in no project is an error.</summary>
    public IReadOnlyList<LocatedProject> ProjectsNamedBy(IEnumerable<string> arguments, CommandContext context)
    {
        var selection = Projects.ForArguments(RepositoryPaths.FromArguments(arguments, context.WorkingDirectory, Location.WorkTreeRoot));
        if (selection.PathsOutsideAnyProject.Count > 0)
        {
            throw new UserError(
                $"No project holds {string.Join(", ", selection.PathsOutsideAnyProject.Select(path => $"'{path}'"))}: " +
                $"a project is a directory with a requirement file ({string.Join(", ", Config.Requirements)}), a lock file, a Pipfile or a " +
                "pyproject.toml with [project] or [tool.poetry] in the index, or a [[project]] in .hookguard.toml.");
        }

        return selection.Projects;
    }

    public void Dispose() => Index.Dispose();
}
