using System.CommandLine;
using HookGuard.Cli;

namespace HookGuard.Commands;

/// <summary><c>hookguard status</c>: where the hook is, which projects, venvs and requirement files, and the verdict.</summary>
public static class StatusCommand
{
    public static Command Define(CommandContext context)
    {
        var command = new Command("status", "Show the hook, the projects found, their venvs and requirement files, and the verdict.");
        command.SetAction(_ => Run(context));
        return command;
    }

    private static int Run(CommandContext context) =>
        throw new NotImplementedException("owned by the integrator");
}
