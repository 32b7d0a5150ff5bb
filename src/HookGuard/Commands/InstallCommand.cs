using System.CommandLine;
using HookGuard.Cli;

namespace HookGuard.Commands;

/// <summary><c>hookguard install [--autostage] [--policy P] [--force]</c>: writes the pre-commit hook (SPEC sec. 3).</summary>
public static class InstallCommand
{
    public static Command Define(CommandContext context)
    {
        var autostage = SharedOptions.Autostage();
        var policy = SharedOptions.Policy();
        var force = new Option<bool>("--force") { Description = "Replace a hook HookGuard cannot chain safely." };
        var command = new Command("install", "Install the git pre-commit hook into the repository around the current directory.")
        {
            autostage, policy, force,
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(autostage), SharedOptions.ParsePolicy(parsed.GetValue(policy)), parsed.GetValue(force)));
        return command;
    }

    private static int Run(CommandContext context, bool autostage, Core.Drift.Policy? policy, bool force) =>
        throw new NotImplementedException("owned by the git/hook work");
}
