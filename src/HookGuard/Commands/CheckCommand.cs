using System.CommandLine;
using HookGuard.Cli;

namespace HookGuard.Commands;

/// <summary><c>hookguard check [--all | PATH...] [--autostage] [--policy P] [--format F]</c>: the validator (SPEC sec. 4).</summary>
public static class CheckCommand
{
    public static Command Define(CommandContext context)
    {
        var all = new Option<bool>("--all") { Description = "Check every project in the repository, not only those the staged change touches." };
        var autostage = SharedOptions.Autostage();
        var policy = SharedOptions.Policy();
        var format = new Option<string>("--format") { Description = "text, json or github.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "github");
        var paths = new Argument<string[]>("PATH") { Description = "Projects to check.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("check", "Compare the staged requirement files of the touched projects with their venvs.")
        {
            all, autostage, policy, format, paths,
        };
        command.SetAction(parsed => Run(context));
        return command;
    }

    private static int Run(CommandContext context) =>
        throw new NotImplementedException("owned by the integrator");
}
