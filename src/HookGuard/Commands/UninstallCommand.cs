using System.CommandLine;
using HookGuard.Cli;
using HookGuard.Hooks;

namespace HookGuard.Commands;

/// <summary><c>hookguard uninstall</c>: removes only HookGuard's hook and restores the previous one byte for byte.</summary>
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
        var result = HookInstaller.Uninstall(hooksDirectory);
        context.SuccessOut.WriteLine(result.Outcome switch
        {
            HookUninstallOutcome.Removed => $"Removed the HookGuard pre-commit hook: {result.HookPath}",
            HookUninstallOutcome.RemovedAndRestored => $"Removed the HookGuard pre-commit hook and restored the hook it had replaced: {result.HookPath}",
            HookUninstallOutcome.Restored => $"No HookGuard hook was installed; restored the hook it had saved: {result.HookPath}",
            _ => $"No HookGuard pre-commit hook is installed here ({result.HookPath}); nothing changed.",
        });
        return ExitCodes.InSync;
    }
}
