using System.CommandLine;
using HookGuard.Checking;
using HookGuard.Cli;
using HookGuard.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Drift;
using HookGuard.Core.Projects;
using HookGuard.Core.Reporting;
using HookGuard.Git;
using HookGuard.Hooks;

namespace HookGuard.Commands;

/// <summary>
/// <c>hookguard status</c>: where the hook is, every project found with its venv and requirement files, and each
/// project's verdict against the requirement files as staged. Changes nothing; exits as <c>check --all</c> would.
/// </summary>
public static class StatusCommand
{
    public static Command Define(CommandContext context)
    {
        var command = new Command("status", "Show the hook, the projects found, their venvs and requirement files, and the verdict.");
        command.WithExamples(("in any directory of the repository", "hookguard status"));
        command.SetAction(_ => Run(context));
        return command;
    }

    private static int Run(CommandContext context)
    {
        var location = RepositoryLocator.Locate(context.WorkingDirectory, context.Environment);
        var output = context.Out;
        output.WriteLine($"Repository: {Shown(location.WorkTreeRoot)}");
        var hooksDirectory = GitHooksDirectory.Find(context.WorkingDirectory);
        output.WriteLine($"Hook: {DescribeHook(HookInstaller.Inspect(hooksDirectory))}");
        // git merge runs pre-merge-commit, not pre-commit: a missing one lets merge commits through unchecked.
        output.WriteLine($"Merge hook: {DescribeHook(HookInstaller.Inspect(hooksDirectory, HookInstaller.MergeHookName))}");

        var config = ConfigFile.Load(location.WorkTreeRoot);
        using var index = StagedIndex.Open(location, context.Environment, context.WorkingDirectory);
        var locator = new ProjectLocator(config, new IndexRepositoryPaths(index), StagedFileReader.For(index, location.WorkTreeRoot));
        var projects = locator.All();
        if (projects.Count == 0)
        {
            output.WriteLine($"Projects: none (no {Shown(string.Join(" or ", config.Requirements))}, lock file, Pipfile or pyproject.toml project in the index)");
            return ExitCodes.InSync;
        }

        var checker = new ProjectChecker(
            location.WorkTreeRoot, config, StagedFileReader.For(index, location.WorkTreeRoot), context.GetEnvironmentVariable, null,
            ImportSources.ForWholeProjects(index, location.WorkTreeRoot, locator));
        var exitCode = ExitCodes.InSync;
        foreach (var project in projects)
        {
            var verdict = checker.Check(project);
            output.WriteLine($"Project {Shown(RepoPath.Display(project.Path))}:");
            if (project.Declarations.Count == 0 || project.RequirementFiles.Count > 0)
            {
                output.WriteLine($"  requirement files: {Shown(string.Join(", ", verdict.Declared.Format == DeclarationFormat.RequirementFiles ? verdict.Declared.Files : project.RequirementFiles))}");
            }

            if (project.Declarations.Count > 0)
            {
                output.WriteLine($"  declaration files: {Shown(string.Join(", ", project.Declarations.Select(file => file.Path)))}");
                var authoritative = verdict.Declared.Format == DeclarationFormat.RequirementFiles
                    ? "the requirement files"
                    : $"{Shown(verdict.Declared.Files.FirstOrDefault() ?? "")} ({verdict.Declared.Tool.Name})";
                output.WriteLine($"  authoritative: {authoritative}");
            }
            output.WriteLine($"  venv: {(verdict.Venv.Path is { } venv ? $"{Shown(venv)} ({HowFound(verdict.Venv.Rule)})" : "none found")}");
            output.WriteLine($"  policy: {((verdict.Report?.Policy ?? config.PolicyFor(project.Path)) == Policy.TopLevel ? "top-level" : "freeze")}");
            var summary = verdict.Report switch
            {
                null => "not checked (no venv)",
                { InSync: true } => "in sync",
                { } report => $"{report.Findings.Count} difference{(report.Findings.Count == 1 ? "" : "s")} (details: {Shown("hookguard check " + Shell.Quote(RepoPath.Display(project.Path)))})",
            };
            output.WriteLine($"  verdict: {summary}");
            foreach (var finding in verdict.Report?.Deploy ?? [])
            {
                output.WriteLine($"  deploy: {TerminalText.Escape(DeployText.Where(finding))}: {finding.KindName} ({DeployText.Severity(finding)}): {TerminalText.Escape(finding.Message)}");
            }

            if (verdict.Report is { Blocks: true })
            {
                exitCode = ExitCodes.Drift;
            }
        }

        return exitCode;
    }

    /// <summary>
    /// A path or name from the repository, the config or the venv as one line of the status: a newline in a directory
    /// name would otherwise print a line of its own, and an escape sequence would reach the terminal (issue 11).
    /// </summary>
    private static string Shown(string text) => TerminalText.Escape(text);

    /// <summary>How the venv was found, in the words of SPEC sec. 4.5 rather than an enum name.</summary>
    private static string HowFound(Venv.VenvDiscoveryRule rule) => rule switch
    {
        Venv.VenvDiscoveryRule.Configured => "configured in .hookguard.toml",
        Venv.VenvDiscoveryRule.InProject => "found in the project",
        Venv.VenvDiscoveryRule.ActivatedEnvironment => "from $VIRTUAL_ENV",
        _ => "not found",
    };

    private static string DescribeHook(HookStatus status)
    {
        return status.Presence switch
        {
            HookPresence.HookGuard when status.ChainedHookPath is { } chained => $"installed at {Shown(status.HookPath)} (runs {Shown(chained)} first)",
            HookPresence.HookGuard => $"installed at {Shown(status.HookPath)}",
            HookPresence.Foreign => $"{Shown(status.HookPath)} exists but is not HookGuard's (run 'hookguard install' to chain it)",
            _ => $"not installed (would go to {Shown(status.HookPath)}; run 'hookguard install')",
        };
    }
}
