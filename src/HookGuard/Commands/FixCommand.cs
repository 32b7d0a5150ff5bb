using System.CommandLine;
using HookGuard.Autostage;
using HookGuard.Checking;
using HookGuard.Cli;
using HookGuard.Core.Editing;
using HookGuard.Core.Projects;
using HookGuard.Core.Reporting;

namespace HookGuard.Commands;

/// <summary>
/// <c>hookguard fix [PATH...]</c>: rewrites work-tree requirement files to match the venvs, with the same minimal
/// edits as autostage (SPEC sec. 5), and stages nothing. Reads the files from the work tree, since that is what it edits.
/// </summary>
public static class FixCommand
{
    public static Command Define(CommandContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Projects to fix (default: every project).", Arity = ArgumentArity.ZeroOrMore };
        var output = new OutputOptions();
        var command = new Command("fix", "Rewrite requirement files in the work tree to match the venvs.") { paths };
        output.AddTo(command);
        command.WithExamples(
            ("every project, then review and stage", "hookguard fix && git diff"),
            ("one project", "hookguard fix services/api"));
        command.SetAction(parsed => Run(output.Apply(context, parsed), parsed.GetValue(paths) ?? []));
        return command;
    }

    private static int Run(CommandContext context, string[] paths)
    {
        using var session = RepositorySession.Open(context);
        var (location, config) = (session.Location, session.Config);
        var projects = paths.Length == 0 ? session.Projects.All() : session.ProjectsNamedBy(paths, context);

        if (projects.Count == 0)
        {
            // Projects are found through the index, as the hook finds them; a new project's file may not be added yet.
            context.Error.WriteLine(
                $"hookguard: no project to fix: no {string.Join(" or ", config.Requirements)} (nor a lock or pyproject.toml) in the index. " +
                "Add the requirement file first (git add requirements.txt), or declare the project in .hookguard.toml.");
            return ExitCodes.InSync;
        }

        var checker = new ProjectChecker(
            location.WorkTreeRoot, config, path => WorkTreeFile.Read(Path.Combine(location.WorkTreeRoot, path)), context.GetEnvironmentVariable, null);
        var exitCode = ExitCodes.InSync;
        foreach (var project in projects)
        {
            var verdict = VerdictTrace.Check(checker, project, context);
            // Names from the repository are printed escaped: a newline in a directory name would print a line of its own.
            var where = TerminalText.Escape(RepoPath.Display(verdict.Project.Path));
            if (verdict.Report is not { } report)
            {
                context.Error.WriteLine(MissingVenvMessage.For(verdict.Project, blocks: false));
                continue;
            }

            var plan = FixPlan.For(report, verdict.Declared, verdict.Installed!);
            if (plan.Refusal is { } hashChecking)
            {
                context.Error.WriteLine($"hookguard: {where}: not changed: {hashChecking}");
                exitCode = ExitCodes.Drift;
                continue;
            }

            foreach (var (file, edits) in plan.EditsByFile)
            {
                switch (RequirementFileEditor.Apply(verdict.Declared.ParsedFiles[file], edits, context.GetEnvironmentVariable))
                {
                    case EditRefused refused:
                        context.Error.WriteLine($"hookguard: {TerminalText.Escape(refused.Location.ToString())}: not changed: {TerminalText.Escape(refused.Message)}");
                        exitCode = ExitCodes.Drift;
                        break;
                    case EditedFile edited:
                        WorkTreeFile.ReplaceAtomically(Path.Combine(location.WorkTreeRoot, file), edited.Content);
                        context.SuccessOut.WriteLine($"{TerminalText.Escape(file)}: fixed");
                        foreach (var change in edited.Changes)
                        {
                            context.SuccessOut.WriteLine($"  {TerminalText.Escape(change.ToString())}");
                        }

                        break;
                }
            }

            foreach (var finding in plan.Unfixable)
            {
                context.Error.WriteLine(
                    $"hookguard: {where}: {TerminalText.Escape(finding.Location.ToString())}: {TerminalText.Escape(finding.Name.ToString())} is declared but not installed; HookGuard never deletes a declaration. Install it or remove the line.");
                exitCode = ExitCodes.Drift;
            }

            if (report.InSync)
            {
                context.SuccessOut.WriteLine($"{where}: in sync");
            }
        }

        return exitCode;
    }
}
