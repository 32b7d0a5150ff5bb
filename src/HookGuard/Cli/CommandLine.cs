using System.CommandLine;
using HookGuard.Commands;
using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Cli;

/// <summary>
/// The command tree (SPEC sec. 2) and the single place where errors become messages and exit codes.
/// </summary>
public static class CommandLine
{
    public static int Run(string[] args, CommandContext context)
    {
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine($"hookguard: {OneParagraph(error.Message)}");
            }

            context.Error.WriteLine("Run 'hookguard --help' for usage.");
            return ExitCodes.CouldNotCheck;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (UserError error)
        {
            context.Error.WriteLine($"hookguard: {OneParagraph(error.Message)}");
            if (context.Debug)
            {
                context.Error.WriteLine(error.ToString());
            }

            return error.ExitCode;
        }
        catch (Exception badInput) when (badInput is RequirementFileError or DeclarationFileError or ConfigError or VenvFormatException or PackagingFormatException)
        {
            // Malformed input names its own file and line (SPEC sec. 7): say it as it is, exit 2, nothing changed.
            context.Error.WriteLine($"hookguard: {OneParagraph(badInput.Message)}");
            if (context.Debug)
            {
                context.Error.WriteLine(badInput.ToString());
            }

            return ExitCodes.CouldNotCheck;
        }
        catch (Exception unexpected)
        {
            // A user never sees a stack trace (SPEC sec. 2); HOOKGUARD_DEBUG=1 shows it to whoever reports the bug.
            context.Error.WriteLine($"hookguard: internal error: {OneParagraph(unexpected.Message)}");
            context.Error.WriteLine(context.Debug
                ? unexpected.ToString()
                : "Set HOOKGUARD_DEBUG=1 for details. To commit anyway: HOOKGUARD_SKIP=1 git commit ...");
            return ExitCodes.CouldNotCheck;
        }
    }

    /// <summary>
    /// An error message as the one paragraph SPEC sec. 7 promises: every control character escaped, line breaks too.
    /// A message quotes paths and lines from the repository, and a newline in a file or directory name would otherwise
    /// print a line of its own that looks like HookGuard's (issue 11; <c>Security/InjectionSpecs</c>). The escaping
    /// writer behind <c>context.Error</c> keeps line breaks, since reports are many lines; a message must not.
    /// </summary>
    private static string OneParagraph(string message) => Core.Reporting.TerminalText.Escape(message.TrimEnd('\n', '\r'));

    private static RootCommand Build(CommandContext context)
    {
        var root = new RootCommand("HookGuard keeps requirements.txt true to the virtualenv you run, at every git commit.");
        root.Subcommands.Add(InstallCommand.Define(context));
        root.Subcommands.Add(UninstallCommand.Define(context));
        root.Subcommands.Add(CheckCommand.Define(context));
        root.Subcommands.Add(FixCommand.Define(context));
        root.Subcommands.Add(StatusCommand.Define(context));
        root.WithExamples(
            ("guard the repository you are in", "hookguard install"),
            ("what is guarded, and the verdict", "hookguard status"),
            ("what CI runs", "hookguard check --all --format github"),
            ("the options of one command", "hookguard check --help"));
        HelpText.Install(root);
        return root;
    }
}
