using System.CommandLine;
using HookGuard.Cli;
using HookGuard.Hooks;
using HookGuard.Core.Reporting;

namespace HookGuard.Commands;

/// <summary><c>hookguard uninstall</c>: removes only HookGuard's hooks (pre-commit, pre-merge-commit) and restores the previous one byte for byte.</summary>
public static class UninstallCommand
{
    public static Command Define(CommandContext context)
    {
        var output = new OutputOptions();
        var command = new Command("uninstall", "Remove HookGuard's pre-commit hook, restoring any hook it replaced.");
        output.AddTo(command);
        command.WithExamples(("unguard this repository", "hookguard uninstall"));
        command.SetAction(parsed => Run(output.Apply(context, parsed)));
        return command;
    }

    private static int Run(CommandContext context)
    {
        var hooksDirectory = GitHooksDirectory.Find(context.WorkingDirectory);
        context.Trace($"hooks directory {hooksDirectory}");
        // pre-commit first: when it is not HookGuard's, uninstall refuses before anything has changed.
        foreach (var hookName in HookInstaller.HookNames)
        {
            if (hookName != HookInstaller.HookName && HookInstaller.Inspect(hooksDirectory, hookName).Presence == HookPresence.Foreign)
            {
                // Earlier HookGuard versions wrote only pre-commit: a foreign pre-merge-commit is someone else's, not an error.
                context.SuccessOut.WriteLine(TerminalText.Escape($"The {hookName} hook is not HookGuard's; it was left untouched: {Path.Combine(hooksDirectory, hookName)}"));
                continue;
            }

            var result = HookInstaller.Uninstall(hooksDirectory, hookName);
            context.SuccessOut.WriteLine(TerminalText.Escape(result.Outcome switch
            {
                HookUninstallOutcome.Removed => $"Removed the HookGuard {hookName} hook: {result.HookPath}",
                HookUninstallOutcome.RemovedAndRestored => $"Removed the HookGuard {hookName} hook and restored the hook it had replaced: {result.HookPath}",
                HookUninstallOutcome.Restored => $"No HookGuard {hookName} hook was installed; restored the hook it had saved: {result.HookPath}",
                _ => $"No HookGuard {hookName} hook is installed here ({result.HookPath}); nothing changed.",
            })); // a path with a newline prints escaped (issue 11)
        }

        return ExitCodes.InSync;
    }
}
