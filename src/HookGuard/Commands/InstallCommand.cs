using System.CommandLine;
using HookGuard.Cli;
using HookGuard.Hooks;
using HookGuard.Core.Reporting;

namespace HookGuard.Commands;

/// <summary><c>hookguard install [--autostage] [--policy P] [--force]</c>: writes the pre-commit and pre-merge-commit hooks (SPEC sec. 3, 10).</summary>
public static class InstallCommand
{
    public static Command Define(CommandContext context)
    {
        var autostage = SharedOptions.Autostage();
        var policy = SharedOptions.Policy();
        var force = new Option<bool>("--force")
        {
            Description = "When a foreign hook has replaced HookGuard's and an earlier saved hook is in the way: chain the current one and move the saved one aside (nothing is deleted).",
        };
        var output = new OutputOptions();
        var command = new Command("install", "Install the git pre-commit hook into the repository around the current directory.")
        {
            autostage, policy, force,
        };
        output.AddTo(command);
        command.WithExamples(
            ("guard this repository", "hookguard install"),
            ("fix drift into each commit instead of blocking it", "hookguard install --autostage"));
        command.SetAction(parsed => Run(output.Apply(context, parsed), parsed.GetValue(autostage), SharedOptions.ParsePolicy(parsed.GetValue(policy)), parsed.GetValue(force)));
        return command;
    }

    private static int Run(CommandContext context, bool autostage, Core.Drift.Policy? policy, bool force)
    {
        var hooksDirectory = GitHooksDirectory.Find(context.WorkingDirectory);
        var settings = new HookSettings(RecordedExecutable.Resolve(context, Environment.ProcessPath), autostage, policy);
        context.Trace($"hooks directory {hooksDirectory}; recorded executable {settings.ExecutablePath}");
        var result = HookInstaller.Install(hooksDirectory, settings, force);

        context.SuccessOut.WriteLine(Shown(result.Outcome switch
        {
            HookInstallOutcome.Installed => $"Installed the HookGuard pre-commit hook: {result.HookPath}",
            HookInstallOutcome.Updated => $"Updated the HookGuard pre-commit hook: {result.HookPath}",
            _ => $"The HookGuard pre-commit hook is already installed, unchanged: {result.HookPath}",
        }));
        InstallMergeHook(context, hooksDirectory, settings, force);
        context.SuccessOut.WriteLine(Shown($"It runs: {settings.ExecutablePath} check{string.Concat(settings.CheckArguments.Select(argument => " " + argument))}"));
        if (result.MovedAsideHookPath is not null)
        {
            context.SuccessOut.WriteLine(Shown($"Moved the hook saved earlier aside, untouched: {result.MovedAsideHookPath}"));
        }

        if (result.ChainedHookPath is not null)
        {
            context.SuccessOut.WriteLine(Shown($"The hook that was there before runs first and can still block the commit: {result.ChainedHookPath}"));
        }

        // core.hooksPath inside the work tree (Husky.Net's .husky): the hook is now a change to a tracked or untracked file
        // there, with this machine's path in it; committing it would hand every clone a hook that calls this path.
        if (HooksDirectoryInWorkTree(context, hooksDirectory) is { } relative)
        {
            context.Out.WriteLine(
                $"Note: git runs hooks from '{Shown(relative)}' inside the work tree (core.hooksPath). Do not commit HookGuard's hook " +
                "there; for a hooks directory the team shares, call 'hookguard check' from its own hook instead (README: 'With pre-commit, prek, lefthook or Husky.Net').");
        }

        return ExitCodes.InSync;
    }

    /// <summary>A line naming paths: a newline or escape sequence in a directory name is printed escaped (issue 11).</summary>
    private static string Shown(string line) => TerminalText.Escape(line);

    /// <summary>The hooks directory relative to the work-tree root when it lies in the work tree (not under .git), else null.</summary>
    private static string? HooksDirectoryInWorkTree(CommandContext context, string hooksDirectory)
    {
        string workTree;
        try
        {
            workTree = Git.RepositoryLocator.Locate(context.WorkingDirectory, context.Environment).WorkTreeRoot;
        }
        catch (UserError)
        {
            return null; // the hook is installed; a repository HookGuard cannot read only loses this note
        }

        var relative = Path.GetRelativePath(workTree, hooksDirectory);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside || relative == ".git" || relative.StartsWith(".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? null : relative;
    }

    /// <summary>
    /// <c>git merge</c> runs <c>pre-merge-commit</c>, not <c>pre-commit</c>: the same hook goes there, chaining a foreign
    /// one the same way, so that a merge that brings drift in is checked too.
    /// </summary>
    private static void InstallMergeHook(CommandContext context, string hooksDirectory, HookSettings settings, bool force)
    {
        var result = HookInstaller.Install(hooksDirectory, settings, force, hookName: HookInstaller.MergeHookName);
        context.SuccessOut.WriteLine(Shown(result.Outcome switch
        {
            HookInstallOutcome.Installed => $"Installed the HookGuard pre-merge-commit hook: {result.HookPath}",
            HookInstallOutcome.Updated => $"Updated the HookGuard pre-merge-commit hook: {result.HookPath}",
            _ => $"The HookGuard pre-merge-commit hook is already installed, unchanged: {result.HookPath}",
        }));
        if (result.MovedAsideHookPath is not null)
        {
            context.SuccessOut.WriteLine(Shown($"Moved the merge hook saved earlier aside, untouched: {result.MovedAsideHookPath}"));
        }

        if (result.ChainedHookPath is not null)
        {
            context.SuccessOut.WriteLine(Shown($"The merge hook that was there before runs first and can still block the merge: {result.ChainedHookPath}"));
        }
    }
}
