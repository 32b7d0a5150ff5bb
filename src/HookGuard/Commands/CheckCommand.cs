using System.CommandLine;
using HookGuard.Autostage;
using HookGuard.Checking;
using HookGuard.Cli;
using HookGuard.Core.Configuration;
using HookGuard.Core.Drift;
using HookGuard.Core.Projects;
using HookGuard.Core.Reporting;
using HookGuard.Git;

namespace HookGuard.Commands;

/// <summary><c>hookguard check [--all | PATH...] [--autostage] [--policy P] [--format F]</c>: the validator (SPEC sec. 4).</summary>
public static class CheckCommand
{
    private sealed record Options(bool All, bool Autostage, Policy? Policy, ReportFormat Format, string[] Paths, bool MergeCommit);

    public static Command Define(CommandContext context)
    {
        var all = new Option<bool>("--all") { Description = "Check every project in the repository, not only those the staged change touches." };
        var autostage = SharedOptions.Autostage();
        var policy = SharedOptions.Policy();
        var format = new Option<string>("--format") { Description = "text, json, github (Actions annotations) or markdown (a CI job summary).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "github", "markdown");
        // Passed only by the pre-merge-commit hook HookGuard writes; not for people, so not in --help.
        var mergeCommit = new Option<bool>("--merge-commit") { Hidden = true };
        var paths = new Argument<string[]>("PATH") { Description = "Projects to check.", Arity = ArgumentArity.ZeroOrMore };
        var output = new OutputOptions();
        var command = new Command("check", "Compare the staged requirement files of the touched projects with their venvs.")
        {
            all, autostage, policy, format, mergeCommit, paths,
        };
        output.AddTo(command);
        command.WithExamples(
            ("what the pre-commit hook runs", "hookguard check"),
            ("every project, as CI runs it", "hookguard check --all --format github"),
            ("one project, fixing drift into the commit", "hookguard check services/api --autostage"));
        command.SetAction(parsed => Run(output.Apply(context, parsed), new Options(
            parsed.GetValue(all),
            parsed.GetValue(autostage),
            SharedOptions.ParsePolicy(parsed.GetValue(policy)),
            parsed.GetValue(format) switch { "json" => ReportFormat.Json, "github" => ReportFormat.GitHub, "markdown" => ReportFormat.Markdown, _ => ReportFormat.Text },
            parsed.GetValue(paths) ?? [],
            parsed.GetValue(mergeCommit))));
        return command;
    }

    private static int Run(CommandContext context, Options options)
    {
        // The hook honours HOOKGUARD_SKIP itself; this covers check run by another hook manager (pre-commit, lefthook).
        if (context.GetEnvironmentVariable("HOOKGUARD_SKIP") is "1")
        {
            context.Error.WriteLine("hookguard: skipped (HOOKGUARD_SKIP=1); requirement files were not checked.");
            return ExitCodes.InSync;
        }

        if (options.All && options.Paths.Length > 0)
        {
            throw new UserError("Give either --all or PATH arguments, not both.");
        }

        using var session = RepositorySession.Open(context);
        var (location, config, index) = (session.Location, session.Config, session.Index);
        // git merge writes the merge commit's tree before it runs pre-merge-commit and does not read the index again: a
        // fix staged from that hook would stay behind in the index, outside the commit (measured with git 2.39). So the
        // merge hook only checks; blocked, the merge stays in progress, and 'git commit' concludes it through pre-commit,
        // where autostage works.
        var autostageStandsBack = options.MergeCommit && (options.Autostage || config.Autostage);
        if (options.MergeCommit)
        {
            (options, config) = (options with { Autostage = false }, config with { Autostage = false });
        }

        var staged = options.All || options.Paths.Length > 0 ? null : index.ListStagedChanges();
        var projects = options.All ? session.Projects.All()
            : options.Paths.Length > 0 ? session.ProjectsNamedBy(options.Paths, context)
            : session.Projects.ForStagedPaths(staged!.Select(change => change.Path));

        // A commit judges the imports it stages; --all and named projects (CI, a person asking) judge every file.
        var imports = staged is null
            ? ImportSources.ForWholeProjects(index, location.WorkTreeRoot, session.Projects)
            : ImportSources.ForStagedChange(index, location.WorkTreeRoot, session.Projects, staged);
        var checker = new ProjectChecker(
            location.WorkTreeRoot, config, StagedFileReader.For(index, location.WorkTreeRoot), context.GetEnvironmentVariable, options.Policy, imports);
        if (context.Tracing)
        {
            context.Trace($"repository {location.WorkTreeRoot}; {projects.Count} project{(projects.Count == 1 ? "" : "s")} to check" +
                (options.All ? " (--all)" : options.Paths.Length > 0 ? " (named)" : " (touched by the staged change)"));
        }

        var verdicts = projects.Select(project => VerdictTrace.Check(checker, project, context)).ToArray();

        var blockOnMissingVenv = config.OnMissingVenv == MissingVenvAction.Block;
        foreach (var missing in verdicts.Where(verdict => verdict.VenvMissing))
        {
            context.Error.WriteLine(MissingVenvMessage.For(missing.Project, blockOnMissingVenv));
        }

        var reports = verdicts.Where(verdict => verdict.Report is not null).Select(verdict => verdict.Report!).ToList();
        if ((options.Autostage || config.Autostage) && HookFrameworkRun.IsActive(context))
        {
            context.Error.WriteLine(HookFrameworkRun.AutostageRefused);
        }
        else if (options.Autostage || config.Autostage)
        {
            // A deploy finding that blocks cannot be fixed by editing a requirement file: the commit stays blocked, so
            // nothing is written (SPEC sec. 5).
            var blockedAnyway = (blockOnMissingVenv && verdicts.Any(verdict => verdict.VenvMissing))
                || reports.Any(report => report.Deploy.Any(finding => finding.Blocks));
            reports = Autostage(context, index, verdicts, blockedAnyway);
        }

        if (autostageStandsBack && reports.Any(report => !report.InSync))
        {
            context.Error.WriteLine(
                "hookguard: autostage cannot fix a merge while git merge commits it (git has already written the merge's tree). " +
                "The merge is not committed and stays in progress: run 'git commit' to conclude it, and autostage fixes the drift there.");
        }

        var notChecked = verdicts.Where(verdict => verdict.VenvMissing)
            .Select(verdict => new UncheckedProject(verdict.Project.Path, "no virtualenv found", blockOnMissingVenv))
            .ToArray();
        // Only the coloured text report may write ESC; it escapes what it takes from files (TerminalText).
        var reportOut = options.Format == ReportFormat.Text && context.UseColor ? context.ColouredOut : context.Out;
        ReportWriters.For(options.Format, context.UseColor, quiet: context.Verbosity == Verbosity.Quiet).Write(reports, notChecked, reportOut);

        if (blockOnMissingVenv && verdicts.Any(verdict => verdict.VenvMissing))
        {
            return ExitCodes.CouldNotCheck;
        }

        return reports.Any(report => report.Blocks) ? ExitCodes.Drift : ExitCodes.InSync;
    }

    /// <summary>
    /// Fixes the drift in the commit when all of it can be fixed, says what changed, and returns what is left to
    /// report. When some drift would still block the commit, nothing is written (SPEC sec. 5: a blocked commit leaves
    /// the repository as it was) and every finding is reported, with the reason autostage stood back.
    /// </summary>
    private static List<DriftReport> Autostage(CommandContext context, StagedIndex index, IEnumerable<ProjectVerdict> verdicts, bool blockedAnyway)
    {
        var autostager = new Autostager(index, context.GetEnvironmentVariable);
        var prepared = verdicts
            .Where(verdict => verdict.Report is not null)
            .Select(verdict => (Report: verdict.Report!, Result: verdict.Report!.InSync ? null : autostager.Prepare(verdict)))
            .ToList();

        foreach (var (report, result) in prepared)
        {
            if (result?.Refusal is { } why)
            {
                context.Error.WriteLine(TerminalText.Escape($"hookguard: cannot autostage {RepoPath.Display(report.ProjectPath)}: {why}"));
            }
        }

        var fixable = prepared.Where(p => p.Result is not null).ToList();
        if (blockedAnyway || fixable.Any(p => !p.Result!.FullyFixed))
        {
            if (fixable.Any(p => p.Result!.Fixed.Count > 0))
            {
                context.Error.WriteLine(
                    "hookguard: nothing was autostaged: the commit stays blocked by what autostage cannot fix (below), " +
                    "so the requirement files were left as they are. Deal with that, then commit again.");
            }

            return prepared.Select(p => p.Report).ToList();
        }

        autostager.Write(fixable.Select(p => p.Result!));
        foreach (var fix in fixable.SelectMany(p => p.Result!.Fixed))
        {
            context.Error.WriteLine(TerminalText.Escape($"hookguard: autostaged {fix.File}:")); // names print escaped (issue 11)
            foreach (var change in fix.Changes)
            {
                context.Error.WriteLine(TerminalText.Escape($"  {change}"));
            }
        }

        return prepared.Select(p => p.Result is null ? p.Report : p.Report with { Findings = p.Result.Remaining }).ToList();
    }
}
