using System.CommandLine;
using HookGuard.Cli;
using HookGuard.Hooks;

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
        foreach (var hookName in HookInstaller.HookNames)
        {
            var result = HookInstaller.Install(hooksDirectory, settings, force, hookName: hookName);
            context.SuccessOut.WriteLine(result.Outcome switch
            {
                HookInstallOutcome.Installed => $"Installed the HookGuard {hookName} hook: {result.HookPath}",
                HookInstallOutcome.Updated => $"Updated the HookGuard {hookName} hook: {result.HookPath}",
                _ => $"The HookGuard {hookName} hook is already installed, unchanged: {result.HookPath}",
            });
            if (result.MovedAsideHookPath is not null)
            {
                context.SuccessOut.WriteLine($"Moved the hook saved earlier aside, untouched: {result.MovedAsideHookPath}");
            }

            if (result.ChainedHookPath is not null)
            {
                context.SuccessOut.WriteLine($"The hook that was there before runs first and can still block the commit: {result.ChainedHookPath}");
            }
        }

        context.SuccessOut.WriteLine($"It runs: {settings.ExecutablePath} check{string.Concat(settings.CheckArguments.Select(argument => " " + argument))}");
        return ExitCodes.InSync;
    }
}
