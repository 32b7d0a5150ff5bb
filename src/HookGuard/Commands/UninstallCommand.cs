using System.CommandLine;
using HookGuard.Cli;

namespace HookGuard.Commands;

/// <summary><c>hookguard uninstall</c>: removes only HookGuard's hook and restores the previous one byte for byte.</summary>
public static class UninstallCommand
{
    public static Command Define(CommandContext context)
    {
        var command = new Command("uninstall", "Remove HookGuard's pre-commit hook, restoring any hook it replaced.");
        command.SetAction(_ => Run(context));
        return command;
    }

    private static int Run(CommandContext context) =>
        throw new NotImplementedException("owned by the git/hook work");
}
