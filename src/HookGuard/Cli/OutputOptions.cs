using System.CommandLine;

namespace HookGuard.Cli;

/// <summary>
/// <c>--quiet</c>/<c>-q</c> and <c>--verbose</c>/<c>-v</c>, on the commands where they mean something (check, fix,
/// install, uninstall; status exists to be read, so it has neither). Exit codes never depend on them.
/// </summary>
public sealed class OutputOptions
{
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print only errors and drift; nothing when all is well." };

    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Also print what was read (projects, venvs, declaration files) and timings, on stderr." };

    /// <summary>Adds both options to <paramref name="command"/>; returns it.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(_quiet);
        command.Options.Add(_verbose);
        return command;
    }

    /// <summary>The context with the verbosity the command line asked for.</summary>
    public CommandContext Apply(CommandContext context, ParseResult parsed)
    {
        var (quiet, verbose) = (parsed.GetValue(_quiet), parsed.GetValue(_verbose));
        if (quiet && verbose)
        {
            throw new UserError("Give --quiet or --verbose, not both.");
        }

        return context with { Verbosity = quiet ? Verbosity.Quiet : verbose ? Verbosity.Verbose : Verbosity.Normal };
    }
}
