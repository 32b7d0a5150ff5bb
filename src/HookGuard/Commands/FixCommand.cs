using System.CommandLine;
using HookGuard.Cli;

namespace HookGuard.Commands;

/// <summary><c>hookguard fix [PATH...]</c>: rewrites work-tree requirement files to match the venvs (no staging).</summary>
public static class FixCommand
{
    public static Command Define(CommandContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Projects to fix (default: every project).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("fix", "Rewrite requirement files in the work tree to match the venvs.") { paths };
        command.SetAction(parsed => Run(context));
        return command;
    }

    private static int Run(CommandContext context) =>
        throw new NotImplementedException("owned by the integrator");
}
